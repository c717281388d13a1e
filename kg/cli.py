"""The ``kg`` command line: a thin typer shell, each command one library call and a print.

Exit codes: 0 success; 1 a graph that breaks kg's shapes, or another kg error; 2 bad input (file,
line, format; with --strict the first bad record; or no input record readable at all); 3 no spaCy
model; 4 bad query (unknown actor, malformed SPARQL); 5 finished, but bad input records were
skipped (each named on stderr, counted at the end); 130 interrupted. Errors print one line to
stderr, never a traceback.

Example:
    >>> from typer.testing import CliRunner
    >>> result = CliRunner().invoke(app, ["query", "allies", "India", "--graph", "missing.ttl"])
    >>> result.exit_code
    2
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import InputError, KgError
from kg.readlog import ReadLog

__all__ = ["SKIPPED_EXIT", "app", "main"]

#: Exit code of a run that finished but skipped bad input records.
SKIPPED_EXIT = 5

app = typer.Typer(
    name="kg", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Knowledge graphs of geopolitical relations from news text.",
)
query_app = typer.Typer(no_args_is_help=True, help="Answer questions from a built graph.")
app.add_typer(query_app, name="query")
actors_app = typer.Typer(no_args_is_help=True, help="Check the actor dictionary.")
app.add_typer(actors_app, name="actors")

Command = TypeVar("Command", bound=Callable[..., Any])

Inputs = Annotated[list[str], typer.Argument(help="Text files, folders, JSONL corpora, or - for stdin.")]
ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")]
ActorsOption = Annotated[
    list[str] | None, typer.Option("--actors", help="Extra actor dictionary file or folder (kg TSV format).")]
ReplaceActorsOption = Annotated[
    bool, typer.Option("--replace-actors", help="Use only the --actors files, not the shipped dictionary.")]
AllOption = Annotated[bool, typer.Option("--all", help="Include hedged and negated relations, flagged.")]
JobsOption = Annotated[int, typer.Option("--jobs", min=1, help="Parser processes.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
GraphOption = Annotated[Path, typer.Option(
    "--graph", "-g", help="Graph file (Turtle, N-Triples, RDF/XML, JSON-LD) or store (oxigraph:FOLDER).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
FormatOption = Annotated[str | None, typer.Option("--format", help="turtle, nt, xml, json-ld (default: from suffix).")]
StrictOption = Annotated[bool, typer.Option(
    "--strict", help="Stop at the first bad input record (exit 2) instead of skipping it (exit 5 at the end).")]


def _reports_errors(command: Command) -> Command:
    """Turn a ``KgError`` into one line on stderr and its exit code."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as err:
            typer.echo(f"kg: error: {_one_line(str(err))}", err=True)
            raise typer.Exit(err.exit_code) from None
    return wrapper  # type: ignore[return-value]


#: Characters that would break a message's one line (a user's text may hold them): shown escaped.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(message: str) -> str:
    r"""The message with control characters escaped, so it stays one line whatever text it quotes.

    Example:
        >>> _one_line("unknown actor 'IND\n} DROP'")
        "unknown actor 'IND\\n} DROP'"
    """
    return _LINE_BREAKING.sub(lambda match: repr(match.group())[1:-1], message)


@app.command()
@_reports_errors
def extract(inputs: Inputs,
            output: Annotated[Path | None, typer.Option("--output", "-o", help="JSONL file; default stdout.")] = None,
            model: ModelOption = None, actors: ActorsOption = None, replace_actors: ReplaceActorsOption = False,
            include_all: AllOption = False, jobs: JobsOption = 1, quiet: QuietOption = False,
            strict: StrictOption = False) -> None:
    """Write the relations found in INPUTS as JSONL, one relation a line.

    Example: kg extract seeds/ -o relations.jsonl
    """
    from kg.io import atomic_write
    from kg.pipeline import extract as extract_relations

    _check_replace(actors, replace_actors)
    log = _read_log(strict)
    relations = extract_relations(inputs, log=log, model=model, actor_files=actors or (),
                                  replace_actors=replace_actors, include_unasserted=include_all, n_process=jobs,
                                  progress=not quiet)
    lines = (json.dumps(relation.to_json(), ensure_ascii=False) + "\n" for relation in relations)
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        _finish_reading(log)
        return
    count = 0
    with atomic_write(output) as handle:
        for line in lines:
            handle.write(line)
            count += 1
        _check_read(log)
    typer.echo(f"wrote {count} relations to {output}", err=True)
    _finish_reading(log)


