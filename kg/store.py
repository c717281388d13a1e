"""Graph stores: where built relations go, one committed document batch at a time.

Two stores share one small interface. ``MemoryStore`` is rdflib's in-memory graph (Turtle on
disk through ``kg.graph.save_graph``): simple, for graphs up to a few hundred thousand triples
(it holds about 1.5 GB a million).
``OxigraphStore`` is a persistent Oxigraph database (pyoxigraph, RocksDB) for graphs of tens of
millions of triples: each document batch is one transaction, so a killed process loses at most
the batch it was writing, and ``bulk_load`` reads N-Triples shards without holding them in memory.

Both record, per document, the SHA-256 of its content (Oxigraph in a separate named graph,
``INGEST_GRAPH``; the memory store in a file beside its graph file), so an incremental build
skips the documents a store already holds (``has_document``). The kg graph itself stays in the
default graph and is what queries see.

Example:
    >>> from kg.records import ActorRef, Document, Relation
    >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
    >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
    >>> document = Document(id="d1", text="India and Russia signed a pact.")
    >>> relation = Relation(doc_id="d1", sentence=document.text, start=0, end=31, source=india,
    ...     target=russia, type="AGREE", cameo="057", cooperation=8.0, verb="sign",
    ...     trigger_start=17, trigger_end=23)
    >>> store = open_store("oxigraph:")          # no path: a temporary in-memory Oxigraph
    >>> store.add_documents([(document, [relation])])
    >>> store.has_document("d1", content_hash(document)), store.has_document("d2", "x")
    (True, False)
    >>> store.query("partners", actor="IND")
    [{'partner': 'RUS', 'type': 'AGREE', 'direction': 'out', 'events': 1, 'cooperation': 8.0}]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.records import Document, Relation

#: Bytes of N-Triples one Oxigraph bulk loader thread takes at a time.
BULK_PART_BYTES = 16 * 1024 * 1024

__all__ = ["INGEST_GRAPH", "MemoryStore", "OxigraphStore", "content_hash", "is_store_spec", "open_store",
           "oxigraph_triples"]

#: Named graph holding one ``<document> ingest:sha256 "hex"`` record per committed document.
INGEST_GRAPH = "https://w3id.org/kg/id/ingest"
_SHA256 = "https://w3id.org/kg/id/ingest#sha256"

#: A batch: documents with the relations extracted from each (an empty list is still recorded).
Batch = Sequence[tuple[Document, Sequence[Relation]]]

_STORE_CHOICES = "memory, memory:GRAPH.ttl or oxigraph:FOLDER"

# A state or IGO first met through a person gets its code as label and a default kind; when a
# later batch names it, these defaults go (kg.graph does the same inside one graph).
_DEFAULTS_UPDATE = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DELETE {{ ?actor skos:prefLabel ?code }}
WHERE {{ ?actor kgo:code ?code ; skos:prefLabel ?code , ?label . FILTER(?label != ?code) }} ;
DELETE {{ ?actor a kgo:State }}
WHERE {{ ?actor kgo:code ?code ; a kgo:State , ?kind .
        VALUES ?kind {{ kgo:IGO kgo:Person kgo:Organisation }} FILTER(?code NOT IN ({igos})) }} ;
DELETE {{ ?actor a kgo:IGO }}
WHERE {{ ?actor kgo:code ?code ; a kgo:IGO , ?kind .
        VALUES ?kind {{ kgo:State kgo:Person kgo:Organisation }} FILTER(?code IN ({igos})) }}
"""


def _defaults_update() -> str:
    from kg.graph import _SCHEME_IGOS

    igos = ", ".join(f'"{code}"' for code in sorted(_SCHEME_IGOS))  # kg's own constant codes
    return _DEFAULTS_UPDATE.format(igos=igos)


