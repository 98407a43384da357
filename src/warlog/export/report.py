"""``warlog report``: a situation report as Markdown and self-contained HTML.

Events by day, casualty tallies per side and per source (figures that sources dispute are
shown as disputed), a map of the events and a casualty chart (matplotlib, rendered offline),
and every statement quoted with its source.
"""

from __future__ import annotations

import base64
import html
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.export.safe import markdown_text
from warlog.link.episodes import EPISODE_COLUMNS, episode_row, group_episodes
from warlog.model import CasualtyReport, Claim, Episode, Incident

STATUS_COLOURS = {
    "contested": "#d62728",
    "claimed": "#ff7f0e",
    "confirmed": "#2ca02c",
    "reported": "#1f77b4",
}


@dataclass
class Quote:
    speaker: str
    side: str | None
    stance: str
    channel: str
    text: str


@dataclass
class Tally:
    """One side's figures of one kind and scope (one attack, or a running total), per source."""

    side: str
    kind: str
    victims: str
    scope: str
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def disputed(self) -> bool:
        return len(set(self.by_source.values())) > 1


@dataclass
class SituationReport:
    title: str
    since: str | None
    until: str | None
    incidents: list[Incident]
    tallies: list[Tally]
    quotes: dict[str, list[Quote]]  # incident id -> statements about it
    episodes: list[Episode] = field(default_factory=list)  # of the incidents above


def _in_window(incident: Incident, since: str | None, until: str | None) -> bool:
    if incident.date is None:
        return since is None and until is None
    value = incident.date.value
    return (since is None or value >= since[: len(value)]) and (
        until is None or value[: len(until)] <= until
    )


def build_report(
    store: Any,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    near: str | None = None,
    km: float = 50.0,
) -> SituationReport:
    """Select the incidents and gather their figures and statements from the store."""
    from warlog.errors import ConfigError
    from warlog.geo.gazetteer import place_named
    from warlog.resolve.geocode import haversine_km
    from warlog.store.store import check_filters

    check_filters(since, until, country)
    centre = None
    if near:
        centre = place_named(near)
        if centre is None:
            raise ConfigError(f"--near {near!r} is no place the gazetteer knows; check spelling")
    incidents = [
        incident
        for incident in store.incidents()
        if _in_window(incident, since, until)
        and (country is None or incident.country_code == country.upper())
        and (
            centre is None
            or (
                incident.lat is not None
                and incident.lon is not None
                and haversine_km(incident.lat, incident.lon, centre.lat, centre.lon) <= km
            )
        )
    ]
    claims: dict[str, Claim] = {claim.id: claim for claim in store.claims()}
    casualties: dict[str, CasualtyReport] = {c.id: c for c in store.casualties()}
    texts: dict[str, str] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            texts[article_id] = store.article_text(article_id)
        return texts[article_id]

    tallies: dict[tuple[str, str, str, str], Tally] = {}
    quotes: dict[str, list[Quote]] = defaultdict(list)
    articles = {report.article_id for incident in incidents for report in incident.reports}
    for casualty in casualties.values():
        if casualty.evidence.article_id not in articles or casualty.scope == "historical":
            continue
        figure = casualty.best if casualty.best is not None else casualty.low
        if figure is None:
            continue
        key = (casualty.side or "unknown side", casualty.kind, casualty.victims, casualty.scope)
        tally = tallies.setdefault(key, Tally(*key))
        source = casualty.according_to or "reported"
        tally.by_source[source] = max(tally.by_source.get(source, 0), figure)
    for incident in incidents:
        for claim_id in incident.claims:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            sentence = text_of(claim.evidence.article_id)[claim.evidence.start : claim.evidence.end]
            quotes[incident.id].append(
                Quote(
                    claim.speaker,
                    claim.side,
                    claim.stance,
                    claim.channel,
                    " ".join(sentence.split()),
                )
            )
    where = f" in {country.upper()}" if country else ""
    where += f" within {km:g} km of {centre.name}" if centre else ""
    title = f"Situation report{where}: {since or 'start'} to {until or 'now'}"
    return SituationReport(
        title,
        since,
        until,
        incidents,
        sorted(tallies.values(), key=lambda t: (t.side, t.kind, t.victims, t.scope)),
        dict(quotes),
        [e for e in group_episodes(incidents) if len(e.incidents) > 1],
    )