@app.command()
@_reports_errors
def build(inputs: Inputs,
          output: Annotated[Path | None, typer.Option(
              "--output", "-o", help="Graph file to write (format from suffix); optional with --store.")] = None,
          plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the graph to this PNG/SVG/PDF.")] = None,
          fmt: FormatOption = None,
          fresh: Annotated[bool, typer.Option("--fresh", help="Start a new graph even if OUTPUT exists.")] = False,
          model: ModelOption = None, actors: ActorsOption = None, replace_actors: ReplaceActorsOption = False,
          include_all: AllOption = False, jobs: JobsOption = 1, quiet: QuietOption = False,
          store: Annotated[str | None, typer.Option(
              "--store", help="Store to build into, e.g. oxigraph:FOLDER; documents it holds are skipped.")] = None,
          dask: Annotated[str | None, typer.Option(
              "--dask", help="Parse on Dask workers: a scheduler address, or 'local' (--jobs workers).")] = None,
          batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per committed batch.")] = 64,
          strict: StrictOption = False) -> None:
    """Build the RDF graph of INPUTS and write it; an existing OUTPUT is extended, never duplicated.

    Example: kg build seeds/ -o out/graph.ttl --plot out/graph.png
    """
    from kg.graph import load_graph, relations_from_graph, save_graph
    from kg.pipeline import build as build_graph

    _check_replace(actors, replace_actors)
    log = _read_log(strict)
    if store is not None or dask is not None:
        _build_store(inputs, output=output, spec=store, dask=dask, fmt=fmt, batch=batch, model=model,
                     actor_files=actors or (), replace_actors=replace_actors, include_all=include_all,
                     jobs=jobs, quiet=quiet, log=log)
        _finish_reading(log)
        return
    if output is None:
        raise InputError("kg build", "no output", fix="pass -o GRAPH.ttl or --store oxigraph:FOLDER")
    graph = load_graph(output) if output.exists() and not fresh else None
    before = len(graph) if graph is not None else 0
    graph = build_graph(inputs, graph=graph, log=log, model=model, actor_files=actors or (),
                        replace_actors=replace_actors, include_unasserted=include_all, n_process=jobs,
                        progress=not quiet)
    _check_read(log)
    save_graph(graph, output, format=fmt)
    relations = relations_from_graph(graph)
    typer.echo(_summary(relations, added=len(graph) - before, total=len(graph), path=output))
    if plot is not None:
        from kg.plot import save_plot
        from kg.views import to_networkx

        save_plot(to_networkx(relations), plot, title=f"kg: {output.name}")
        typer.echo(f"plot: {plot}")
    _finish_reading(log)


def _read_log(strict: bool) -> ReadLog:
    """The log of a corpus run: each skipped record or warning one line on stderr as it happens."""
    return ReadLog(strict=strict, echo=lambda line: typer.echo(f"kg: {_one_line(line)}", err=True))


def _check_read(log: ReadLog) -> None:
    """Stop (exit 2, nothing written) when input records were skipped and none could be read."""
    if log.skipped and not log.documents:
        raise InputError("inputs", f"no record could be read: {log.summary()}",
                         fix="fix the inputs named above")


def _finish_reading(log: ReadLog) -> None:
    """After the outputs are written: count what was skipped and warned about; exit 5 on skips."""
    _check_read(log)
    if log.summary():
        typer.echo(f"kg: {log.summary()}", err=True)
    if log.skipped:
        raise typer.Exit(SKIPPED_EXIT)


