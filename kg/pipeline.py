"""The stages composed: paths in, relations or an RDF graph out.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Japan condemned North Korea on Monday.")
    >>> [(r.source.country, r.type, r.target.country) for r in extract(folder)]
    [('JPN', 'ACCUSE', 'PRK')]
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.chunks import join_parts, split_long
from kg.parse import BATCH_WORDS
from kg.read import read_documents
from kg.records import Document, Relation

if TYPE_CHECKING:
    import rdflib

    from kg.readlog import ReadLog

__all__ = ["BuildReport", "build", "build_store", "extract", "extract_by_document", "extract_documents",
           "unheld_documents"]

Sources = Iterable[str | Path] | str | Path


def extract_documents(documents: Iterable[Document], **options) -> Iterator[Relation]:
    """Parse documents and yield their relations (asserted only, unless ``include_unasserted``).

    Takes the options of ``extract_by_document``.
    """
    for _, relations in extract_by_document(documents, **options):
        yield from relations


def extract_by_document(documents: Iterable[Document], *, nlp=None, model: str | None = None,
                        include_unasserted: bool = False, actor_files: Sequence[str] = (),
                        replace_actors: bool = False, batch_size: int = 64, n_process: int = 1,
                        progress: bool = False) -> Iterator[tuple[Document, list[Relation]]]:
    """Parse documents (streamed, in batches) and yield each with its relations, in input order.

    Every document is yielded, also those without a relation, so a store can record it. A document
    longer than ``kg.chunks.PART_CHARS`` is parsed in parts split at sentence ends; its relations'
    offsets still point into its whole text.

    Args:
        documents: The documents to read relations from.
        nlp: A pipeline from ``kg.parse.load_pipeline``; loaded from ``model`` when None.
        model: spaCy model name or path (defaults tried otherwise).
        include_unasserted: Also yield hedged and negated relations, flagged.
        actor_files: User actor dictionary files added to the shipped one.
        replace_actors: Use only ``actor_files``, not the shipped dictionary.
        batch_size: Documents per spaCy batch.
        n_process: Processes; with more than one, forked workers each parse and extract
            whole batches and send back only relations.
        progress: Show a progress bar (documents/s, relations found) on a terminal's stderr.
    """
    from kg.actors import ActorDictionary, default_dictionary
    from kg.parse import load_pipeline

    if nlp is None:
        nlp = load_pipeline(model, actor_files=actor_files, replace_actors=replace_actors)
    custom = actor_files or replace_actors
    actors = ActorDictionary.load(actor_files, replace=replace_actors) if custom else default_dictionary()
    documents = split_long(documents)  # parts of long documents are parsed apart and joined back below
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        pairs = _extract_in_processes(documents, (nlp, actors, include_unasserted), batch_size, n_process)
    else:
        pairs = _extract_here(documents, nlp, actors, include_unasserted, batch_size=batch_size, n_process=n_process)
    pairs = join_parts(pairs)
    bar = _progress_bar(progress)
    found = 0
    for document, relations in pairs:
        found += len(relations)
        if bar is not None:  # the count first: update() draws the bar
            bar.set_postfix(relations=found, refresh=False)
            bar.update(1)
        yield document, relations
    if bar is not None:
        bar.close()


def _extract_here(documents: Iterable[Document], nlp, actors, include_unasserted: bool, *,
                  batch_size: int, n_process: int = 1) -> Iterator[tuple[Document, list[Relation]]]:
    from kg.mentions import MentionResolver
    from kg.parse import parse_documents
    from kg.relations import extract_relations

    for doc, document in parse_documents(documents, nlp, batch_size=batch_size, n_process=n_process):
        resolver = MentionResolver(doc, date=document.date, actors=actors)
        yield document, [relation for relation in extract_relations(doc, document, resolver=resolver)
                         if include_unasserted or relation.asserted]


#: Most words in a batch sent to a worker process.
WORKER_BATCH_WORDS = BATCH_WORDS // 4

#: What a forked extraction worker inherits: (nlp, actors, include_unasserted).
_WORKER_STATE: list = []


def _extract_batch(batch: list[Document]) -> list[list[Relation]]:
    nlp, actors, include_unasserted = _WORKER_STATE[-1]
    return [relations for _, relations in
            _extract_here(batch, nlp, actors, include_unasserted, batch_size=len(batch))]


def _extract_in_processes(documents: Iterable[Document], state: tuple, batch_size: int,
                          n_process: int) -> Iterator[tuple[Document, list[Relation]]]:
    """Parse and extract in forked worker processes, batches in, relations out, input order kept.

    Workers inherit the loaded pipeline (fork) and send back only relations, so the parent
    neither parses nor deserialises spaCy docs; a few batches are in flight at a time. Batches
    are a quarter of a one-process batch (``WORKER_BATCH_WORDS``), so the last ones of a run
    still keep every worker busy.
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from kg.parse import _batches

    _WORKER_STATE.append(state)
    try:
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque = deque()
            for batch in _batches(documents, batch_size, WORKER_BATCH_WORDS):
                pending.append((batch, pool.submit(_extract_batch, batch)))
                while len(pending) > 2 * n_process:
                    batch, future = pending.popleft()
                    yield from zip(batch, future.result(), strict=True)
            while pending:
                batch, future = pending.popleft()
                yield from zip(batch, future.result(), strict=True)
    finally:
        _WORKER_STATE.pop()


