"""Hypothesis strategies for warlog's records (warlog.model): every field a valid value of its
type and vocabulary, optional fields None or not, text with quotes, newlines, markup, emoji
and any other code point a string can store (no lone surrogates: UTF-8 cannot encode them,
and cleaning removes them before any record is made)."""

from __future__ import annotations

import datetime as dt
import hashlib

from hypothesis import strategies as st

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

# text that has broken exporters elsewhere: quotes, escapes, line and paragraph separators,
# markup, a formula, emoji (astral and joined), right-to-left, combining marks, NUL
AWKWARD = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        '\\"',
        "\n",
        "\r\n",
        "\t",
        "\u2028",
        "\u2029",
        "\x85",
        "\x00",
        "\x1b",
        "\ufeff",
        "\u200b",
        "<script>alert('x')</script>",
        "</script>",
        "&amp;",
        "=SUM(A1)",
        "💥",
        "👩\u200d👩\u200d👧",
        "🇦🇿",
        "Gəncə",
        "Ստեփանակերտ",
        "الحديدة",
        "e\u0301",
        "null",
        "{}",
        " ",
    ]
)
PLAIN = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
TEXT = st.lists(st.one_of(PLAIN, AWKWARD), max_size=5).map("".join)
NAME = st.lists(st.one_of(PLAIN, AWKWARD), min_size=1, max_size=4).map("".join).filter(str.strip)
OPTIONAL_TEXT = st.none() | TEXT
ARTICLE_TEXT = st.lists(st.one_of(PLAIN, AWKWARD), max_size=20).map("".join)

COUNTRY = st.sampled_from(["AM", "AZ", "RU", "UA", "YE", "SO", "KE", "IL", "PS", "SY", "IR", "US"])
SIDE = st.none() | COUNTRY
OFFSET = st.integers(min_value=0, max_value=200_000)
GEONAMEID = st.none() | st.integers(min_value=1, max_value=2**31 - 1)
LAT = st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False)
LON = st.none() | st.floats(min_value=-180, max_value=180, allow_nan=False)
CONFIDENCE = st.none() | st.floats(min_value=0, max_value=1, allow_nan=False)
COUNT = st.none() | st.integers(min_value=0, max_value=10_000_000)
STRINGS = st.lists(NAME, max_size=4).map(tuple)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


ARTICLE_ID = st.binary(min_size=1, max_size=8).map(lambda b: hashlib.sha256(b).hexdigest())


def resolved_dates() -> st.SearchStrategy[ResolvedDate]:
    """A date of each precision, ISO cut to it: 2020-10-04, 2020-10, 2020."""
    day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))

    def cut(value: dt.date, precision: DatePrecision) -> ResolvedDate:
        iso = value.isoformat()
        size = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}[precision]
        return ResolvedDate(iso[:size], precision)

    return st.builds(cut, day, st.sampled_from(DatePrecision))


DATE = st.none() | resolved_dates()


def evidences(article_id: st.SearchStrategy[str] = ARTICLE_ID) -> st.SearchStrategy[Evidence]:
    """A span [start, end) of an article's text, start <= end."""
    return st.builds(
        lambda article, start, length: Evidence(article, start, start + length),
        article_id,
        OFFSET,
        st.integers(min_value=0, max_value=2_000),
    )


def articles(text: st.SearchStrategy[str] = ARTICLE_TEXT) -> st.SearchStrategy[Article]:
    def build(text: str, **fields: object) -> Article:
        return Article(id=sha256(text), text=text, **fields)  # type: ignore[arg-type]

    return st.builds(
        build,
        text,
        raw_hash=st.binary(max_size=8).map(lambda b: hashlib.sha256(b).hexdigest()),
        url=st.none() | st.sampled_from(['https://example.org/a?b=1&c="2"', "file:///x y"]),
        outlet=OPTIONAL_TEXT,
        headline=OPTIONAL_TEXT,
        published=DATE,
        published_source=st.sampled_from(
            [None, "given", "html", "field", "dateline", "dateline+text"]
        ),
        dateline_place=OPTIONAL_TEXT,
        language=st.sampled_from(["en", "fr", "ru", "ar"]),
        source=OPTIONAL_TEXT,
    )


def places(evidence: st.SearchStrategy[Evidence] | None = None) -> st.SearchStrategy[PlaceMention]:
    return st.builds(
        PlaceMention,
        text=NAME,
        label=st.sampled_from(["GPE", "LOC", "FAC", "NORP"]),
        evidence=evidences() if evidence is None else evidence,
        geonameid=GEONAMEID,
        name=OPTIONAL_TEXT,
        lat=LAT,
        lon=LON,
        country_code=st.none() | COUNTRY,
        feature_kind=st.none() | st.sampled_from(["city", "admin1", "country", "region", "other"]),
        confidence=CONFIDENCE,
    )