def _build_store(inputs: list[str], *, output: Path | None, spec: str | None, dask: str | None, fmt: str | None,
                 batch: int, model: str | None, actor_files, replace_actors: bool, include_all: bool, jobs: int,
                 quiet: bool, log: ReadLog) -> None:
    """kg build --store/--dask: stream into a store, skipping the documents it holds."""
    from kg.store import open_store

    if spec is None and output is None:
        raise InputError("kg build", "no output", fix="pass --store oxigraph:FOLDER or -o GRAPH.ttl")
    with open_store(spec or "memory") as graph_store:
        if dask is not None:
            from kg.distributed import build_distributed, connect

            with connect(dask, workers=jobs) as client:
                report = build_distributed(inputs, graph_store, client, commit_every=batch, model=model,
                                           actor_files=actor_files, replace_actors=replace_actors,
                                           include_unasserted=include_all, progress=not quiet, log=log)
        else:
            from kg.pipeline import build_store

            report = build_store(inputs, graph_store, commit_every=batch, log=log, model=model, actor_files=actor_files,
                                 replace_actors=replace_actors, include_unasserted=include_all, n_process=jobs,
                                 progress=not quiet)
        typer.echo(f"store: {spec or 'memory'} ({report.triples_after} triples, "
                   f"{report.triples_after - report.triples_before} new)\n"
                   f"documents: {report.added} added, {report.skipped} already held; "
                   f"relations: {report.relations}")
        if output is not None:
            graph_store.save(output, format=fmt)
            typer.echo(f"graph: {output}")


def _check_replace(actors: list[str] | None, replace_actors: bool) -> None:
    if replace_actors and not actors:
        raise InputError("--replace-actors", "needs at least one --actors FILE",
                         fix="add --actors FILE or drop --replace-actors")


def _summary(relations: list, *, added: int, total: int, path: Path) -> str:
    from collections import Counter

    asserted = [r for r in relations if r.asserted]
    actors = {r.source.country for r in asserted} | {r.target.country for r in asserted}
    by_type = Counter(r.type for r in asserted)
    types = ", ".join(f"{name} {count}" for name, count in by_type.most_common())
    return (f"graph: {path} ({total} triples, {added} new)\n"
            f"events: {len(asserted)} asserted ({len(relations) - len(asserted)} hedged/negated) "
            f"between {len(actors)} actors\n"
            f"types: {types or 'none'}")


HalfLifeOption = Annotated[float, typer.Option(
    "--half-life", min=1.0, help="Days after which an event counts half in the score.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Count ages back from this date, YYYY-MM-DD (default: the newest event).")]


@query_app.command("allies")
@_reports_errors
def query_allies(actor: str, graph: GraphOption, half_life: HalfLifeOption = 365.0, as_of: AsOfOption = None,
                 as_json: JsonOption = False) -> None:
    """Actors aligned with ACTOR: net cooperative ties weighted by recency, strongest first.

    Score = sum of cooperation x confidence x 0.5^(age/half-life) over the asserted events of the
    pair, either direction. Explicit alliances (pacts, partnerships, joint exercises) are listed
    under each partner; every answer shows the sentence that weighs most.

    Example: kg query allies India --graph out/graph.ttl --half-life 180
    """
    _print_ties(_knowledge(graph).allies(actor, half_life_days=half_life, as_of=as_of), as_json)


@query_app.command("rivals")
@_reports_errors
def query_rivals(actor: str, graph: GraphOption, half_life: HalfLifeOption = 365.0, as_of: AsOfOption = None,
                 as_json: JsonOption = False) -> None:
    """Actors opposed to ACTOR: net conflictual ties weighted by recency, most conflictual first.

    Example: kg query rivals China --graph out/graph.ttl --json
    """
    _print_ties(_knowledge(graph).rivals(actor, half_life_days=half_life, as_of=as_of), as_json)


@query_app.command("alliances")
@_reports_errors
def query_alliances(graph: GraphOption, actor: Annotated[str | None, typer.Argument(
        help="Only this actor's alliances (code or name).")] = None, as_json: JsonOption = False) -> None:
    """Explicit alliances: pacts, treaties, partnerships, joint exercises, membership, with their sentences.

    Example: kg query alliances Russia --graph out/graph.ttl
    """
    found = _knowledge(graph).alliances(actor)
    if as_json:
        _echo_json([alliance.to_json() for alliance in found])
        return
    _print_table(["date", "source", "target", "kind", "sentence"],
                 [[a.date or "-", a.source, a.target, a.kind + " (mutual)" * a.mutual, a.sentence] for a in found])


