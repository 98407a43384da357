"""The data of each HTML page beyond its JSON twin: claims in columns by side, the reason for
an incident's status, an article's marked text. Plain records in, plain data out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from warlog.export.acled import fatalities
from warlog.export.views import sentence
from warlog.link import casualty_summary
from warlog.model import CasualtyReport, Claim, Event, Incident, Report
from warlog.serve.highlight import LEGEND, pieces, spans_of
from warlog.store.rows import record_id

NO_SIDE = "unknown side"


@dataclass(frozen=True, slots=True)
class ClaimItem:
    claim: Claim
    article_id: str
    outlet: str | None
    evidence: str


@dataclass(frozen=True, slots=True)
class FigureItem:
    figure: CasualtyReport
    article_id: str
    outlet: str | None
    evidence: str


@dataclass(frozen=True, slots=True)
class ReportItem:
    report: Report
    event: Event
    evidence: str


def status_reason(incident: Incident, claims: list[Claim]) -> str:
    """Why an incident has its status (eval/ANNOTATION.md: a denial wins)."""

    def who(found: list[Claim]) -> str:
        names = dict.fromkeys(f"{c.speaker} ({c.side or 'side unknown'})" for c in found)
        return ", ".join(names) or "a party"

    denials = [c for c in claims if c.stance == "denies"]
    per_report = Counter(r.status for r in incident.reports)
    reports = ", ".join(f"{n} {status}" for status, n in sorted(per_report.items()))
    if incident.status == "contested":
        reason = f"a party denies it: {who(denials)}; a denial wins"
    elif incident.status == "confirmed":
        confirming = [c for c in claims if c.stance == "confirms"]
        reason = (
            f"the perpetrator's side acknowledges it: {who(confirming)}"
            if confirming
            else "reported as fact with an independent source"
        )
    elif incident.status == "claimed":
        asserting = [c for c in claims if c.stance != "denies"]
        reason = f"a party says it happened ({who(asserting)}) and no one denies it"
    else:
        reason = "the journalist's own account; no party's claim is attached"
    return f"{reason}. Reports: {reports}."


def incident_page(incident: Incident, reports: list[Report]) -> dict[str, Any]:
    """The incident page: its reports, claims grouped by the speaker's side, figures per
    source, the ACLED fatality count and the status reason."""
    wanted = {r.event_id for r in incident.reports}
    claim_ids = set(incident.claims)
    figure_ids = set(incident.casualties)
    items: list[ReportItem] = []
    claims: list[ClaimItem] = []
    figures: list[FigureItem] = []
    seen: set[str] = set()
    for report in reports:
        text = report.article.text
        outlet = report.article.outlet or report.article.headline
        for event in report.events:
            if event.id in wanted:
                items.append(
                    ReportItem(
                        report, event, sentence(text, event.evidence.start, event.evidence.end)
                    )
                )
        for claim in report.claims:
            if claim.id in claim_ids and claim.id not in seen:
                seen.add(claim.id)
                e = claim.evidence
                claims.append(
                    ClaimItem(claim, report.article.id, outlet, sentence(text, e.start, e.end))
                )
        for figure in report.casualties:
            if figure.id in figure_ids and figure.id not in seen:
                seen.add(figure.id)
                e = figure.evidence
                figures.append(
                    FigureItem(figure, report.article.id, outlet, sentence(text, e.start, e.end))
                )
    by_side: dict[str, list[ClaimItem]] = {}
    for item in claims:
        by_side.setdefault(item.claim.side or NO_SIDE, []).append(item)
    columns = sorted(by_side.items(), key=lambda kv: (kv[0] == NO_SIDE, kv[0]))
    casualties = {f.figure.id: f.figure for f in figures}
    killed, dispute = fatalities(incident, casualties)
    return {
        "reports": items,
        "columns": columns,
        "figures": figures,
        "summary": casualty_summary(incident, casualties),
        "fatalities": killed,
        "dispute": dispute,
        "reason": status_reason(incident, [c.claim for c in claims]),
    }


def article_page(report: Report) -> dict[str, Any]:
    """The article page: its text cut into marked pieces, the legend and its records."""
    text = report.article.text
    return {
        "pieces": pieces(text, spans_of(report)),
        "legend": LEGEND,
        "place_key": lambda p: record_id(
            p.evidence.article_id, "pl", p.evidence.start, p.evidence.end
        ),
        "date_key": lambda t: record_id(
            t.evidence.article_id, "tx", t.evidence.start, t.evidence.end
        ),
    }
