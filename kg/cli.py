"""The ``kg`` command line: a thin typer shell, each command one library call and a print.

Exit codes: 0 success; 1 other kg error; 2 bad input (file, line, format); 3 no spaCy model;
4 bad query (unknown actor, malformed SPARQL); 130 interrupted. Errors print one line to
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
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import InputError, KgError

__all__ = ["app", "main"]

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
GraphOption = Annotated[Path, typer.Option("--graph", "-g", help="Graph file (Turtle, N-Triples, RDF/XML, JSON-LD).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
FormatOption = Annotated[str | None, typer.Option("--format", help="turtle, nt, xml, json-ld (default: from suffix).")]


def _reports_errors(command: Command) -> Command:
    """Turn a ``KgError`` into one line on stderr and its exit code."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as err:
            typer.echo(f"kg: error: {err}", err=True)
            raise typer.Exit(err.exit_code) from None
    return wrapper  # type: ignore[return-value]


@app.command()
@_reports_errors
def extract(inputs: Inputs,
            output: Annotated[Path | None, typer.Option("--output", "-o", help="JSONL file; default stdout.")] = None,
            model: ModelOption = None, actors: ActorsOption = None, include_all: AllOption = False,
            jobs: JobsOption = 1, quiet: QuietOption = False) -> None:
    """Write the relations found in INPUTS as JSONL, one relation a line.

    Example: kg extract seeds/ -o relations.jsonl
    """
    from kg.io import atomic_write
    from kg.pipeline import extract as extract_relations

    relations = extract_relations(inputs, model=model, actor_files=actors or (),
                                  include_unasserted=include_all, n_process=jobs, progress=not quiet)
    lines = (json.dumps(relation.to_json(), ensure_ascii=False) + "\n" for relation in relations)
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        return
    count = 0
    with atomic_write(output) as handle:
        for line in lines:
            handle.write(line)
            count += 1
    typer.echo(f"wrote {count} relations to {output}", err=True)


@app.command()
@_reports_errors
def build(inputs: Inputs,
          output: Annotated[Path, typer.Option("--output", "-o", help="Graph file to write (format from suffix).")],
          plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the graph to this PNG/SVG/PDF.")] = None,
          fmt: FormatOption = None,
          fresh: Annotated[bool, typer.Option("--fresh", help="Start a new graph even if OUTPUT exists.")] = False,
          model: ModelOption = None, actors: ActorsOption = None, include_all: AllOption = False,
          jobs: JobsOption = 1, quiet: QuietOption = False) -> None:
    """Build the RDF graph of INPUTS and write it; an existing OUTPUT is extended, never duplicated.

    Example: kg build seeds/ -o out/graph.ttl --plot out/graph.png
    """
    from kg.graph import load_graph, relations_from_graph, save_graph
    from kg.pipeline import build as build_graph

    graph = load_graph(output) if output.exists() and not fresh else None
    before = len(graph) if graph is not None else 0
    graph = build_graph(inputs, graph=graph, model=model, actor_files=actors or (),
                        include_unasserted=include_all, n_process=jobs, progress=not quiet)
    save_graph(graph, output, format=fmt)
    relations = relations_from_graph(graph)
    typer.echo(_summary(relations, added=len(graph) - before, total=len(graph), path=output))
    if plot is not None:
        from kg.plot import save_plot
        from kg.views import to_networkx

        save_plot(to_networkx(relations), plot, title=f"kg: {output.name}")
        typer.echo(f"plot: {plot}")


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


@query_app.command("allies")
@_reports_errors
def query_allies(actor: str, graph: GraphOption, as_json: JsonOption = False) -> None:
    """Actors whose ties to ACTOR are net cooperative, strongest first.

    Example: kg query allies India --graph out/graph.ttl
    """
    from kg.views import allies

    _print_partners(allies(_network(graph), actor), as_json)


@query_app.command("rivals")
@_reports_errors
def query_rivals(actor: str, graph: GraphOption, as_json: JsonOption = False) -> None:
    """Actors whose ties to ACTOR are net conflictual, strongest first.

    Example: kg query rivals China --graph out/graph.ttl
    """
    from kg.views import rivals

    _print_partners(rivals(_network(graph), actor), as_json)


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
    """Run the SPARQL query in QUERY_FILE against the graph.

    Example: kg query sparql my_query.rq --graph out/graph.ttl
    """
    from kg.graph import load_graph
    from kg.io import read_text
    from kg.sparql import run_sparql

    rows = run_sparql(load_graph(graph), read_text(str(query_file)), source=str(query_file))
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

    if replace_actors and not actors:
        raise InputError("--replace-actors", "needs at least one --actors FILE",
                         fix="add --actors FILE or drop --replace-actors")
    dictionary = ActorDictionary.load(actors, replace=replace_actors) if actors else None
    if text == "-":
        for found in lookup_jsonl(sys.stdin.buffer, date=date, context=context, actors=dictionary):
            typer.echo(json.dumps(found.to_json(), ensure_ascii=False))
        return
    found = lookup_actor(text, date=date, context=context, actors=dictionary)
    typer.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))


def _network(graph_path: Path):
    from kg.graph import load_graph, relations_from_graph
    from kg.views import to_networkx

    return to_networkx(relations_from_graph(load_graph(graph_path)))


def _print_partners(partners: list, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([{"actor": p.actor, "label": p.label, "score": p.score, "events": p.events,
                                "types": p.types, "evidence": list(p.evidence)} for p in partners],
                              ensure_ascii=False, indent=2))
        return
    if not partners:
        typer.echo("none found")
    for partner in partners:
        types = ", ".join(f"{name} {count}" for name, count in partner.types.items())
        typer.echo(f"{partner.actor:<8} {partner.label:<24} score {partner.score:+7.2f}  "
                   f"{partner.events} events ({types})")


@app.command()
@_reports_errors
def plot(graph: Annotated[Path, typer.Argument(help="Graph file.")],
         output: Annotated[Path, typer.Option("--output", "-o", help="PNG, SVG or PDF to write.")],
         seed: Annotated[int, typer.Option(help="Layout seed.")] = 0) -> None:
    """Draw the actors of a graph: edges coloured by cooperation/conflict, width by count.

    Example: kg plot out/graph.ttl -o out/graph.png
    """
    from kg.plot import save_plot

    save_plot(_network(graph), output, seed=seed, title=f"kg: {graph.name}")
    typer.echo(f"plot: {output}")


@app.command()
@_reports_errors
def export(graph: Annotated[Path, typer.Argument(help="Graph file.")],
           output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
           fmt: FormatOption = None) -> None:
    """Write a graph in another RDF format.

    Example: kg export out/graph.ttl -o out/graph.jsonld
    """
    from kg.export import export_graph
    from kg.graph import load_graph

    export_graph(load_graph(graph), output, format=fmt)
    typer.echo(f"wrote {output}")


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