@query_app.command("partners")
@_reports_errors
def query_partners(actor: str, graph: GraphOption,
                   event_type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type.")] = None,
                   direction: Annotated[str, typer.Option(
                       help="both, out (ACTOR acts) or in (done to ACTOR).")] = "both",
                   as_json: JsonOption = False) -> None:
    """Everyone with events with ACTOR, by number of events; --type SANCTION --direction in: who sanctions ACTOR.

    Example: kg query partners Russia --type SANCTION --direction in --graph out/graph.ttl
    """
    found = _knowledge(graph).partners(actor, event_type=event_type, direction=direction)
    if as_json:
        _echo_json([{"actor": p.actor, "label": p.label, "score": p.score, "events": p.events, "types": p.types,
                     "evidence": list(p.evidence)} for p in found])
        return
    _print_table(["actor", "name", "events", "score", "types", "evidence"],
                 [[p.actor, p.label, p.events, f"{p.score:+.2f}", _types(p.types), (p.evidence or ("",))[0]]
                  for p in found])


@query_app.command("blocs")
@_reports_errors
def query_blocs(graph: GraphOption, seed: Annotated[int, typer.Option(help="Louvain seed.")] = 0,
                resolution: Annotated[float, typer.Option(help="Above 1: smaller blocs.")] = 1.0,
                half_life: HalfLifeOption = 365.0, as_json: JsonOption = False) -> None:
    """Blocs: communities (Louvain) of the graph of net positive ties, largest first.

    Example: kg query blocs --graph out/graph.ttl --json
    """
    knowledge = _knowledge(graph)
    found = knowledge.blocs(seed=seed, resolution=resolution, half_life_days=half_life)
    if as_json:
        _echo_json([{"bloc": number, "actors": bloc} for number, bloc in enumerate(found, start=1)])
        return
    labels = dict(knowledge.network.nodes(data="label"))
    _print_table(["bloc", "size", "actors"],
                 [[number, len(bloc), ", ".join(f"{code} ({labels.get(code, code)})" for code in bloc)]
                  for number, bloc in enumerate(found, start=1)])


@query_app.command("path")
@_reports_errors
def query_path(source: str, target: str, graph: GraphOption,
               positive: Annotated[bool, typer.Option("--positive", help="Only along net positive ties.")] = False,
               as_json: JsonOption = False) -> None:
    """The shortest chain of ties from SOURCE to TARGET, each hop with its score and a sentence.

    Example: kg query path India "United States" --graph out/graph.ttl
    """
    hops = _knowledge(graph).path(source, target, positive_only=positive)
    if as_json:
        _echo_json([hop.to_json() for hop in hops])
        return
    _print_table(["from", "to", "score", "events", "evidence"],
                 [[hop.source, hop.target, f"{hop.score:+.2f}", hop.events, hop.evidence] for hop in hops])


@query_app.command("timeline")
@_reports_errors
def query_timeline(actor_a: str, actor_b: str, graph: GraphOption, as_json: JsonOption = False) -> None:
    """The events between two actors by date (undated last), with their sentences.

    Example: kg query timeline India Russia --graph out/graph.ttl
    """
    frame = _knowledge(graph).timeline(actor_a, actor_b)
    rows = [{**row, "date": None if row["date"] is None or row["date"] != row["date"] else str(row["date"].date())}
            for row in frame.astype(object).where(frame.notna(), None).to_dict("records")]
    if as_json:
        _echo_json(rows)
        return
    _print_table(["date", "source", "target", "type", "score", "sentence"],
                 [[row["date"] or "-", row["source"], row["target"], row["type"], f"{row['cooperation']:+.1f}",
                   row["sentence"]] for row in rows])


@query_app.command("events")
@_reports_errors
def query_events(graph: GraphOption,
                 source: Annotated[str | None, typer.Option(help="Only events this actor did.")] = None,
                 target: Annotated[str | None, typer.Option(help="Only events done to this actor.")] = None,
                 event_type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type.")] = None,
                 start: Annotated[str | None, typer.Option("--from", help="Dated on or after YYYY-MM-DD.")] = None,
                 end: Annotated[str | None, typer.Option("--to", help="Dated on or before YYYY-MM-DD.")] = None,
                 include_all: AllOption = False, as_json: JsonOption = False) -> None:
    """Events matching the filters, with GDELT-like fields (--json: one object each).

    Example: kg query events --source USA --type SANCTION --graph out/graph.ttl
    """
    from kg.export import event_rows

    knowledge = _knowledge(graph)
    selected = knowledge.select(source=source, target=target, type=event_type, start=start, end=end,
                                include_unasserted=include_all)
    rows = list(event_rows(selected))
    if as_json:
        _echo_json(rows)
        return
    _print_table(["date", "source", "target", "type", "cameo", "flags", "sentence"],
                 [[_iso(row["SQLDATE"]), row["Actor1Code"], row["Actor2Code"], row["PloverType"], row["EventCode"],
                   "negated" if row["IsNegated"] else "hedged" if row["IsHedged"] else "", row["Sentence"]]
                  for row in rows])


