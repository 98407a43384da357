"""A small store built by hand (no spaCy model): one ordinary article and one whose text and
names look like HTML, with claims by two sides, a denial, a casualty figure and an event."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import warlog
from warlog.model import (
    Actor,
    Article,
    CasualtyReport,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    PlaceMention,
    Report,
    ResolvedDate,
    TemporalExpression,
)

HOSTILE_TEXT = (
    "Shells hit Ganja on Sunday, killing 12 civilians, officials said. "
    '<script>alert("x")</script> The <b>Ministry</b> denied the claims. '
    '<img src=x onerror=alert(1)> See <a href="javascript:alert(2)">javascript:alert(2)</a>.'
)
PLAIN_TEXT = "Protesters marched in Yerevan on Monday, police said."


@dataclass(frozen=True)
class Built:
    path: Path
    hostile: Report
    plain: Report

    @property
    def event(self) -> Event:
        return self.hostile.events[0]


def _span(text: str, article_id: str, needle: str, after: int = 0) -> Evidence:
    start = text.index(needle, after)
    return Evidence(article_id, start, start + len(needle))


def _article(text: str, headline: str, published: str, outlet: str) -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        id=digest,
        text=text,
        raw_hash=digest,
        url="javascript:alert(3)",
        outlet=outlet,
        headline=headline,
        published=ResolvedDate(published, DatePrecision.DAY),
    )


def hostile_report() -> Report:
    text = HOSTILE_TEXT
    article = _article(text, "<i>Shelling</i> of Ganja", "2020-10-04", "<Wire> & Co")
    aid = article.id
    first = _span(text, aid, "Shells hit Ganja on Sunday, killing 12 civilians, officials said.")
    second = _span(text, aid, "The <b>Ministry</b> denied the claims.")
    accusation = Claim(
        speaker="officials",
        titles=(),
        side="AZ",
        stance="accuses",
        channel="unknown",
        cue="said",
        evidence=first,
        source=_span(text, aid, "officials"),
        cue_span=_span(text, aid, "said"),
        content=_span(text, aid, "Shells hit Ganja on Sunday, killing 12 civilians"),
    )
    denial = Claim(
        speaker="<b>Ministry</b>",
        titles=("<script>title</script>",),
        side="AM",
        stance="denies",
        channel="statement",
        cue="denied",
        evidence=second,
        source=_span(text, aid, "<b>Ministry</b>"),
        cue_span=_span(text, aid, "denied"),
        content=_span(text, aid, "the claims"),
        denies=(accusation.id,),
    )
    figure = CasualtyReport(
        kind="killed",
        best=12,
        low=12,
        high=12,
        qualifier="exact",
        victims="civilians",
        side="AZ",
        scope="incident",
        according_to="officials",
        according_to_side="AZ",
        evidence=first,
        number_text="12",
    )
    event = Event(
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        trigger="Shells",
        evidence=first,
        date=ResolvedDate("2020-10-04", DatePrecision.DAY),
        place="Ganja",
        geonameid=587084,
        lat=40.68,
        lon=46.36,
        actor1="<Armenian> forces",
        actor1_side="AM",
        actor2="civilians",
        status="contested",
        claims=(accusation.id, denial.id),
        casualties=(figure.id,),
        country_code="AZ",
        geo_precision=1,
    )
    return Report(
        article=article,
        places=(
            PlaceMention(
                "Ganja", "GPE", _span(text, aid, "Ganja"), 587084, "Ganja", 40.68, 46.36, "AZ"
            ),
        ),
        temporals=(
            TemporalExpression(
                "Sunday",
                _span(text, aid, "Sunday"),
                ResolvedDate("2020-10-04", DatePrecision.DAY),
                "weekday",
            ),
        ),
        casualties=(figure,),
        claims=(accusation, denial),
        events=(event,),
        actors=(Actor("<b>Ministry</b>", "government_body", "AM", denial.source or second),),
    )


def plain_report() -> Report:
    text = PLAIN_TEXT
    article = _article(text, "Protest in Yerevan", "2020-10-05", "Daily")
    aid = article.id
    sentence = _span(text, aid, text)
    event = Event(
        type="Protests",
        sub_type="Peaceful protest",
        trigger="marched",
        evidence=sentence,
        date=ResolvedDate("2020-10-05", DatePrecision.DAY),
        place="Yerevan",
        geonameid=616052,
        lat=40.18,
        lon=44.51,
        actor1="Protesters",
        actor1_side="AM",
        status="reported",
        country_code="AM",
        geo_precision=1,
    )
    return Report(
        article=article,
        places=(PlaceMention("Yerevan", "GPE", _span(text, aid, "Yerevan")),),
        events=(event,),
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("web") / "web.db"
    hostile, plain = hostile_report(), plain_report()
    store = warlog.open(path)
    try:
        store.add_report(hostile)
        store.add_report(plain)
    finally:
        store.close()
    return Built(path, hostile, plain)


@pytest.fixture(scope="session")
def client(built: Built) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette: its TestClient will move to httpx2
        from fastapi.testclient import TestClient

    from warlog.serve.app import ServeSettings, create_app

    # no rate limit here: many tests share this client (tests/web/test_limits.py tests it)
    app = create_app(ServeSettings(db=str(built.path), page_size=1, rate_per_second=0))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


# -- a store of many incidents (server-side paging and aggregation) ------------------------

CROWDED_INCIDENTS = 120
CROWDED_PLACES = (  # (name, country, lat, lon): each incident is near one of these
    ("Northtown", "AM", 40.2, 44.5),
    ("Easttown", "AZ", 40.7, 46.4),
    ("Southtown", "GE", 41.7, 44.8),
)
CROWDED_TYPES = (
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
    ("Explosions/Remote violence", "Air/drone strike"),
)


def crowded_report(index: int, event_type: str | None = None) -> Report:
    """Incident ``index`` of the crowded store: one article, one event, three days after the
    one before (so none links to another), in a place and of a type taken in turn, the
    "Northern Army" its perpetrator; ``event_type`` replaces the type (a reanalysis)."""
    import datetime as dt

    name, country, lat, lon = CROWDED_PLACES[index % len(CROWDED_PLACES)]
    kind, sub_type = CROWDED_TYPES[index % len(CROWDED_TYPES)]
    if event_type is not None:
        kind = event_type
    day = (dt.date(2021, 1, 1) + dt.timedelta(days=3 * index)).isoformat()
    text = f"The Northern Army struck {name} on {day}, report {index} said."
    article = _article(text, f"Report {index}", day, "Wire")
    aid = article.id
    sentence = _span(text, aid, text)
    event = Event(
        type=kind,
        sub_type=sub_type,
        trigger="struck",
        evidence=sentence,
        date=ResolvedDate(day, DatePrecision.DAY),
        place=name,
        lat=lat + (index % 7) * 0.5,  # spread over a few cells of a degree
        lon=lon + (index % 5) * 0.5,
        actor1="Northern Army",
        actor1_side=country,
        status="reported",
        country_code=country,
        geo_precision=1,
    )
    army = Actor(
        "Northern Army", "armed_group", None, _span(text, aid, "Northern Army"), events=(event.id,)
    )
    return Report(
        article=article,
        places=(PlaceMention(name, "GPE", _span(text, aid, name)),),
        events=(event,),
        actors=(army,),
    )


@pytest.fixture(scope="session")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of CROWDED_INCIDENTS incidents, one report each."""
    path = tmp_path_factory.mktemp("crowded") / "crowded.db"
    store = warlog.open(path)
    try:
        for index in range(CROWDED_INCIDENTS):
            store.add_report(crowded_report(index))
    finally:
        store.close()
    return path