def content_hash(document: Document) -> str:
    """Return the SHA-256 of what a document contributes: its text, date and URL.

    Example:
        >>> content_hash(Document(id="a", text="x")) == content_hash(Document(id="b", text="x"))
        True
    """
    key = "\x00".join((document.text, document.date or "", document.url or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def open_store(spec: str | Path | None = None, *, read_only: bool = False):
    """Open the store a spec names.

    Args:
        spec: ``None`` or ``"memory"``: a new in-memory rdflib graph; ``"memory:GRAPH.ttl"``: the
            same, loaded from that file when it exists (``save()`` writes it back);
            ``"oxigraph:FOLDER"``: a persistent Oxigraph store (created when missing);
            ``"oxigraph:"``: a temporary in-memory Oxigraph store.
        read_only: Open an Oxigraph folder to read only: it must exist, and a build may hold
            it open meanwhile (the reader sees what was committed when it opened).

    Raises:
        InputError: an unknown kind of store, or a store another process holds open.
    """
    text = "memory" if spec is None else str(spec)
    kind, _, location = text.partition(":")
    if kind == "memory":
        return MemoryStore(location or None)
    if kind == "oxigraph":
        return OxigraphStore(location or None, read_only=read_only)
    raise InputError(text, "unknown store", fix=f"use one of: {_STORE_CHOICES}")


def is_store_spec(value: str | Path) -> bool:
    """Whether a ``--graph`` value names an Oxigraph store (``oxigraph:FOLDER``) rather than a file.

    Example:
        >>> is_store_spec("oxigraph:kgdb"), is_store_spec(Path("out/graph.ttl"))
        (True, False)
    """
    return str(value).startswith("oxigraph:")


class _Store:
    """What both stores share: batches in, named queries out."""

    def add_documents(self, batch: Batch) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def query(self, name: str, **bindings: object) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (an Oxigraph folder can then be opened by another process)."""


class MemoryStore(_Store):
    """rdflib's in-memory graph; with a file, its document records are kept beside it.

    The records of ``GRAPH.ttl`` go to ``GRAPH.ttl.documents.jsonl`` (one ``[doc_id, sha256]``
    a line), written after the graph, so a run killed in between only parses documents again.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        from rdflib import Graph

        from kg.graph import load_graph

        self.path = Path(path) if path else None
        self.graph = load_graph(self.path) if self.path and self.path.exists() else Graph(bind_namespaces="core")
        self._documents: set[tuple[str, str]] = set()
        if self.path is not None and self.path.exists() and self._records_path.exists():
            lines = self._records_path.read_text(encoding="utf-8").splitlines()
            self._documents.update(tuple(json.loads(line)) for line in lines if line)
        self._changed = False

    @property
    def _records_path(self) -> Path:
        return self.path.with_name(self.path.name + ".documents.jsonl")

    def __len__(self) -> int:
        return len(self.graph)

    def has_document(self, doc_id: str, digest: str) -> bool:
        """Whether a document with this id and content hash was added."""
        return (doc_id, digest) in self._documents

    def add_documents(self, batch: Batch) -> None:
        """Add the relations of a batch of documents and record the documents."""
        from kg.graph import build_graph

        build_graph((relation for _, relations in batch for relation in relations), graph=self.graph)
        self._documents.update((document.id, content_hash(document)) for document, _ in batch)
        self._changed = True

    def record_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """Record ``(doc_id, content_hash)`` pairs whose triples were bulk-loaded."""
        self._documents.update(documents)

    def bulk_load(self, paths: Iterable[str | Path]) -> None:
        """Parse N-Triples files into the graph."""
        for path in paths:
            self.graph.parse(str(path), format="nt")
            self._changed = True
        self.graph.update(_defaults_update())

    def query(self, name: str, **bindings: object) -> list[dict[str, Any]]:
        """Run a named query (``kg.sparql.named_queries``) with bound values."""
        from kg.sparql import run_named

        return run_named(self.graph, name, **bindings)

    def to_rdflib(self):
        """The rdflib graph itself."""
        return self.graph

    def save(self, path: str | Path | None = None, *, format: str | None = None) -> Path:
        """Write the graph atomically (to the file it was opened from by default)."""
        from kg.graph import save_graph

        target = path or self.path
        if target is None:
            raise KgError("an in-memory store has no file to save to; pass a path")
        return save_graph(self.graph, target, format=format)

    def close(self) -> None:
        """Write the graph and its document records back to the file it was opened from, when changed."""
        from kg.io import atomic_write

        if self.path is not None and self._changed:
            self.save()
            with atomic_write(self._records_path) as handle:
                handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in sorted(self._documents))
            self._changed = False


class OxigraphStore(_Store):
    """A persistent Oxigraph store: one transaction per document batch, bulk loads, SPARQL."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph

        self.path = Path(path) if path else None
        if read_only and (self.path is None or not self.path.is_dir()):
            raise InputError(str(self.path or "oxigraph:"), "no Oxigraph store there",
                             fix="build one with kg build --store oxigraph:FOLDER, or name its folder")
        try:
            if read_only:
                self._store = pyoxigraph.Store.read_only(str(self.path))
            else:
                self._store = pyoxigraph.Store(str(self.path)) if self.path else pyoxigraph.Store()
        except OSError as err:
            raise InputError(str(self.path), f"cannot open the Oxigraph store ({_first_line(err)})",
                             fix="close the other kg process using it, or name another folder") from err
        self._ox = pyoxigraph
        self._ingest = pyoxigraph.NamedNode(INGEST_GRAPH)
        self._sha256 = pyoxigraph.NamedNode(_SHA256)
        self.read_only = read_only
        if not read_only:  # heal defaults a process killed between a batch and its clean-up may have left
            self._store.update(_defaults_update())

    def __len__(self) -> int:
        """Triples in the kg graph (the default graph), document records excluded."""
        solution = next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        return int(solution["n"].value)

    def documents(self) -> int:
        """How many document records the store holds."""
        return sum(1 for _ in self._store.quads_for_pattern(None, self._sha256, None, self._ingest))

    def has_document(self, doc_id: str, digest: str) -> bool:
        """Whether a document with this id and content hash was committed."""
        from kg.namespace import document_iri

        pattern = (self._ox.NamedNode(str(document_iri(doc_id))), self._sha256, self._ox.Literal(digest), self._ingest)
        return next(iter(self._store.quads_for_pattern(*pattern)), None) is not None

    def add_documents(self, batch: Batch) -> None:
        """Add a batch's relations and document records in one transaction.

        The triples are made as Oxigraph terms straight from the relations (``oxigraph_triples``),
        then one update drops the defaults a named state or IGO replaces, as ``build_graph`` does.
        """
        quads = [self._ox.Quad(*triple) for triple in
                 oxigraph_triples(relation for _, relations in batch for relation in relations)]
        quads += self._records((document.id, content_hash(document)) for document, _ in batch)
        self._store.extend(quads)
        self._store.update(_defaults_update())

    def record_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """Record ``(doc_id, content_hash)`` pairs whose triples were bulk-loaded, in one transaction."""
        self._store.extend(self._records(documents))

    def _records(self, documents: Iterable[tuple[str, str]]) -> list:
        from kg.namespace import document_iri

        return [self._ox.Quad(self._ox.NamedNode(str(document_iri(doc_id))), self._sha256,
                              self._ox.Literal(digest), self._ingest) for doc_id, digest in documents]

    def bulk_load(self, paths: Iterable[str | Path], *, threads: int | None = None) -> None:
        """Load N-Triples files into the default graph with Oxigraph's bulk loader.

        Oxigraph parses one input on one core, so each file is cut at line ends into parts of
        ``BULK_PART_BYTES`` that ``threads`` loaders (one per core by default) take in turn; at
        most two parts a thread are in memory, however big the file. The files are kg's own
        shards, written by pyoxigraph, so the loader skips re-validating IRIs (``lenient``);
        a line that is not N-Triples still fails.
        """
        from concurrent.futures import ThreadPoolExecutor

        threads = threads or os.cpu_count() or 1
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for path in paths:
                pending: list = []
                for first_line, part in _line_parts(Path(path), BULK_PART_BYTES):
                    pending.append((first_line, pool.submit(self._load_part, part)))
                    if len(pending) >= 2 * threads:
                        self._finish_part(path, *pending.pop(0))
                for first_line, future in pending:
                    self._finish_part(path, first_line, future)
        self._store.flush()
        self._store.update(_defaults_update())

    def _load_part(self, part: bytes) -> None:
        self._store.bulk_load(input=part, format=self._ox.RdfFormat.N_TRIPLES, to_graph=self._ox.DefaultGraph(),
                              lenient=True)

    @staticmethod
    def _finish_part(path: str | Path, first_line: int, future) -> None:
        try:
            future.result()
        except SyntaxError as err:
            raise InputError(str(path), f"not valid N-Triples in the part from line {first_line} "
                                        f"({_first_line(err)})", fix="regenerate the shard") from err

    def query(self, name: str, **bindings: object) -> list[dict[str, Any]]:
        """Run a named query with bound values.

        Oxigraph's ``substitutions`` only bind projected variables, so the values go in as a
        ``VALUES`` row at the start of the query's outer pattern, each written by pyoxigraph
        from a typed term (its N-Triples form, escaped by Oxigraph): a value is never pasted.
        """
        from kg.sparql import prepare_bindings, query_text

        text = query_text(name, bindings)
        terms = prepare_bindings(name, bindings)
        if terms:
            names = " ".join(f"?{variable}" for variable in terms)
            values = " ".join(str(_ox_term(self._ox, term)) for term in terms.values())
            text = text.replace("WHERE {", f"WHERE {{\n  VALUES ({names}) {{ ({values}) }}", 1)
        return _solution_rows(self._store.query(text))

    def sparql(self, text: str, *, source: str = "query") -> list[dict[str, Any]]:
        """Run a user's own SPARQL query on Oxigraph itself, rows as ``kg.sparql.run_sparql`` gives them.

        Raises:
            QueryError: the text is not a valid SPARQL query (an update is not one).

        Example:
            >>> store = open_store("oxigraph:")
            >>> store.sparql("ASK { ?s ?p ?o }")
            [{'ask': False}]
            >>> store.sparql("DELETE WHERE { ?s ?p ?o }", source="mine.rq")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            kg.errors.QueryError: mine.rq: invalid SPARQL (...); kg runs SELECT, ASK, CONSTRUCT and DESCRIBE ...
        """
        from kg.errors import QueryError
        from kg.sparql import _plain

        try:
            result = self._store.query(text)
        except SyntaxError as err:
            raise QueryError(f"{source}: invalid SPARQL ({_first_line(err)}); kg runs SELECT, ASK, "
                             "CONSTRUCT and DESCRIBE queries, not updates") from err
        if isinstance(result, self._ox.QueryBoolean):
            return [{"ask": bool(result)}]
        if isinstance(result, self._ox.QueryTriples):
            return [{"subject": _plain(_rdflib_term(triple.subject)),
                     "predicate": _plain(_rdflib_term(triple.predicate)),
                     "object": _plain(_rdflib_term(triple.object))} for triple in result]
        return _solution_rows(result)

    def triples(self) -> Iterator[tuple]:
        """The kg graph's triples as rdflib terms."""
        for quad in self._store.quads_for_pattern(None, None, None, self._ox.DefaultGraph()):
            yield _rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)

    def to_rdflib(self):
        """Copy the kg graph into an rdflib in-memory graph (for views and SHACL; mind its size)."""
        from rdflib import Graph

        from kg.graph import _bind_prefixes

        graph = Graph(bind_namespaces="core")
        _bind_prefixes(graph)
        graph.addN((s, p, o, graph) for s, p, o in self.triples())
        return graph

    def save(self, path: str | Path, *, format: str | None = None) -> Path:
        """Write the kg graph to an RDF file atomically (N-Triples and Turtle by Oxigraph itself)."""
        from kg.graph import _format_of, save_graph
        from kg.io import atomic_write
        from kg.namespace import PREFIXES

        target = Path(path)
        plugin = _format_of(target, format)
        formats = {"nt": self._ox.RdfFormat.N_TRIPLES, "turtle": self._ox.RdfFormat.TURTLE}
        if plugin not in formats or target.suffix == ".gz":
            return save_graph(self.to_rdflib(), target, format=format)
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        with atomic_write(target, mode="wb") as handle:
            self._store.dump(handle, format=formats[plugin], from_graph=self._ox.DefaultGraph(),
                             **({"prefixes": prefixes} if plugin == "turtle" else {}))
        return target

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None


