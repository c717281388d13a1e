"""Atomic writes: the old file survives a failed write, and no temporary file is left behind."""

from __future__ import annotations

import pytest

from kg.io import atomic_write


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("crash in the middle")
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_successful_write_replaces_the_file_and_creates_folders(tmp_path):
    target = tmp_path / "out" / "graph.ttl"
    with atomic_write(target) as handle:
        handle.write("new")
    assert target.read_text(encoding="utf-8") == "new"


def test_new_file_gets_ordinary_permissions_not_the_temporary_files_private_ones(tmp_path):
    target = tmp_path / "relations.jsonl"
    with atomic_write(target) as handle:
        handle.write("{}\n")
    assert target.stat().st_mode & 0o044 == 0o044