def temporals(
    evidence: st.SearchStrategy[Evidence] | None = None,
) -> st.SearchStrategy[TemporalExpression]:
    return st.builds(
        TemporalExpression,
        text=NAME,
        evidence=evidences() if evidence is None else evidence,
        date=DATE,
        rule=st.sampled_from(["absolute", "weekday", "relative", "month", "year", "dateline"]),
    )


def _optional_span(article_id: st.SearchStrategy[str]) -> st.SearchStrategy[Evidence | None]:
    return st.none() | evidences(article_id)


def claims(article_id: st.SearchStrategy[str] = ARTICLE_ID) -> st.SearchStrategy[Claim]:
    """A claim whose spans are all in one article (as the extractor makes them)."""

    def build(article: str, **fields: object) -> st.SearchStrategy[Claim]:
        same = st.just(article)
        return st.builds(
            Claim,
            evidence=evidences(same),
            source=_optional_span(same),
            cue_span=_optional_span(same),
            content=_optional_span(same),
            **fields,  # type: ignore[arg-type]
        )

    return article_id.flatmap(
        lambda article: build(
            article,
            speaker=NAME,
            titles=STRINGS,
            side=SIDE,
            stance=st.sampled_from(["asserts", "accuses", "denies", "confirms"]),
            channel=st.sampled_from(["statement", "media", "twitter", "telegram", "unknown"]),
            cue=NAME,
            denies=st.lists(st.text(max_size=40), max_size=3).map(tuple),
        )
    )


def casualties(
    evidence: st.SearchStrategy[Evidence] | None = None,
) -> st.SearchStrategy[CasualtyReport]:
    return st.builds(
        CasualtyReport,
        kind=st.sampled_from(["killed", "injured", "missing", "captured", "displaced"]),
        best=COUNT,
        low=COUNT,
        high=COUNT,
        qualifier=st.sampled_from(["exact", "at_least", "approximate", "up_to", "more_than"]),
        victims=st.sampled_from(["civilians", "military", "unknown", "mixed"]),
        side=SIDE,
        scope=st.sampled_from(["incident", "cumulative"]),
        according_to=OPTIONAL_TEXT,
        according_to_side=SIDE,
        evidence=evidences() if evidence is None else evidence,
        number_text=TEXT,
    )


def events(evidence: st.SearchStrategy[Evidence] | None = None) -> st.SearchStrategy[Event]:
    return st.builds(
        Event,
        type=st.sampled_from(
            ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]
        ),
        sub_type=NAME,
        trigger=TEXT,
        evidence=evidences() if evidence is None else evidence,
        date=DATE,
        place=OPTIONAL_TEXT,
        geonameid=GEONAMEID,
        lat=LAT,
        lon=LON,
        actor1=OPTIONAL_TEXT,
        actor1_side=SIDE,
        actor2=OPTIONAL_TEXT,
        weapons=STRINGS,
        status=st.sampled_from(["reported", "claimed", "confirmed", "contested"]),
        claims=STRINGS,
        casualties=STRINGS,
        country_code=st.none() | COUNTRY,
        geo_precision=st.none() | st.sampled_from([1, 2, 3]),
        date_from_text=st.booleans(),
        place_approximate=st.booleans(),
    )


def actors(evidence: st.SearchStrategy[Evidence] | None = None) -> st.SearchStrategy[Actor]:
    return st.builds(
        Actor,
        name=NAME,
        kind=st.sampled_from(
            ["state", "armed_group", "government_body", "person", "civilians", "other"]
        ),
        side=SIDE,
        evidence=evidences() if evidence is None else evidence,
        titles=STRINGS,
        mentions=STRINGS,
        claims=STRINGS,
        events=STRINGS,
        casualties=STRINGS,
    )


def _row_id(record: object) -> object:
    """The store's primary key of a record (two records of one report never share it)."""
    from warlog.store import rows

    if isinstance(record, PlaceMention):
        return rows.place_row(record)["id"]
    if isinstance(record, TemporalExpression):
        return rows.temporal_row(record)["id"]
    return record.id  # type: ignore[attr-defined]


def reports() -> st.SearchStrategy[Report]:
    """An article and records of every kind, all with evidence in that article."""

    def build(article: Article) -> st.SearchStrategy[Report]:
        same = st.just(article.id)
        span = evidences(same)

        def some(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
            return st.lists(strategy, max_size=3, unique_by=_row_id).map(tuple)

        return st.builds(
            Report,
            article=st.just(article),
            places=some(places(span)),
            temporals=some(temporals(span)),
            casualties=some(casualties(span)),
            claims=some(claims(same)),
            events=some(events(span)),
            actors=some(actors(span)),
        )

    return articles().flatmap(build)


KINDS = {
    "article": articles(),
    "place": places(),
    "temporal": temporals(),
    "claim": claims(),
    "casualty_report": casualties(),
    "event": events(),
    "actor": actors(),
}
