"""Typed, frozen records that leave the NLP stages.

Every fact carries an :class:`Evidence`: the article id and character offsets
``[start, end)`` into the article's cleaned text. Field names follow
``eval/FORMAT.md`` so any scorer can read what warlog produces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of a calendar date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date and how precise it is.

    ``value`` is ISO 8601 cut to the precision: ``2020-10-04``, ``2020-10`` or ``2020``.
    """

    value: str
    precision: DatePrecision

    @property
    def year(self) -> int:
        return int(self.value[:4])


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: ``text[start:end]`` of the article's cleaned text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline that opens many wire reports (``BAKU, Oct 4 (Reuters) -``)."""

    place: str | None
    date: ResolvedDate | None
    agency: str | None
    start: int
    end: int
    place_start: int | None = None
    place_end: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. ``id`` is the sha256 of ``text``."""

    id: str
    text: str
    raw_hash: str
    url: str | None = None
    outlet: str | None = None
    headline: str | None = None
    published: ResolvedDate | None = None
    published_source: str | None = None
    dateline_place: str | None = None
    language: str = "en"
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text. Coordinates are filled by the geo resolver.

    A place the gazetteer lacks has no ``geonameid`` but coordinates placed approximately,
    with ``confidence`` 0.4 (near the place the text names beside it) or 0.2 (where the
    article is); see warlog.resolve.approximate (``is_approximate``, ``is_placed_near_named``)."""

    text: str
    label: str
    evidence: Evidence
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature_kind: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A date or time expression and the calendar date it refers to."""

    text: str
    evidence: Evidence
    date: ResolvedDate | None
    rule: str


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    """One casualty figure: (kind, number, victims, side, source), per eval/FORMAT.md.

    ``evidence`` is the sentence; ``number_start``/``number_end`` the number phrase in it.
    """

    kind: str
    best: int | None
    low: int | None
    high: int | None
    qualifier: str
    victims: str
    side: str | None
    scope: str
    according_to: str | None
    according_to_side: str | None
    evidence: Evidence
    number_text: str = ""

    @property
    def id(self) -> str:
        return record_id(
            self.evidence, "ca", _slug(f"{self.kind}-{self.best}-{self.low}-{self.victims}")
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """A reported speech act by a party: who says what, through which channel, with which stance.

    ``evidence`` is the sentence; ``source``, ``cue`` and ``content`` the attribution spans.
    """

    speaker: str
    titles: tuple[str, ...]
    side: str | None
    stance: str
    channel: str
    cue: str
    evidence: Evidence
    source: Evidence | None = None
    cue_span: Evidence | None = None
    content: Evidence | None = None
    denies: tuple[str, ...] = ()  # ids of the claims this one denies

    @property
    def id(self) -> str:
        # one speaker's two acts in a sentence ("acknowledged ..., blaming ...") are two
        return record_id(self.evidence, "cl", _slug(f"{self.speaker}|{self.stance}"))


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of one article (DESIGN.md Records): kind is ``state``,
    ``armed_group``, ``government_body``, ``person``, ``civilians`` or ``other``; side as in
    eval/FORMAT.md. ``evidence`` is its first mention; ``mentions`` the surface forms seen;
    ``claims``, ``events`` and ``casualties`` the ids of the records it appears in."""

    name: str
    kind: str
    side: str | None
    evidence: Evidence
    titles: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    casualties: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.evidence.article_id[:12]}-ac-{_slug(f'{self.kind}:{self.name}')}"


@dataclass(frozen=True, slots=True)
class Event:
    """One incident as reported in one article (ACLED type and sub-type)."""

    type: str
    sub_type: str
    trigger: str
    evidence: Evidence
    date: ResolvedDate | None = None
    place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    actor1: str | None = None
    actor1_side: str | None = None
    actor2: str | None = None
    weapons: tuple[str, ...] = ()
    status: str = "reported"
    claims: tuple[str, ...] = ()  # ids of the claims that assert, confirm or deny it
    casualties: tuple[str, ...] = ()  # ids of the casualty reports about it
    country_code: str | None = None
    geo_precision: int | None = None  # ACLED: 1 town, 2 region, 3 country
    date_from_text: bool = True  # False: the text gave no date, this is the publication date
    # True: its place is one the gazetteer lacks, put only where the article is about
    # (warlog.resolve.approximate.is_approximate); it links to other reports by name only
    place_approximate: bool = False

    @property
    def id(self) -> str:
        where = self.geonameid or self.place or ""
        when = self.date.value if self.date else ""
        return record_id(self.evidence, "ev", _slug(f"{self.type}|{where}|{when}"))


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of an incident."""

    event_id: str
    article_id: str
    evidence: Evidence
    outlet: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event across every article that reports it (warlog.link)."""

    id: str
    type: str
    sub_type: str
    date: ResolvedDate | None
    place: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    geo_precision: int | None
    actor1: str | None
    actor1_side: str | None
    actor2: str | None
    weapons: tuple[str, ...]
    status: str
    reports: tuple[EventReport, ...]
    claims: tuple[str, ...]
    casualties: tuple[str, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet or r.article_id[:12] for r in self.reports))


@dataclass(frozen=True, slots=True)
class Episode:
    """Incidents of one theatre, each at most days after another (warlog.link.episodes)."""

    id: str  # "ep-" and the smallest id of its incidents
    first: str | None  # the earliest incident's date (ISO)
    last: str | None
    countries: tuple[str, ...]  # where its incidents happened, most incidents first
    sides: tuple[str, ...]  # who carried them out, most incidents first
    incidents: tuple[str, ...]
    articles: tuple[str, ...]
    reports: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything warlog found in one article."""

    article: Article
    places: tuple[PlaceMention, ...] = ()
    temporals: tuple[TemporalExpression, ...] = ()
    casualties: tuple[CasualtyReport, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def record_id(evidence: Evidence, kind: str, extra: str = "") -> str:
    """A stable id: the article, the record kind, the offsets and a distinguishing tail."""
    base = f"{evidence.article_id[:12]}-{kind}-{evidence.start}"
    return f"{base}-{extra}" if extra else base


def _slug(text: str) -> str:
    """A short stable tag telling apart records that share a sentence."""
    import hashlib

    return hashlib.sha1(text.lower().encode("utf-8")).hexdigest()[:6]