def _figure_png(draw: Any) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    draw(axes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def map_extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(south, north, west, east) around the events, padded so a lone event has its
    surroundings (at least 2 degrees, or a third of the spread, each side)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    pad_lat = max(2.0, (max(lats) - min(lats)) / 3)
    pad_lon = max(2.0, (max(lons) - min(lons)) / 3)
    return (
        max(-90.0, min(lats) - pad_lat),
        min(90.0, max(lats) + pad_lat),
        max(-180.0, min(lons) - pad_lon),
        min(180.0, max(lons) + pad_lon),
    )


def map_png(report: SituationReport) -> bytes:
    """The events coloured by status over an offline basemap: the gazetteer's towns as
    faint dots (land and coasts show where people live) and the biggest towns named."""

    def draw(axes: Any) -> None:
        placed = [i for i in report.incidents if i.lat is not None and i.lon is not None]
        if placed:
            south, north, west, east = map_extent([(i.lat or 0.0, i.lon or 0.0) for i in placed])
            from warlog.geo import gazetteer

            towns = gazetteer().towns_in(south, north, west, east)
            axes.scatter(
                [t[1] for t in towns], [t[0] for t in towns], s=2.5, c="#b0b0b0", linewidths=0
            )
            for lat, lon, name, _population in towns[:8]:
                axes.annotate(name, (lon, lat), fontsize=6, color="#777777")
            axes.set_xlim(west, east)
            axes.set_ylim(south, north)
            axes.set_aspect("equal", adjustable="datalim")
        for status, colour in STATUS_COLOURS.items():
            points = [i for i in placed if i.status == status]
            if points:
                axes.scatter(
                    [i.lon for i in points],
                    [i.lat for i in points],
                    c=colour,
                    label=status,
                    s=40,
                    edgecolors="black",
                    linewidths=0.5,
                    zorder=3,
                )
        for incident in placed:
            axes.annotate(
                incident.place or "",
                (incident.lon, incident.lat),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
                zorder=4,
            )
        axes.set_xlabel("longitude")
        axes.set_ylabel("latitude")
        axes.set_title("Events by status (grey: towns of the gazetteer)")
        if placed:
            axes.legend(fontsize=7)

    return _figure_png(draw)


def casualty_png(report: SituationReport) -> bytes:
    """Killed and injured per side, the lowest and highest figure among sources."""

    def draw(axes: Any) -> None:
        labels = [f"{t.side} {t.victims} {t.kind} ({t.scope})" for t in report.tallies]
        lows = [min(t.by_source.values()) for t in report.tallies]
        highs = [max(t.by_source.values()) for t in report.tallies]
        positions = range(len(labels))
        axes.bar(positions, highs, color="#cccccc", label="highest source")
        axes.bar(positions, lows, color="#444444", label="lowest source")
        axes.set_xticks(list(positions), labels, rotation=30, ha="right", fontsize=8)
        axes.set_title("Casualty figures per side (lowest and highest source)")
        if labels:
            axes.legend(fontsize=7)

    return _figure_png(draw)


def _figure_text(tally: Tally) -> str:
    values = sorted(set(tally.by_source.values()))
    if len(values) == 1:
        return str(values[0])
    return f"{values[0]}–{values[-1]} (disputed)"


def render_markdown(report: SituationReport, map_name: str, chart_name: str) -> str:
    """The report as Markdown; every value taken from the store is escaped (HTML shown as
    text, Markdown syntax and table pipes neutralised)."""
    m = markdown_text
    lines = [f"# {m(report.title)}", "", f"{len(report.incidents)} events.", ""]
    lines += [f"![map of events]({map_name})", "", f"![casualty figures]({chart_name})", ""]
    lines += [
        "## Casualties per side",
        "",
        "| side | kind | victims | scope | figure | by source |",
        "|---|---|---|---|---|---|",
    ]
    for tally in report.tallies:
        sources = "; ".join(f"{src}: {value}" for src, value in sorted(tally.by_source.items()))
        lines.append(
            f"| {m(tally.side)} | {m(tally.kind)} | {m(tally.victims)} | {m(tally.scope)} | "
            f"{m(_figure_text(tally))} | {m(sources)} |"
        )
    if report.episodes:
        lines += ["", "## Episodes", "", f"| {' | '.join(EPISODE_COLUMNS)} |"]
        lines.append("|" + "---|" * len(EPISODE_COLUMNS))
        lines += [f"| {' | '.join(m(cell) for cell in episode_row(e))} |" for e in report.episodes]
    lines += ["", "## Events by day", ""]
    day = None
    for incident in report.incidents:
        date = incident.date.value if incident.date else "undated"
        if date != day:
            lines += ["", f"### {m(date)}", ""]
            day = date
        lines.append(
            f"- **{m(incident.sub_type)}** at {m(incident.place or '?')} "
            f"(by {m(incident.actor1_side or 'unknown')}; {m(incident.status)}; "
            f"{len(incident.reports)} reports)"
        )
        for quote in report.quotes.get(incident.id, []):
            lines.append(
                f"  - {m(quote.speaker)} ({m(quote.side or '-')}, {m(quote.stance)}, "
                f"{m(quote.channel)}): > {m(quote.text)}"
            )
    return "\n".join(lines) + "\n"


_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:auto} "
    "td,th{padding:2px 8px;border-bottom:1px solid #ddd} .contested{color:#d62728}"
)


