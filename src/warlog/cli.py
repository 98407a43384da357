"""The ``warlog`` command: a thin layer over the library. Each command builds a
:class:`warlog.Warlog`, calls one of its methods and renders what it returns: a rich table on a
terminal, JSON with ``--json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog.errors import WarlogError
from warlog.model import Report

if TYPE_CHECKING:
    from warlog.app import Warlog

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
        help="The store: a SQLite file (ingest creates it if missing) or a postgresql:// URL.",
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


T = TypeVar("T")


def _with_app(db: str, action: Callable[[Warlog], T], write: bool = False) -> T:
    """Build a Warlog on the store at ``db`` (read-only for the commands that only read:
    nothing created, no writer lock), run one of its methods, close it; errors become one
    clean line."""
    from warlog.app import Warlog

    with _clean_errors(), Warlog(db, read_only=not write) as warlog_app:
        return action(warlog_app)


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
    workers: Annotated[
        int, typer.Option(help="Ingest with this many local processes (Dask).", min=1)
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="A Dask scheduler (tcp://host:8786) whose workers do the work."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles; find events, claims, casualty figures, places and dates; store them.

    Re-ingesting an article is a no-op."""
    if workers > 1 or scheduler:
        _ingest_in_parallel(paths, db, workers, scheduler, published, encoding, as_json)
        return

    def run(warlog_app: Warlog) -> tuple[Any, int]:
        done = warlog_app.ingest(paths, published=published, encoding=encoding, on_item=tick)
        return done, len(warlog_app.stale_articles())

    with _progress() as tick:
        result, stale = _with_app(db, run, write=True)
    if as_json:
        _print_json({**_ingest_summary(result), "stale": stale})
    else:
        _print_ingest(result)
        if stale:
            err_console.print(
                f"[yellow]note[/] {stale} stored articles were analysed by another warlog "
                "version; `warlog reanalyse` brings them up to date",
                highlight=False,
            )
    if result.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def reanalyse(
    db: DbOption = "warlog.db",
    everything: Annotated[
        bool, typer.Option("--all", help="Analyse every stored article again, current or not.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Analyse again the stored articles an older warlog analysed (re-ingesting keeps them
    as they were: an article's id is its text's hash)."""
    with _progress() as tick:
        result = _with_app(
            db,
            lambda warlog_app: warlog_app.reanalyse(everything=everything, on_item=tick),
            write=True,
        )
    if as_json:
        _print_json(
            {
                "reanalysed": result.reanalysed,
                "current": result.current,
                "failed": [
                    {"source": r.source, "code": r.code, "reason": r.reason, "hint": r.hint}
                    for r in result.failed
                ],
            }
        )
    else:
        console.print(
            f"[bold]{len(result.reanalysed)}[/] reanalysed, [bold]{result.current}[/] already "
            f"current, [bold]{len(result.failed)}[/] failed"
        )
        for failure in result.failed:
            err_console.print(f"[red]failed[/] {escape(str(failure))}", highlight=False)
    if result.failed:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def migrate(
    db: DbOption = "warlog.db",
    check: Annotated[
        bool,
        typer.Option("--check", help="Only say whether the store needs an upgrade; write nothing."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Upgrade a store to this warlog's schema version, in place (any writing command does it
    too), and say from which version to which. With --check the exit code is 1 when an
    upgrade is needed."""
    done = _with_app(db, lambda warlog_app: warlog_app.migrate(check=check))
    if as_json:
        _print_json(
            {
                "store": done.store,
                "from": done.before,
                "to": done.after,
                "needed": done.needed,
                "upgraded": done.upgraded,
            }
        )
    elif not done.needed:
        console.print(
            f"{escape(done.store)}: schema version {done.after}, current",
            highlight=False,
            soft_wrap=True,
        )
    elif check:
        console.print(
            f"{escape(done.store)}: schema version {done.before}; `warlog migrate` upgrades it "
            f"to {done.after}",
            highlight=False,
            soft_wrap=True,
        )
    else:
        console.print(
            f"{escape(done.store)}: upgraded from schema version {done.before} to {done.after}",
            highlight=False,
            soft_wrap=True,
        )
    if check and done.needed:
        raise typer.Exit(EXIT_REJECTED)


def _ingest_in_parallel(
    paths: list[str],
    db: str,
    workers: int,
    scheduler: str | None,
    published: str | None,
    encoding: str | None,
    as_json: bool,
) -> None:
    from warlog.parallel import ingest_in_parallel

    with _clean_errors():
        result, added = ingest_in_parallel(
            paths,
            db,
            workers=workers,
            scheduler=scheduler,
            published=published,
            encoding=encoding,
        )
    if as_json:
        summary = _ingest_summary(result)
        _print_json({**summary, "added": [{"id": article_id} for article_id in added]})
    else:
        console.print(
            f"[bold]{len(added)}[/] added, [bold]{len(result.unchanged)}[/] unchanged, "
            f"[bold]{len(result.rejected)}[/] rejected ({workers} workers"
            + (f" of {scheduler}" if scheduler else "")
            + ")"
        )
        for rejection in result.rejected:
            err_console.print(
                f"[red]rejected[/] {escape(str(rejection))}", highlight=False, soft_wrap=True
            )
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
    from warlog.store.ingest import ingest_summary

    return ingest_summary(result)


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
        for added in result.added:
            names = list(dict.fromkeys(added.places))
            table.add_row(
                added.id[:12],
                added.headline or Path(added.source or "").name or "-",
                added.published or "-",
                str(len(added.places)),
                str(added.dates),
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
    summaries = _with_app(db, lambda warlog_app: warlog_app.articles())
    if as_json:
        from warlog.export.views import article_summary_object

        _print_json([article_summary_object(summary) for summary in summaries])
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
    """List the places named in the stored articles, most mentioned first.

    kind "approximate": a place the gazetteer lacks, placed near the town the text names
    beside it or where the article is (no GeoNames id)."""
    counts = _with_app(db, lambda warlog_app: warlog_app.places())
    if as_json:
        from warlog.export.views import place_summary_object

        _print_json([place_summary_object(count) for count in counts])
        return
    table = Table(title=f"{len(counts)} places")
    for column in ("place", "label", "mentions", "articles", "country", "kind", "geonameid"):
        table.add_column(column)
    for count in counts:
        table.add_row(
            count.text,
            count.label,
            str(count.mentions),
            str(count.articles),
            count.country_code or "-",
            "approximate" if count.approximate else (count.feature_kind or "-"),
            str(count.geonameid) if count.geonameid else "-",
        )
    console.print(table)


SinceOption = Annotated[str | None, typer.Option(help="Only from this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Only up to this date (YYYY-MM-DD).")]


@app.command()
def events(
    db: DbOption = "warlog.db",
    since: SinceOption = None,
    until: UntilOption = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="ACLED event type (or its start), e.g. Battles.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="The country it happened in (ISO 3166-1 alpha-2), e.g. AZ."),
    ] = None,
    side: Annotated[
        str | None, typer.Option(help="The perpetrator's side (ISO 3166-1 alpha-2), e.g. AM.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Part of an actor's name (see `warlog actors`), e.g. 'Forces of Armenia'."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List events: one row per incident, however many articles report it.

    Columns: date, type and place, perpetrator side, status over all reports, reports/sources."""

    filters: dict[str, Any] = {
        "since": since,
        "until": until,
        "event_type": event_type,
        "country": country,
        "side": side,
        "actor": actor,
    }
    if as_json:
        _print_json(_with_app(db, lambda warlog_app: warlog_app.events(**filters)))
        return
    found = _with_app(db, lambda warlog_app: warlog_app.incidents(**filters))
    table = Table(title=f"{len(found)} events")
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", overflow="fold")
    table.add_column("by", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("reports", justify="right")
    for incident in found:
        table.add_row(
            incident.id,
            incident.date.value if incident.date else "-",
            f"{incident.sub_type} at {incident.place or '-'}",
            incident.actor1_side or "-",
            incident.status,
            f"{len(incident.reports)}/{len(incident.sources)}",
        )
    console.print(table)


@app.command()
def episodes(
    db: DbOption = "warlog.db",
    since: SinceOption = None,
    until: UntilOption = None,
    country: Annotated[
        str | None,
        typer.Option(help="A country one of its events happened in (ISO 3166-1 alpha-2)."),
    ] = None,
    side: Annotated[
        str | None,
        typer.Option(help="The side of a perpetrator of one of its events (ISO 3166-1 alpha-2)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List episodes: incidents of one theatre that follow each other within days.

    An ambush and the air strikes that answer it, or a war reported every few days, are one
    episode (see docs/usage.md). `warlog show EPISODE_ID` lists its events."""
    found = _with_app(
        db,
        lambda warlog_app: warlog_app.episodes(
            since=since, until=until, country=country, side=side
        ),
    )
    if as_json:
        from warlog.export.views import episode_object

        _print_json([episode_object(episode) for episode in found])
        return
    from warlog.link.episodes import EPISODE_COLUMNS, episode_row

    table = Table(title=f"{len(found)} episodes")
    table.add_column("id", overflow="fold", min_width=12)
    for column in EPISODE_COLUMNS:
        numeric = column in ("events", "articles")
        table.add_column(column, no_wrap=True, justify="right" if numeric else "left")
    for episode in found:
        table.add_row(episode.id, *episode_row(episode))
    console.print(table)


def _show_episode(episode: Any, incidents: list[Any]) -> None:
    console.print(
        f"[bold]Episode {escape(episode.id)}[/]: {episode.first or '-'} to {episode.last or '-'}"
        f" in {escape(', '.join(episode.countries) or '-')}, {len(incidents)} events reported "
        f"{episode.reports} times in {len(episode.articles)} articles"
    )
    _print_table(
        "events",
        ("id", "date", "event", "by", "status", "reports"),
        (
            (
                incident.id,
                incident.date.value if incident.date else "-",
                f"{incident.sub_type} at {incident.place or '-'}",
                incident.actor1_side or "-",
                incident.status,
                str(len(incident.reports)),
            )
            for incident in incidents
        ),
    )


@app.command()
def claims(
    db: DbOption = "warlog.db",
    stance: Annotated[
        str | None, typer.Option(help="asserts, accuses, denies or confirms.")
    ] = None,
    side: Annotated[str | None, typer.Option(help="Speaker side, e.g. AZ.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List claims: who says what, with which stance, through which channel."""
    found = _with_app(db, lambda warlog_app: warlog_app.claims(stance=stance, side=side))
    if as_json:
        from warlog.export.jsonl import claim_object

        _print_json([claim_object(claim) for claim, _evidence in found])
        return
    _print_table(
        f"{len(found)} claims",
        ("speaker", "side", "stance", "channel", "evidence"),
        (
            (
                claim.speaker,
                claim.side or "-",
                claim.stance,
                claim.channel,
                _sentence(evidence, 0, len(evidence)),
            )
            for claim, evidence in found
        ),
    )


@app.command()
def casualties(
    db: DbOption = "warlog.db",
    side: Annotated[str | None, typer.Option(help="Whose casualties, e.g. AM.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="killed, injured, missing, captured or displaced.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List casualty reports with their qualifiers, low/high bounds and sources."""
    found = _with_app(db, lambda warlog_app: warlog_app.casualties(side=side, kind=kind))
    if as_json:
        from warlog.export.jsonl import casualty_object

        _print_json([casualty_object(casualty) for casualty in found])
        return
    _print_table(
        f"{len(found)} casualty reports",
        ("kind", "figure", "low", "high", "victims", "side", "scope", "according to"),
        (
            (
                casualty.kind,
                casualty.number_text,
                _number(casualty.low),
                _number(casualty.high),
                casualty.victims,
                casualty.side or "-",
                casualty.scope,
                f"{casualty.according_to} ({casualty.according_to_side or '-'})"
                if casualty.according_to
                else "-",
            )
            for casualty in found
        ),
    )


@app.command()
def actors(
    db: DbOption = "warlog.db",
    side: Annotated[str | None, typer.Option(help="The actor's side, e.g. AM.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="state, armed_group, government_body, person, civilians or other."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Part of the actor's name.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List canonical actors: who speaks, strikes or counts, over every article."""
    found = _with_app(db, lambda warlog_app: warlog_app.actors(side=side, kind=kind, name=name))
    if as_json:
        from warlog.export.views import actor_summary_object

        _print_json([actor_summary_object(summary) for summary in found])
        return
    _print_table(
        f"{len(found)} actors",
        ("actor", "kind", "side", "articles", "claims", "events", "figures", "as"),
        (
            (
                summary.name,
                summary.kind,
                summary.side or "-",
                str(summary.articles),
                str(summary.claims),
                str(summary.events),
                str(summary.casualties),
                "; ".join([*summary.titles, *summary.mentions][:4]),
            )
            for summary in found
        ),
    )


def _print_table(title: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """A listing as a table, every column folding long cells."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def _sentence(text: str, start: int, end: int, width: int = 160) -> str:
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


@app.command()
def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="An event, episode, claim, casualty or actor id, or an article id."
        ),
    ],
    db: DbOption = "warlog.db",
    as_json: JsonOption = False,
) -> None:
    """Show one event, claim, casualty report, actor or article, with its evidence.

    An event shows every report of it: claims and denials side by side, figures per source.
    With --json: the object the web app's page of it gives (its JSON twin), in the record
    shapes of `warlog export --format jsonl`."""
    if as_json:
        _print_json(_with_app(db, lambda warlog_app: warlog_app.show(record_id)))
        return
    found = _with_app(db, lambda warlog_app: warlog_app.find(record_id))
    record, report = found.record, found.report
    if found.kind == "episode":
        _show_episode(record, found.incidents)
    elif found.kind == "incident":
        _show_incident(record, found.reports)
    else:
        assert report is not None
        if found.kind == "event":
            _show_event(report, record)
        elif found.kind == "actor":
            _show_actor(report, record)
        elif found.kind == "article":
            _print_report(report)
        else:
            from warlog.export.jsonl import record_object

            console.print(record_object(record))
            console.print(
                _sentence(report.article.text, record.evidence.start, record.evidence.end)
            )


def _show_actor(report: Report, actor: Any) -> None:
    """An actor of one article: who it is, what it said, what it did or suffered."""
    claims = [c for c in report.claims if c.id in set(actor.claims)]
    events = [e for e in report.events if e.id in set(actor.events)]
    figures = [c for c in report.casualties if c.id in set(actor.casualties)]
    text = report.article.text
    console.print(
        f"[bold]{escape(actor.name)}[/] ({actor.kind}, side {actor.side or '-'}) in "
        f"{escape(report.article.headline or report.article.id[:12])}",
        highlight=False,
    )
    if actor.titles or actor.mentions:
        console.print(f"as: {escape('; '.join([*actor.titles, *actor.mentions]))}", highlight=False)
    table = Table(title=f"{len(claims)} claims, {len(events)} events, {len(figures)} figures")
    for column in ("what", "detail", "evidence"):
        table.add_column(column, overflow="fold")
    for claim in claims:
        sentence = _sentence(text, claim.evidence.start, claim.evidence.end)
        table.add_row("claim", f"{claim.stance}, {claim.channel}", sentence)
    for event in events:
        detail = (
            f"{event.sub_type} at {event.place or '-'}, {event.date.value if event.date else '-'}"
        )
        table.add_row("event", detail, _sentence(text, event.evidence.start, event.evidence.end))
    for figure in figures:
        detail = f"{figure.kind} {figure.number_text} ({figure.victims})"
        table.add_row("figure", detail, _sentence(text, figure.evidence.start, figure.evidence.end))
    console.print(table)


def _show_incident(incident: Any, reports: list[Report]) -> None:
    """An incident: its reports, then each report's claims, denials and figures."""
    console.print(
        f"[bold]{escape(incident.sub_type)}[/] at {escape(incident.place or '-')} on "
        f"{incident.date.value if incident.date else '-'}: [bold]{incident.status}[/], "
        f"{len(incident.reports)} reports from {len(incident.sources)} sources"
    )
    for report in reports:
        for event in report.events:
            if event.id in {item.event_id for item in incident.reports}:
                console.rule(escape(report.article.headline or report.article.source or ""))
                _show_event(report, event)


def _show_event(report: Report, event: Any) -> None:
    text = report.article.text
    by_id = {claim.id: claim for claim in report.claims}
    related = [by_id[i] for i in event.claims if i in by_id]
    figures = [c for c in report.casualties if c.id in set(event.casualties)]
    console.print(
        f"[bold]{event.type} / {event.sub_type}[/] at {escape(event.place or '-')} "
        f"on {event.date.value if event.date else '-'}: [bold]{event.status}[/]"
    )
    console.print(
        f"id {event.id}\nby {escape(event.actor1 or '-')} ({event.actor1_side or '-'}), "
        f"against {escape(event.actor2 or '-')}, weapons {', '.join(event.weapons) or '-'}, "
        f"geonameid {event.geonameid or '-'} ({event.lat}, {event.lon})",
        highlight=False,
    )
    console.print(f"evidence: {escape(_sentence(text, event.evidence.start, event.evidence.end))}")
    table = Table(title="claims and denials")
    for column in ("asserting / confirming / accusing", "denying"):
        table.add_column(column, overflow="fold", ratio=1)
    supporting = [c for c in related if c.stance != "denies"]
    denying = [c for c in related if c.stance == "denies"]
    for index in range(max(len(supporting), len(denying))):
        cells = []
        for group in (supporting, denying):
            if index < len(group):
                claim = group[index]
                cells.append(
                    f"{claim.speaker} ({claim.side or '-'}, {claim.stance}, {claim.channel}): "
                    + _sentence(text, claim.evidence.start, claim.evidence.end, 200)
                )
            else:
                cells.append("")
        table.add_row(*[escape(cell) for cell in cells])
    console.print(table)
    if figures:
        tally = Table(title="casualty figures per source")
        for column in ("source", "kind", "figure", "victims", "side", "evidence"):
            tally.add_column(column, overflow="fold")
        for figure in figures:
            tally.add_row(
                f"{figure.according_to or 'reported'} ({figure.according_to_side or '-'})",
                figure.kind,
                figure.number_text,
                figure.victims,
                figure.side or "-",
                _sentence(text, figure.evidence.start, figure.evidence.end, 120),
            )
        console.print(tally)


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
    _print_found(report)


def _print_found(report: Report) -> None:
    """An article's events, claims and casualty figures, each with its evidence sentence."""
    text = report.article.text
    events_table = Table(title="events")
    for column in ("id", "date", "event", "by", "status"):
        events_table.add_column(column, overflow="fold")
    for event in report.events:
        events_table.add_row(
            event.id,
            event.date.value if event.date else "-",
            f"{event.sub_type} at {event.place or '-'}",
            event.actor1_side or "-",
            event.status,
        )
    console.print(events_table)
    claims_table = Table(title="claims")
    for column in ("speaker", "side", "stance", "channel", "evidence"):
        claims_table.add_column(column, overflow="fold")
    for claim in report.claims:
        claims_table.add_row(
            claim.speaker,
            claim.side or "-",
            claim.stance,
            claim.channel,
            _sentence(text, claim.evidence.start, claim.evidence.end, 120),
        )
    console.print(claims_table)
    figures = Table(title="casualty figures")
    for column in ("kind", "figure", "victims", "side", "scope", "according to"):
        figures.add_column(column, overflow="fold")
    for casualty in report.casualties:
        figures.add_row(
            casualty.kind,
            casualty.number_text,
            casualty.victims,
            casualty.side or "-",
            casualty.scope,
            casualty.according_to or "-",
        )
    console.print(figures)


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


@app.command()
def export(
    export_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl (every record), acled (CSV), geojson, csv (--record)."
        ),
    ] = "jsonl",
    record: Annotated[
        str | None,
        typer.Option(
            help="With --format csv: articles, places, temporals, claims, casualties, events "
            "or actors."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = "warlog.db",
) -> None:
    """Export the store: every record (jsonl), events as ACLED-style CSV or GeoJSON, or one
    record kind as a CSV table."""
    count = _with_app(
        db,
        lambda warlog_app: warlog_app.export(
            export_format, sys.stdout if output is None else output, record
        ),
    )
    if output is not None:
        err_console.print(f"wrote {count} records to {output}")


@app.command()
def load(
    path: Annotated[
        Path,
        typer.Argument(help="A file written by `warlog export --format jsonl` (- for stdin)."),
    ],
    db: DbOption = "warlog.db",
) -> None:
    """Load an export back into a store, with its incidents (re-loading is a no-op)."""

    def run(warlog_app: Warlog) -> tuple[int, int]:
        if str(path) == "-":
            return warlog_app.load(sys.stdin, "<stdin>")
        try:
            with path.open(encoding="utf-8") as lines:
                return warlog_app.load(lines, str(path))
        except OSError as exc:
            from warlog.errors import InputError

            raise InputError(
                str(path), f"cannot be read ({exc.strerror})", "Check the path."
            ) from None

    added, unchanged = _with_app(db, run, write=True)
    console.print(f"{added} articles loaded, {unchanged} already there")


@app.command()
def report(
    since: SinceOption = None,
    until: UntilOption = None,
    country: Annotated[
        str | None, typer.Option(help="Only events in this country (ISO 3166-1 alpha-2).")
    ] = None,
    near: Annotated[str | None, typer.Option(help="Only events near this place.")] = None,
    km: Annotated[float, typer.Option(help="Distance for --near, in km.")] = 50.0,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-o", help="Folder for report.md and report.html.")
    ] = Path("report"),
    db: DbOption = "warlog.db",
) -> None:
    """Write a situation report (Markdown and self-contained HTML, with a map and a chart)."""
    from warlog.export.report import write_report

    situation = _with_app(
        db, lambda warlog_app: warlog_app.situation(since, until, country, near, km)
    )
    for path in write_report(situation, output_dir):
        console.print(f"wrote {path}", highlight=False)


@app.command()
def serve(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            envvar="WARLOG_DB",
            help="The store to show: a SQLite file or postgresql:// DSN.",
        ),
    ] = "warlog.db",
    host: Annotated[
        str, typer.Option(envvar="WARLOG_SERVE_HOST", help="The address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(envvar="WARLOG_SERVE_PORT", help="The port to listen on.")
    ] = 8765,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest",
            help="Add an upload form (/ingest) that ingests files as `warlog ingest` does.",
        ),
    ] = False,
) -> None:
    """Start the web app (read only unless --allow-ingest): map and timeline, incident,
    episode and article pages, each with a JSON twin (URL + .json)."""
    from warlog.serve.run import serve as run_serve

    with _clean_errors():
        run_serve(
            db,
            host,
            port,
            say=lambda line: err_console.print(line, highlight=False),
            allow_ingest=allow_ingest,
        )


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="A folder of gold .json files (eval/FORMAT.md).")
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Also require the evidence sentence to hold gold's.")
    ] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Per file: gold records missed, predictions that matched nothing, wrong fields.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the pipeline against gold: precision, recall and F1 per record kind."""
    from warlog.eval import evaluate
    from warlog.eval.errors import error_lines

    with _clean_errors():
        scores = evaluate(gold_dir, strict=strict, errors=errors)
    if as_json:
        _print_json(scores)
        return
    if errors:
        for line in error_lines(scores):
            console.print(line, highlight=False, markup=False, soft_wrap=True)
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


@app.command("eval-links")
def eval_links_command(
    gold: Annotated[Path, typer.Argument(help="A linking gold .json (tests/golden/linking).")],
    as_json: JsonOption = False,
) -> None:
    """Pairwise precision, recall and F1 of the articles warlog links through common events,
    and through common episodes."""
    from warlog.eval.links import evaluate_links

    with _clean_errors():
        scores = evaluate_links(gold)
    if as_json:
        _print_json(scores)
        return
    console.print(f"{scores['groups']} groups, {scores['gold_pairs']} gold pairs")
    for level, found in (("common event", scores), ("common episode", scores["episodes"])):
        console.print(
            f"through a {level}: tp {found['tp']}, fp {found['fp']}, fn {found['fn']}, "
            f"precision {found['precision']:.3f}, recall {found['recall']:.3f}, "
            f"[bold]F1 {found['f1']:.3f}[/]"
        )
        for pair in found["false_pairs"]:
            console.print(f"  linked, not in one group: {' + '.join(pair)}", highlight=False)
        for pair in found["missed_pairs"]:
            console.print(f"  in one group, not linked: {' + '.join(pair)}", highlight=False)


@app.command("eval-geo")
def eval_geo_command(
    corpus: Annotated[Path, typer.Argument(help="A geo corpus .jsonl file (eval/geo).")],
    gold_spans: Annotated[
        bool, typer.Option("--gold-spans", help="Resolution-only: resolve the gold spans.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Geoparsing scores: recognition P/R/F1, acc@161 km, mean/median error, AUC, exact ids."""
    from warlog.eval.geo import evaluate_geo

    with _clean_errors():
        scores = evaluate_geo(corpus, gold_spans=gold_spans, limit=limit)
    if as_json:
        _print_json(scores)
        return
    table = Table(title=f"{corpus.name}: {scores['protocol']}, {scores['documents']} documents")
    for column in ("metric", "value"):
        table.add_column(column)
    recognition = scores["recognition"]
    for name, value in (
        ("toponyms scored", scores["toponyms"]),
        (
            "recognition P / R / F1",
            f"{recognition['precision']:.3f} / "
            f"{recognition['recall']:.3f} / {recognition['f1']:.3f}",
        ),
        ("acc@161 km", f"{scores['acc_161']:.3f}"),
        ("mean / median km", f"{scores['mean_km']} / {scores['median_km']}"),
        ("AUC", f"{scores['auc']:.3f}"),
        ("exact GeoNames id", scores["exact_match"]),
    ):
        table.add_row(name, str(value))
    console.print(table)


@app.command("eval-attribution")
def eval_attribution_command(
    corpus: Annotated[
        Path,
        typer.Argument(help="A folder with text/ and attributions/ in brat standoff (PolNeAR)."),
    ],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Attribution scores of warlog's claims: attribution P/R/F1, and token P/R/F1 of the
    source, cue and content spans."""
    from warlog.eval.attribution import evaluate_attribution

    with _clean_errors():
        scores = evaluate_attribution(corpus, limit=limit)
    if as_json:
        _print_json(scores)
        return
    table = Table(title=f"{corpus}: {scores['documents']} documents")
    for column in ("what", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(column)
    rows = [("attributions (cue overlap)", scores["attributions"])]
    rows += [(f"{role} tokens", counts) for role, counts in scores["roles"].items()]
    for name, counts in rows:
        table.add_row(
            name,
            *(str(counts[k]) for k in ("tp", "fp", "fn")),
            *(f"{counts[k]:.3f}" for k in ("precision", "recall", "f1")),
        )
    console.print(table)


def main() -> None:
    """The console entry point: an unexpected error is one line, not a traceback, unless
    WARLOG_DEBUG is set."""
    from warlog import settings

    try:
        app()
    except Exception as exc:
        if settings.debug():
            raise
        err_console.print(
            f"[bold red]internal error:[/] {escape(type(exc).__name__)}: {escape(str(exc))}. "
            "Run again with WARLOG_DEBUG=1 for the traceback, and please report it.",
            soft_wrap=True,
        )
        raise SystemExit(EXIT_ERROR) from None