def oxigraph_triples(relations: Iterable[Relation]) -> Iterator[tuple]:
    """Yield each ``(subject, predicate, object)`` of relations once, as pyoxigraph terms (no rdflib graph).

    The statements are ``kg.graph.relation_statements``, the ones ``build_graph`` adds, with the
    defaults of states and IGOs known only through a person always included: a store drops those
    a named actor replaces with one update after each batch (``_defaults_update``).

    Example:
        >>> from kg.records import ActorRef
        >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
        >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
        >>> triples = list(oxigraph_triples([Relation(doc_id="d1", sentence="India and Russia met.",
        ...     start=0, end=21, source=india, target=russia, type="CONSULT", cameo="040",
        ...     cooperation=1.0, verb="meet")]))
        >>> sorted(str(o) for s, p, o in triples if p.value.endswith("cooperation"))
        ['"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>']
    """
    import pyoxigraph as ox

    from kg.graph import Lexical, relation_statements

    nodes: dict[str, ox.NamedNode] = {}  # predicates, classes, actors and datatypes recur

    def node(iri: str) -> ox.NamedNode:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = ox.NamedNode(iri)
        return found

    def term(value):
        if not isinstance(value, Lexical):
            return node(value)
        if value.datatype is None:
            return ox.Literal(value.text)
        return ox.Literal(value.text, datatype=node(value.datatype))

    seen: set[tuple] = set()  # actors, documents and sentences recur across relations
    for relation in relations:
        facts, defaults, _ = relation_statements(relation)
        for statement in (*facts, *defaults):
            if statement not in seen:
                seen.add(statement)
                yield node(statement[0]), node(statement[1]), term(statement[2])


