"""Parsing and extraction on Dask distributed workers, written as N-Triples shards a store bulk-loads.

The client reads documents (skipping those the store holds), sends them in batches to the
workers, and keeps only a few batches in flight, so memory stays flat however long the corpus.
Each worker process loads the spaCy pipeline once (a cached global) and writes each batch's
graph as one N-Triples shard in a folder the client can read (one machine, or a shared file
system); the client bulk-loads each shard as it arrives, then records the shard's documents,
so a killed build resumes without losing or duplicating anything.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.pipeline import BuildReport, Sources
from kg.records import Document

if TYPE_CHECKING:
    from kg.readlog import ReadLog

__all__ = ["build_distributed", "connect", "extract_shard"]


def connect(address: str, *, workers: int = 2):
    """Return a ``dask.distributed.Client``: to a scheduler at ``address``, or a local cluster.

    Args:
        address: ``local`` for a LocalCluster of ``workers`` processes (one thread each), else
            a scheduler address such as ``tcp://10.0.0.5:8786``.
        workers: Worker processes of a local cluster.
    """
    from dask.distributed import Client

    if address == "local":  # the client owns this cluster: closing it stops the workers
        return Client(n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=":0")
    return Client(address)


@functools.cache
def _worker_pipeline(model: str | None, actor_files: tuple[str, ...], replace_actors: bool = False):
    """The worker's pipeline: loaded on a worker's first batch, kept for the next ones."""
    from kg.parse import load_pipeline

    return load_pipeline(model, actor_files=actor_files, replace_actors=replace_actors)


def extract_shard(documents: Sequence[Document], shard: str, *, model: str | None = None,
                  actor_files: tuple[str, ...] = (), replace_actors: bool = False, include_unasserted: bool = False,
                  batch_size: int = 64) -> tuple[str, list[tuple[str, str]], int, int]:
    """Parse and extract a batch of documents and write its graph as an N-Triples shard.

    Runs on a worker. The shard holds ``kg.store.oxigraph_triples`` (defaults included: the
    store's bulk load drops those a named actor replaces). Returns the shard's path, the
    ``(doc_id, content_hash)`` of its documents, the number of relations and the worker's process id.
    """
    import pyoxigraph

    from kg.io import atomic_write
    from kg.pipeline import extract_by_document
    from kg.store import content_hash, oxigraph_triples

    nlp = _worker_pipeline(model, tuple(actor_files), replace_actors)
    relations = []
    for _, found in extract_by_document(documents, nlp=nlp, actor_files=actor_files, replace_actors=replace_actors,
                                        include_unasserted=include_unasserted, batch_size=batch_size):
        relations.extend(found)
    triples = (pyoxigraph.Triple(*triple) for triple in oxigraph_triples(relations))
    with atomic_write(shard, mode="wb") as handle:
        pyoxigraph.serialize(triples, handle, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return shard, [(document.id, content_hash(document)) for document in documents], len(relations), os.getpid()


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_distributed(sources: Sources, store, client, *, shard_dir: str | Path | None = None,
                      commit_every: int = 64, model: str | None = None, actor_files: Sequence[str] = (),
                      replace_actors: bool = False, include_unasserted: bool = False, progress: bool = False,
                      keep_shards: bool = False, log: ReadLog | None = None) -> BuildReport:
    """Build ``sources`` into ``store`` with parsing and extraction on the client's Dask workers.

    Args:
        sources: Paths as for ``kg.pipeline.extract``.
        store: A store from ``kg.store.open_store``.
        client: A ``dask.distributed.Client`` (see ``connect``).
        shard_dir: Folder for the N-Triples shards, readable by workers and client; a temporary
            one by default.
        commit_every: Documents per batch (one shard each).
        replace_actors: Workers use only ``actor_files``, not the shipped dictionary.
        keep_shards: Leave the shards on disk after loading them.
        log: A ``kg.readlog.ReadLog`` to skip and count bad records; by default the first stops the build.
    """
    from dask.distributed import as_completed

    from kg.pipeline import _progress_bar, unheld_documents

    folder = Path(shard_dir) if shard_dir else Path(tempfile.mkdtemp(prefix="kg-shards-"))
    folder.mkdir(parents=True, exist_ok=True)
    before = len(store)
    added = found = 0
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers
    bar = _progress_bar(progress)

    options = {"model": model, "actor_files": tuple(str(path) for path in actor_files),
               "replace_actors": replace_actors, "include_unasserted": include_unasserted}
    skipped = Counter()
    batches = _batches(unheld_documents(sources, store, skipped, log=log), commit_every)
    pending = as_completed()
    for number, batch in enumerate(batches):
        shard = str(folder / f"shard-{os.getpid()}-{number:06d}.nt")
        pending.add(client.submit(extract_shard, batch, shard, pure=False, **options))
        if pending.count() >= window:
            added, found = _load_one(next(pending), store, added, found, bar, keep_shards)
    for future in pending:
        added, found = _load_one(future, store, added, found, bar, keep_shards)
    if bar is not None:
        bar.close()
    return BuildReport(added=added, skipped=skipped["documents"], relations=found, triples_before=before,
                       triples_after=len(store))


def _load_one(future, store, added: int, found: int, bar, keep_shards: bool) -> tuple[int, int]:
    shard, documents, relations, _ = future.result()
    store.bulk_load([shard])
    store.record_documents(documents)  # only after the triples are in: a crash reloads the shard
    if not keep_shards:
        Path(shard).unlink(missing_ok=True)
    if bar is not None:  # the count first: update() draws the bar
        bar.set_postfix(relations=found + relations, refresh=False)
        bar.update(len(documents))
    return added + len(documents), found + relations