@query_app.command("named")
@_reports_errors
def query_named(name: Annotated[str, typer.Argument(help="A query of kg/queries (kg query named --list).")] = "",
                graph: Annotated[Path | None, typer.Option(
                    "--graph", "-g", help="Graph file, or store (oxigraph:FOLDER): queried in place.")] = None,
                params: Annotated[list[str] | None, typer.Option(
                    "--param", "-p", help="NAME=VALUE, bound (never pasted) into the query.")] = None,
                list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
                as_json: JsonOption = False) -> None:
    """Run a named SPARQL query shipped with kg, its parameters bound as RDF terms.

    Example: kg query named allies -p actor=IND --graph out/graph.ttl
    """
    from kg.sparql import named_queries, run_named
    from kg.store import is_store_spec, open_store

    if list_queries or not name:
        for query_name, text in named_queries().items():
            typer.echo(f"{query_name:<18} {text.splitlines()[0].lstrip('# ')}")
        return
    if graph is None:
        raise InputError("kg query named", "no graph", fix="pass --graph GRAPH.ttl")
    bindings = {}
    for param in params or []:
        key, sep, value = param.partition("=")
        if not sep:
            raise InputError(f"--param {param}", "not NAME=VALUE", fix="write it as e.g. actor=IND")
        bindings[key.strip()] = value
    if is_store_spec(graph):
        with open_store(str(graph), read_only=True) as store:
            rows = store.query(name, **bindings)
    else:
        rows = run_named(_knowledge(graph, events=False).rdf, name, **bindings)
    if as_json:
        _echo_json(rows)
        return
    columns = list(rows[0]) if rows else []
    _print_table(columns, [[row[column] for column in columns] for row in rows])


@query_app.command("relations")
@_reports_errors
def query_relations(actor_a: str, actor_b: str, graph: GraphOption, as_json: JsonOption = False) -> None:
    """Every event between two actors, both directions, with its sentence.

    Example: kg query relations India Russia --graph out/graph.ttl
    """
    from kg.views import relations_between

    events = relations_between(_network(graph), actor_a, actor_b)
    if as_json:
        typer.echo(json.dumps(events, ensure_ascii=False, indent=2, default=str))
        return
    if not events:
        typer.echo("no events between them")
    for event in events:
        typer.echo(f"{event['source']} -{event['type']}-> {event['target']}  {event.get('date') or ''}")
        typer.echo(f"    {event['sentence']}")


@query_app.command("sparql")
@_reports_errors
def query_sparql(query_file: Path, graph: GraphOption, as_json: JsonOption = False) -> None:
    """Run the SPARQL query in QUERY_FILE against the graph (an Oxigraph store answers it in place).

    Example: kg query sparql my_query.rq --graph out/graph.ttl
    """
    from kg.graph import load_graph
    from kg.io import read_text
    from kg.sparql import run_sparql
    from kg.store import is_store_spec, open_store

    text = read_text(str(query_file))
    if is_store_spec(graph):
        with open_store(str(graph), read_only=True) as store:
            rows = store.sparql(text, source=str(query_file))
    else:
        rows = run_sparql(load_graph(graph), text, source=str(query_file))
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for row in rows:
        typer.echo("\t".join(f"{key}={value}" for key, value in row.items()))
    typer.echo(f"({len(rows)} rows)", err=True)