def _solution_rows(result) -> list[dict[str, Any]]:
    """pyoxigraph SELECT solutions as rows of plain values (``kg.sparql``'s form)."""
    from kg.sparql import _rows_from_terms

    names = [variable.value for variable in result.variables]
    return _rows_from_terms(names, ([_rdflib_term(solution[n]) for n in names] for solution in result))


def _line_parts(path: Path, size: int) -> Iterator[tuple[int, bytes]]:
    r"""Cut a file into parts of about ``size`` bytes that end at a line end, with the number of
    each part's first line.

    Example:
        >>> import tempfile
        >>> file = Path(tempfile.mkdtemp()) / "x.nt"
        >>> _ = file.write_bytes(b"a\nbb\nccc\n")
        >>> list(_line_parts(file, 3))
        [(1, b'a\n'), (2, b'bb\n'), (3, b'ccc\n')]
    """
    line, rest = 1, b""
    with path.open("rb") as handle:
        while block := handle.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            part, rest = block[:cut], block[cut:]
            yield line, part
            line += part.count(b"\n")
    if rest:
        yield line, rest


def _first_line(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0]


def _ox_term(ox, term):
    """An rdflib term as the pyoxigraph term of the same value."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term):
    """A pyoxigraph term as the rdflib term of the same value (None stays None)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
