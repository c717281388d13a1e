"""The notebooks run top to bottom against the library, and are committed without outputs.

The analysis notebook reads the corpus named by KG_CORPUS (default ../seeds); here it reads the
real news of ../shared/corpus when that is beside the repository, so its text never lands in the repo.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news_corpus.jsonl"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    assert all(not cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_and_shows_a_plot(path, monkeypatch):
    if path.name == "analysis.ipynb" and CORPUS.is_file():
        monkeypatch.setenv("KG_CORPUS", str(CORPUS))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    assert any("image/png" in output.get("data", {}) for output in outputs)
    # The interactive view renders inline: an iframe holding the self-contained page.
    assert any("<iframe srcdoc=" in output.get("data", {}).get("text/html", "") for output in outputs)
