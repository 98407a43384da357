"""The data of one view (an incident, one article's event, the incident list), in the record
shapes of the JSONL export. ``warlog show --json``, ``warlog events --json`` and the web app's
JSON twins all call these, so the CLI and the web give the same objects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from warlog.export.incidents import incident_object
from warlog.export.jsonl import casualty_object, claim_object, event_object
from warlog.model import CasualtyReport, Claim, Event, Incident, Report

if TYPE_CHECKING:
    from warlog.store import Store


def event_view(report: Report, event: Event) -> dict[str, Any]:
    """One article's event with the claims and casualty figures about it and its sentence."""
    by_id = {claim.id: claim for claim in report.claims}
    return {
        "event": event_object(event),
        "claims": [claim_object(by_id[i]) for i in event.claims if i in by_id],
        "casualties": [
            casualty_object(c) for c in report.casualties if c.id in set(event.casualties)
        ],
        "evidence": report.article.text[event.evidence.start : event.evidence.end],
    }


def incident_view(incident: Incident, reports: Iterable[Report]) -> dict[str, Any]:
    """An incident and, for each of its reports, that article's event view."""
    events = {e.id: (r, e) for r in reports for e in r.events}
    return {
        "incident": incident_object(incident),
        "reports": [
            event_view(*events[item.event_id])
            for item in incident.reports
            if item.event_id in events
        ],
    }


def incident_rows(
    incidents: Iterable[Incident], casualties: dict[str, CasualtyReport]
) -> list[dict[str, Any]]:
    """The incident list: each incident with its casualty summary per kind and source."""
    from warlog.link import casualty_summary

    return [
        {**incident_object(i), "casualty_summary": casualty_summary(i, casualties)}
        for i in incidents
    ]


def sentence(text: str, start: int, end: int) -> str:
    """An evidence sentence on one line."""
    return " ".join(text[start:end].split())


def claims_with_evidence(
    store: Store, stance: str | None = None, side: str | None = None
) -> list[tuple[Claim, str]]:
    """``warlog claims``: the stored claims (by stance and speaker side), each with its
    evidence sentence."""
    found = store.claims(stance=stance, side=side)
    texts = {a: store.article_text(a) for a in dict.fromkeys(c.evidence.article_id for c in found)}
    return [
        (c, sentence(texts[c.evidence.article_id], c.evidence.start, c.evidence.end)) for c in found
    ]
