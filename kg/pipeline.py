"""The stages composed: paths in, relations or an RDF graph out.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Japan condemned North Korea on Monday.")
    >>> [(r.source.country, r.type, r.target.country) for r in extract(folder)]
    [('JPN', 'ACCUSE', 'PRK')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.read import read_documents
from kg.records import Document, Relation

if TYPE_CHECKING:
    import rdflib

__all__ = ["build", "extract", "extract_documents"]

Sources = Iterable[str | Path] | str | Path


def extract_documents(documents: Iterable[Document], *, nlp=None, model: str | None = None,
                      include_unasserted: bool = False, actor_files: Sequence[str] = (),
                      batch_size: int = 64, n_process: int = 1, progress: bool = False) -> Iterator[Relation]:
    """Parse documents and yield their relations (asserted only, unless ``include_unasserted``).

    Args:
        documents: The documents to read relations from.
        nlp: A pipeline from ``kg.parse.load_pipeline``; loaded from ``model`` when None.
        model: spaCy model name or path (defaults tried otherwise).
        include_unasserted: Also yield hedged and negated relations, flagged.
        actor_files: User actor dictionary files added to the shipped one.
        batch_size: Documents per spaCy batch.
        n_process: Parser processes.
        progress: Show a progress bar (documents/s, relations found) on a terminal's stderr.
    """
    from kg.actors import ActorDictionary, default_dictionary
    from kg.mentions import MentionResolver
    from kg.parse import load_pipeline, parse_documents
    from kg.relations import extract_relations

    if nlp is None:
        nlp = load_pipeline(model, actor_files=actor_files)
    actors = ActorDictionary.load(actor_files) if actor_files else default_dictionary()
    bar = _progress_bar(progress)
    found = 0
    for doc, document in parse_documents(documents, nlp, batch_size=batch_size, n_process=n_process):
        resolver = MentionResolver(doc, date=document.date, actors=actors)
        for relation in extract_relations(doc, document, resolver=resolver):
            if include_unasserted or relation.asserted:
                found += 1
                yield relation
        if bar is not None:
            bar.update(1)
            bar.set_postfix(relations=found, refresh=False)
    if bar is not None:
        bar.close()


def _progress_bar(enabled: bool):
    """A tqdm bar on stderr when asked for and stderr is a terminal; None otherwise."""
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="kg", disable=None, leave=False)


def extract(sources: Sources, **options) -> Iterator[Relation]:
    """Read texts from paths (files, folders, JSONL corpora, ``-``) and yield their relations.

    Takes the options of ``extract_documents``.
    """
    yield from extract_documents(read_documents(sources), **options)


def build(sources: Sources, *, graph: rdflib.Graph | None = None, **options) -> rdflib.Graph:
    """Extract relations from ``sources`` and add them to an RDF graph (a new one by default).

    Takes the options of ``extract_documents``; hedged and negated relations, when included,
    are kept as flagged events without a direct actor-to-actor edge.
    """
    from kg.graph import build_graph

    return build_graph(extract(sources, **options), graph=graph)
