"""The ``warlog`` command: a thin layer over the library. Each command opens the store, calls
one library function and prints the result: a rich table on a terminal, JSON with ``--json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog.errors import WarlogError
from warlog.model import Report, to_dict

app = typer.Typer(
    help="warlog: conflict news to an evidence-linked event database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

EXIT_REJECTED = 1
EXIT_ERROR = 2

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="WARLOG_DB",
        help="The store: a SQLite file (created if missing).",
        show_default=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def _clean_errors() -> Iterator[None]:
    """Turn warlog's errors into one clean line on stderr and a non-zero exit."""
    try:
        yield
    except WarlogError as error:
        err_console.print(
            f"[bold red]error:[/] {escape(str(error))}",
            markup=True,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_ERROR) from None


def _open(db: str) -> Any:
    import warlog

    return warlog.open(db)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories, globs, or - for stdin (.txt .html .json .jsonl)."),
    ],
    db: DbOption = "warlog.db",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for every article; wins over datelines."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Read files in this encoding instead of UTF-8.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles, find places and dates, and store them. Re-ingesting is a no-op."""
    with _clean_errors():
        store = _open(db)
        try:
            with _progress() as tick:
                result = store.ingest(paths, published=published, encoding=encoding, on_item=tick)
        finally:
            store.close()
    if as_json:
        _print_json(_ingest_summary(result))
    else:
        _print_ingest(result)
    if result.rejected:
        raise typer.Exit(EXIT_REJECTED)


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    if not err_console.is_terminal:
        yield lambda _source: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles read"),
        TextColumn("[dim]{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def tick(source: str) -> None:
            progress.update(task, advance=1, description=source[-60:])

        yield tick


def _ingest_summary(result: Any) -> dict[str, Any]:
    return {
        "added": [
            {
                "id": report.article.id,
                "source": report.article.source,
                "published": report.article.published.value if report.article.published else None,
                "places": [place.text for place in report.places],
                "dates": len(report.temporals),
            }
            for report in result.added
        ],
        "unchanged": [{"id": item.article_id, "source": item.source} for item in result.unchanged],
        "rejected": [
            {"source": r.source, "code": r.code, "reason": r.reason, "hint": r.hint}
            for r in result.rejected
        ],
        "warnings": list(result.warnings),
    }


def _print_ingest(result: Any) -> None:
    console.print(
        f"[bold]{len(result.added)}[/] added, [bold]{len(result.unchanged)}[/] unchanged, "
        f"[bold]{len(result.rejected)}[/] rejected"
    )
    if result.added:
        table = Table(title="What was found", show_lines=False)
        table.add_column("id")
        table.add_column("headline / source", overflow="fold", max_width=40)
        table.add_column("published")
        table.add_column("places", justify="right")
        table.add_column("dates", justify="right")
        table.add_column("places named", overflow="fold")
        for report in result.added:
            names = list(dict.fromkeys(place.text for place in report.places))
            table.add_row(
                report.article.id[:12],
                report.article.headline or Path(report.article.source or "").name or "-",
                report.article.published.value if report.article.published else "-",
                str(len(report.places)),
                str(len(report.temporals)),
                ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
            )
        console.print(table)
    for rejection in result.rejected:
        err_console.print(
            f"[red]rejected[/] {escape(str(rejection))}", highlight=False, soft_wrap=True
        )
    for warning in result.warnings:
        err_console.print(f"[yellow]warning[/] {escape(warning)}", highlight=False, soft_wrap=True)


@app.command()
def articles(db: DbOption = "warlog.db", as_json: JsonOption = False) -> None:
    """List the stored articles."""
    with _clean_errors():
        store = _open(db)
        summaries = store.article_summaries()
        store.close()
    if as_json:
        _print_json([to_dict(summary) for summary in summaries])
        return
    table = Table(title=f"{len(summaries)} articles")
    for column in ("id", "published", "headline / source", "dateline", "places", "dates"):
        table.add_column(column, overflow="fold")
    for summary in summaries:
        table.add_row(
            summary.id[:12],
            summary.published or "-",
            summary.headline or Path(summary.source or "").name or "-",
            summary.dateline_place or "-",
            str(summary.places),
            str(summary.temporals),
        )
    console.print(table)


@app.command()
def places(db: DbOption = "warlog.db", as_json: JsonOption = False) -> None:
    """List the places named in the stored articles, most mentioned first."""
    with _clean_errors():
        store = _open(db)
        counts = store.places()
        store.close()
    if as_json:
        _print_json([to_dict(count) for count in counts])
        return
    table = Table(title=f"{len(counts)} places")
    for column in ("place", "label", "mentions", "articles", "geonameid"):
        table.add_column(column)
    for count in counts:
        table.add_row(
            count.text,
            count.label,
            str(count.mentions),
            str(count.articles),
            str(count.geonameid) if count.geonameid else "-",
        )
    console.print(table)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (or its start).")],
    db: DbOption = "warlog.db",
    as_json: JsonOption = False,
) -> None:
    """Show one article with everything found in it, each with its evidence."""
    with _clean_errors():
        store = _open(db)
        try:
            report = store.report(record_id)
        finally:
            store.close()
    if as_json:
        _print_json(to_dict(report))
        return
    _print_report(report)