@actors_app.command("lookup")
@_reports_errors
def actors_lookup(
        text: Annotated[str, typer.Argument(
            help='Words to resolve, or - for JSON lines {"text", "date"?, "context"?} on stdin.')],
        date: Annotated[str | None, typer.Option(
            "--date", help="Date of the text, YYYY-MM-DD: picks the office a person held.")] = None,
        context: Annotated[str | None, typer.Option(
            "--context", help="A sentence containing TEXT: resolve TEXT there as kg extract would.")] = None,
        actors: ActorsOption = None, replace_actors: ReplaceActorsOption = False) -> None:
    """Print the actor TEXT resolves to, as JSON (known: false when the dictionary has none).

    With - read JSON lines from stdin and answer one JSON line each, in order; --date and
    --context apply to lines that give none; a bad line stops the run (exit 2).

    Example: kg actors lookup Modi --date 2020-01-01
    """
    from kg.actors import ActorDictionary
    from kg.lookup import lookup_actor, lookup_jsonl

    _check_replace(actors, replace_actors)
    dictionary = ActorDictionary.load(actors, replace=replace_actors) if actors else None
    if text == "-":
        for found in lookup_jsonl(sys.stdin.buffer, date=date, context=context, actors=dictionary):
            typer.echo(json.dumps(found.to_json(), ensure_ascii=False))
        return
    found = lookup_actor(text, date=date, context=context, actors=dictionary)
    typer.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))


def _network(graph_path: Path):
    return _knowledge(graph_path).network


def _knowledge(graph_paths: Path | list[Path], *, events: bool = True):
    """Load graph files; with ``events``, read their events now, so a graph that breaks the shapes is named."""
    from kg.errors import ShapeError
    from kg.knowledge import load

    knowledge = load(graph_paths)
    if events:
        try:
            knowledge.relations  # noqa: B018  (cached: the commands read the same relations)
        except ShapeError as err:
            raise _naming(err, graph_paths) from None
    return knowledge


def _naming(error: KgError, graph_paths: Path | list[Path]) -> KgError:
    """The same error, its message starting with the graph files it is about."""
    names = " ".join(map(str, graph_paths)) if isinstance(graph_paths, list) else str(graph_paths)
    return type(error)(f"{names}: {error}".replace("GRAPH", names))


def _echo_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _types(types: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in types.items())


def _iso(sqldate: str | None) -> str:
    return f"{sqldate[:4]}-{sqldate[4:6]}-{sqldate[6:]}" if sqldate else "-"


def _print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """Aligned columns; the last column is cut to the terminal's width."""
    import shutil

    if not rows:
        typer.echo("none found")
        return
    cells = [[("" if value is None else str(value)).replace("\n", " ") for value in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers[:-1])]
    widths = [min(width, 40) for width in widths]
    room = max(30, shutil.get_terminal_size((120, 24)).columns - sum(widths) - 2 * len(widths))

    def line(values: list[str]) -> str:
        fixed = [_fit(value, width).ljust(width) for value, width in zip(values, widths, strict=False)]
        return "  ".join([*fixed, _fit(values[-1], room)]).rstrip()

    typer.echo(line(headers))
    for row in cells:
        typer.echo(line(row))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_ties(ties: list, as_json: bool) -> None:
    if as_json:
        _echo_json([tie.to_json() for tie in ties])
        return
    rows = []
    for tie in ties:
        rows.append([tie.actor, tie.label, f"{tie.score:+.2f}", tie.events, _types(tie.types), tie.last_date or "-",
                     tie.evidence[0].sentence if tie.evidence else ""])
        rows.extend(["", "", "", "", f"alliance: {alliance.kind}", alliance.date or "-", alliance.sentence]
                    for alliance in tie.alliances[:3])
    _print_table(["actor", "name", "score", "events", "types", "last", "evidence"], rows)


@app.command()
@_reports_errors
def plot(graph: Annotated[Path, typer.Argument(help="Graph file.")],
         output: Annotated[Path, typer.Option("--output", "-o", help="PNG, SVG, PDF, or HTML (interactive).")],
         seed: Annotated[int, typer.Option(help="Layout seed.")] = 0,
         colour_by: Annotated[str, typer.Option("--colour-by", help="type or cooperation.")] = "type",
         timeline: Annotated[tuple[str, str] | None, typer.Option(
             "--timeline", help="Draw the events of one dyad over time instead: --timeline A B.")] = None,
         title: Annotated[str | None, typer.Option(help="Title (default: the graph's name).")] = None) -> None:
    """Draw a graph: a figure for papers (.png/.svg/.pdf), an interactive page (.html), or a dyad's timeline.

    Edges are coloured by event type (greens/blues cooperation, reds/oranges conflict) or by
    mean cooperation, as wide as their number of events. The HTML page zooms and shows the
    sentences behind an edge on hover; it needs no network.

    Examples: kg plot out/graph.ttl -o out/graph.pdf;  kg plot out/graph.ttl -o out/graph.html;
    kg plot out/graph.ttl -o india_russia.png --timeline India Russia
    """
    knowledge = _knowledge(graph)
    heading = title or f"kg: {graph.name}"
    if output.suffix.lower() in (".html", ".htm"):
        knowledge.to_html(output, title=heading, seed=seed)
    elif timeline is not None:
        from kg.plot import save_timeline

        save_timeline(knowledge.network, timeline[0], timeline[1], output)
    else:
        from kg.plot import save_plot

        save_plot(knowledge.network, output, seed=seed, title=heading, colour_by=colour_by)
    typer.echo(f"plot: {output}")