def render_html(report: SituationReport, map_image: bytes, chart_image: bytes) -> str:
    """One self-contained page: images inline, no external resources."""

    def image(data: bytes, alt: str) -> str:
        encoded = base64.b64encode(data).decode("ascii")
        return f'<img alt="{alt}" src="data:image/png;base64,{encoded}">'

    e = html.escape
    rows = "".join(
        f"<tr><td>{e(t.side)}</td><td>{e(t.kind)}</td><td>{e(t.victims)}</td><td>{e(t.scope)}</td>"
        f"<td>{e(_figure_text(t))}</td><td>"
        + e("; ".join(f"{s}: {v}" for s, v in sorted(t.by_source.items())))
        + "</td></tr>"
        for t in report.tallies
    )
    items = []
    for incident in report.incidents:
        quotes = "".join(
            f"<li><b>{e(q.speaker)}</b> ({e(q.side or '-')}, {e(q.stance)}, {e(q.channel)}): "
            f"<q>{e(q.text)}</q></li>"
            for q in report.quotes.get(incident.id, [])
        )
        date = incident.date.value if incident.date else "undated"
        items.append(
            f"<li><b>{e(date)}</b> {e(incident.sub_type)} at {e(incident.place or '?')} "
            f"(by {e(incident.actor1_side or 'unknown')}; "
            f'<span class="{e(incident.status)}">{e(incident.status)}</span>; '
            f"{len(incident.reports)} reports)<ul>{quotes}</ul></li>"
        )
    episodes = (
        "<h2>Episodes</h2><table><tr>"
        + "".join(f"<th>{column}</th>" for column in EPISODE_COLUMNS)
        + "</tr>"
        + "".join(
            "<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in episode_row(ep)) + "</tr>"
            for ep in report.episodes
        )
        + "</table>"
        if report.episodes
        else ""
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{e(report.title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(report.title)}</h1><p>{len(report.incidents)} events.</p>"
        f"{image(map_image, 'map of events')}{image(chart_image, 'casualty figures')}"
        "<h2>Casualties per side</h2><table><tr><th>side</th><th>kind</th><th>victims</th>"
        f"<th>scope</th><th>figure</th><th>by source</th></tr>{rows}</table>"
        + episodes
        + f"<h2>Events</h2><ul>{''.join(items)}</ul>"
        "</body></html>\n"
    )


def write_report(report: SituationReport, folder: Path) -> list[Path]:
    """Write report.md (with its two PNGs) and a self-contained report.html into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    map_image, chart_image = map_png(report), casualty_png(report)
    (folder / "map.png").write_bytes(map_image)
    (folder / "casualties.png").write_bytes(chart_image)
    (folder / "report.md").write_text(
        render_markdown(report, "map.png", "casualties.png"), encoding="utf-8"
    )
    (folder / "report.html").write_text(
        render_html(report, map_image, chart_image), encoding="utf-8"
    )
    return [folder / name for name in ("report.md", "report.html", "map.png", "casualties.png")]