def _print_report(report: Report) -> None:
    article = report.article
    console.print(f"[bold]{article.headline or article.source or article.id}[/]")
    console.print(
        f"id {article.id}\npublished {article.published.value if article.published else '-'}"
        f" ({article.published_source or 'unknown'}), dateline {article.dateline_place or '-'}"
        f", outlet {article.outlet or '-'}, url {article.url or '-'}",
        highlight=False,
    )
    text = article.text
    table = Table(title="places")
    for column in ("place", "label", "offsets", "evidence"):
        table.add_column(column, overflow="fold")
    for place in report.places:
        table.add_row(
            place.text,
            place.label,
            f"{place.evidence.start}-{place.evidence.end}",
            _context(text, place.evidence.start, place.evidence.end),
        )
    console.print(table)
    dates = Table(title="dates")
    for column in ("expression", "date", "rule", "evidence"):
        dates.add_column(column, overflow="fold")
    for temporal in report.temporals:
        dates.add_row(
            temporal.text,
            temporal.date.value if temporal.date else "-",
            temporal.rule,
            _context(text, temporal.evidence.start, temporal.evidence.end),
        )
    console.print(dates)


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


@app.command()
def export(
    export_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: jsonl.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = "warlog.db",
) -> None:
    """Export every stored record."""
    from warlog.export import write_jsonl

    if export_format != "jsonl":
        err_console.print(f"[bold red]error:[/] unknown format '{export_format}'; use: jsonl")
        raise typer.Exit(EXIT_ERROR)
    with _clean_errors():
        store = _open(db)
        try:
            if output is None:
                write_jsonl(store.reports(), sys.stdout)
            else:
                with output.open("w", encoding="utf-8") as out:
                    count = write_jsonl(store.reports(), out)
                err_console.print(f"wrote {count} records to {output}")
        finally:
            store.close()


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="A folder of gold .json files (eval/FORMAT.md).")
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Also require the evidence sentence to hold gold's.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the pipeline against gold: precision, recall and F1 per record kind."""
    from warlog.eval import evaluate

    with _clean_errors():
        scores = evaluate(gold_dir, strict=strict)
    if as_json:
        _print_json(scores)
        return
    mode = "strict" if strict else "lenient"
    table = Table(title=f"{scores['files']} gold files, {mode}")
    for column in ("kind", "tp", "fp", "fn", "precision", "recall", "f1", "field accuracy"):
        table.add_column(column)
    for kind in ("places", "events", "claims", "casualties"):
        row = scores[kind]
        fields = ", ".join(f"{name} {value:.2f}" for name, value in row.get("fields", {}).items())
        table.add_row(
            kind,
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            fields,
        )
    console.print(table)


def main() -> None:
    app()