@app.command()
@_reports_errors
def export(graphs: Annotated[list[Path], typer.Argument(help="Graph file(s); several are merged.")],
           output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
           fmt: Annotated[str | None, typer.Option("--format", help=(
               "turtle, nt, xml, json-ld, trig, nquads; graphml, gexf; csv, jsonl (events). "
               "Default: from the suffix."))] = None) -> None:
    """Write one graph, or the merge of several, as RDF, GraphML/GEXF (Gephi) or a CSV/JSONL event table.

    Event IRIs are deterministic, so merging graphs that share events keeps one copy of each.

    Examples: kg export out/graph.ttl -o graph.gexf;  kg export a.ttl b.ttl -o merged.ttl;
    kg export out/graph.ttl -o events.csv
    """
    from kg.errors import ShapeError
    from kg.export import export_graph

    knowledge = _knowledge(graphs, events=False)
    try:
        export_graph(knowledge.rdf, output, format=fmt)
    except ShapeError as err:
        raise _naming(err, graphs) from None
    typer.echo(f"wrote {output} ({len(knowledge.rdf)} triples from {len(graphs)} graph{'s' * (len(graphs) > 1)})")


@app.command()
@_reports_errors
def stats(graphs: Annotated[list[Path], typer.Argument(help="Graph file(s); several are merged.")],
          as_json: JsonOption = False) -> None:
    """Counts of a graph: triples, events, actors, dyads, documents, dates, event types, most active actors.

    Example: kg stats out/graph.ttl --json
    """
    summary = _knowledge(graphs).stats()
    if as_json:
        _echo_json(summary)
        return
    for key in ("triples", "events", "asserted", "hedged_or_negated", "actors", "dyads", "documents"):
        typer.echo(f"{key.replace('_', ' '):<18} {summary[key]}")
    typer.echo(f"{'dates':<18} {summary['first_date'] or '-'} .. {summary['last_date'] or '-'}")
    typer.echo(f"{'types':<18} {_types(summary['types']) or 'none'}")
    active = ", ".join(f"{item['actor']} {item['events']}" for item in summary["most_active"])
    typer.echo(f"{'most active':<18} {active or 'none'}")


@app.command()
@_reports_errors
def validate(graph: Annotated[Path, typer.Argument(help="Graph file.")]) -> None:
    """Check a graph against kg's SHACL shapes; exit 1 when it does not conform.

    Example: kg validate out/graph.ttl
    """
    from kg.graph import load_graph, validate_graph

    conforms, report = validate_graph(load_graph(graph))
    if conforms:
        typer.echo(f"{graph}: conforms to kg's shapes")
        return
    typer.echo(report, err=True)
    raise typer.Exit(1)


@app.command("eval")
@_reports_errors
def evaluate(gold: Annotated[Path, typer.Argument(help="Gold JSONL (../shared/eval/SCHEME.md).")],
             model: ModelOption = None, as_json: JsonOption = False,
             misses: Annotated[bool, typer.Option("--misses/--no-misses", help="List the misses.")] = True) -> None:
    """Score the extractor on a gold file: P/R/F1 typed and on dyads, per type, and the misses.

    Example: kg eval ../shared/eval/seed_gold.jsonl
    """
    from kg.evaluate import evaluate as run_evaluation
    from kg.evaluate import format_report

    scores = run_evaluation(str(gold), model=model)
    if as_json:
        typer.echo(json.dumps(scores.to_json(), indent=2))
    else:
        typer.echo(format_report(scores, misses=misses))


def main() -> None:
    """Entry point of the ``kg`` script."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