def _progress_bar(enabled: bool):
    """A tqdm bar on stderr when asked for and stderr is a terminal; None otherwise."""
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="kg", disable=None, leave=False)


def extract(sources: Sources, *, log: ReadLog | None = None, **options) -> Iterator[Relation]:
    """Read texts from paths (files, folders, JSONL corpora, ``-``) and yield their relations.

    Takes the options of ``extract_documents``; ``log`` (a ``kg.readlog.ReadLog``) decides whether a
    bad input record stops the run (the default) or is skipped and counted.
    """
    yield from extract_documents(read_documents(sources, log=log), **options)


def build(sources: Sources, *, graph: rdflib.Graph | None = None, **options) -> rdflib.Graph:
    """Extract relations from ``sources`` and add them to an RDF graph (a new one by default).

    Takes the options of ``extract_documents``; hedged and negated relations, when included,
    are kept as flagged events without a direct actor-to-actor edge.
    """
    from kg.graph import build_graph

    return build_graph(extract(sources, **options), graph=graph)


@dataclass(frozen=True)
class BuildReport:
    """What a store build did: documents added and skipped, relations found, triples before/after."""

    added: int
    skipped: int
    relations: int
    triples_before: int
    triples_after: int


def build_store(sources: Sources, store, *, commit_every: int = 64, log: ReadLog | None = None,
                **options) -> BuildReport:
    """Stream ``sources`` into a store (``kg.store.open_store``), committing every few documents.

    Documents the store already holds (same id and content hash) are skipped before parsing,
    so a build resumes where a killed one stopped and a rebuild only adds new documents. Only
    one batch of documents and its relations is held in memory at a time.

    Args:
        sources: Paths as for ``extract``.
        store: A ``MemoryStore`` or ``OxigraphStore``.
        commit_every: Documents per committed batch (one transaction in Oxigraph).
        log: A ``kg.readlog.ReadLog`` to skip and count bad records; by default the first stops the build.
        **options: The options of ``extract_by_document``.
    """
    before = len(store)
    skipped = Counter()
    added = found = 0
    batch: list[tuple[Document, list[Relation]]] = []
    for document, relations in extract_by_document(unheld_documents(sources, store, skipped, log=log), **options):
        batch.append((document, relations))
        found += len(relations)
        if len(batch) >= commit_every:
            store.add_documents(batch)
            added += len(batch)
            batch = []
    if batch:
        store.add_documents(batch)
        added += len(batch)
    return BuildReport(added=added, skipped=skipped["documents"], relations=found, triples_before=before,
                       triples_after=len(store))


def unheld_documents(sources: Sources, store, skipped: Counter, *, log: ReadLog | None = None) -> Iterator[Document]:
    """Yield the documents of ``sources`` that ``store`` does not hold (same id and content hash).

    Documents it holds are counted in ``skipped["documents"]`` instead (not kept: streams).
    """
    from kg.store import content_hash

    for document in read_documents(sources, log=log):
        if store.has_document(document.id, content_hash(document)):
            skipped["documents"] += 1
        else:
            yield document
