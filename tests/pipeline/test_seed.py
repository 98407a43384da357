"""The real pipeline on the seed article."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_report(seed_text: str, nlp: Any) -> warlog.Report:
    return warlog.read(seed_text, nlp=nlp)


def test_publication_date_from_dateline_and_tweet(seed_report: warlog.Report) -> None:
    article = seed_report.article
    assert article.published == warlog.ResolvedDate("2020-10-04", warlog.DatePrecision.DAY)
    assert article.published_source == "dateline+text"
    assert article.dateline_place == "Baku"


def test_every_offset_points_into_the_cleaned_text(seed_report: warlog.Report) -> None:
    text = seed_report.article.text
    for record in (*seed_report.places, *seed_report.temporals):
        assert record.evidence.article_id == seed_report.article.id
        assert text[record.evidence.start : record.evidence.end] == record.text


def test_places_found(seed_report: warlog.Report) -> None:
    names = {place.text for place in seed_report.places}
    assert {"Baku", "Azerbaijan", "Armenia"} <= names
    assert "Story" not in names


def test_dates_resolved(seed_report: warlog.Report) -> None:
    dates = {(t.text, t.date.value) for t in seed_report.temporals if t.date}
    assert ("Sunday", "2020-10-04") in dates
    assert ("27 September", "2020-09-27") in dates
    assert ("October 4, 2020", "2020-10-04") in dates
    assert ("1992", "1992") in dates


def test_explicit_published_wins(seed_text: str, nlp: Any) -> None:
    report = warlog.read(seed_text, published="2020-10-05", nlp=nlp)
    sundays = [t.date.value for t in report.temporals if t.text == "Sunday" and t.date]
    assert sundays and set(sundays) == {"2020-10-04"}
    assert report.article.published_source == "given"


def test_read_rejects_empty_text(nlp: Any) -> None:
    with pytest.raises(warlog.InputError):
        warlog.read("   ", nlp=nlp)


def test_seed_events(seed_report: warlog.Report) -> None:
    found = {(e.place, e.geonameid, e.type, e.actor1_side, e.status) for e in seed_report.events}
    shelling = "Explosions/Remote violence"
    assert found >= {
        ("Ganja", 586523, shelling, "AM", "contested"),
        ("Mingachevir", 585514, shelling, "AM", "contested"),
        ("Khizi", 585909, shelling, "AM", "contested"),
        ("Stepanakert", 146970, shelling, "AZ", "contested"),
        ("Jabrayil", 148141, "Battles", "AZ", "contested"),
    }
    assert all(e.date is not None and e.date.value == "2020-10-04" for e in seed_report.events)
    ganja = next(e for e in seed_report.events if e.place == "Ganja")
    assert "Smerch" in ganja.weapons and "cluster munitions" in ganja.weapons


def test_seed_casualties(seed_report: warlog.Report) -> None:
    found = {
        (c.kind, c.best, c.low, c.high, c.qualifier, c.victims, c.scope, c.according_to_side)
        for c in seed_report.casualties
    }
    assert found == {
        ("killed", None, 24, None, "vague", "unspecified", "cumulative", None),
        ("killed", 1, 1, 1, "exact", "civilians", "incident", "AZ"),
        ("injured", 32, 32, 32, "exact", "civilians", "incident", "AZ"),
        ("killed", 200, None, 199, "nearly", "military", "cumulative", "AM"),
        ("killed", 18, 18, 18, "exact", "civilians", "cumulative", "AM"),
        ("injured", 90, 91, None, "more_than", "civilians", "cumulative", "AM"),
        ("killed", 24, 24, 24, "exact", "civilians", "cumulative", "AZ"),
        ("injured", 111, 111, 111, "exact", "civilians", "cumulative", "AZ"),
        ("killed", 30000, None, None, "about", "unspecified", "historical", None),
    }
    servicemen = next(c for c in seed_report.casualties if c.best == 200)
    assert servicemen.side == "AM"


def test_seed_claims_and_denials(seed_report: warlog.Report) -> None:
    by_speaker = {(c.speaker, c.stance, c.channel) for c in seed_report.claims}
    assert ("Hikmet Hajiyev", "accuses", "twitter") in by_speaker
    assert ("Shushan Stepanian", "denies", "facebook") in by_speaker
    assert ("Vahram Poghosyan", "denies", "media") in by_speaker
    assert ("Arayik Harutyunyan", "confirms", "facebook") in by_speaker
    ministry = next(c for c in seed_report.claims if c.speaker == "Armenia's Defense Ministry")
    assert ministry.side == "AM" and ministry.stance == "denies"
    denied = {c.speaker for c in seed_report.claims if c.id in ministry.denies}
    assert "Hikmet Hajiyev" in denied
    stepanian = next(c for c in seed_report.claims if c.speaker == "Shushan Stepanian")
    assert stepanian.side == "AM"  # "The ministry's spokeswoman" -> the ministry named before
    poghosyan = next(c for c in seed_report.claims if c.speaker == "Vahram Poghosyan")
    assert poghosyan.side == "AM"  # "His spokesman" -> Harutyunyan's side
    text = seed_report.article.text
    for claim in seed_report.claims:
        for span in (claim.source, claim.cue_span, claim.content):
            assert span is None or 0 <= span.start < span.end <= len(text)


def test_seed_places_resolved(seed_report: warlog.Report) -> None:
    resolved = {p.text: p.geonameid for p in seed_report.places}
    assert resolved["Stepanakert"] == 146970  # GeoNames "Khankendi"
    assert resolved["Armenia"] == 174982  # the country, not the Colombian town
    assert resolved["Ganja"] == 586523
    assert resolved["Azerbaijan"] == 587116
    assert "Nagorno-Karabakh" in resolved and "Absheron" in resolved


def test_seed_ganja_toll_is_attached_to_the_ganja_event(seed_report: warlog.Report) -> None:
    ganja = next(e for e in seed_report.events if e.place == "Ganja")
    figures = {(c.kind, c.best) for c in seed_report.casualties if c.id in ganja.casualties}
    assert figures == {("killed", 1), ("injured", 32)}


def test_seed_actors(seed_report: warlog.Report) -> None:
    actors = {actor.name: actor for actor in seed_report.actors}
    expected = {
        "Hikmet Hajiyev": ("person", "AZ"),
        "Ilkham Aliyev": ("person", "AZ"),
        "Shushan Stepanian": ("person", "AM"),
        "Arayik Harutyunyan": ("person", "AM"),
        "Vahram Poghosyan": ("person", "AM"),
        "Ministry of Defence of Armenia": ("government_body", "AM"),
        "Ministry of Defence of Azerbaijan": ("government_body", "AZ"),
        "Government of Nagorno-Karabakh": ("government_body", "AM"),
        "Government of Azerbaijan": ("government_body", "AZ"),
        "Military Forces of Armenia": ("state", "AM"),
        "Military Forces of Azerbaijan": ("state", "AZ"),
    }
    for name, (kind, side) in expected.items():
        assert (actors[name].kind, actors[name].side) == (kind, side), name
    hajiyev = actors["Hikmet Hajiyev"]
    assert "aide to Azerbaijani President Ilkham Aliyev" in hajiyev.titles
    assert len(hajiyev.claims) >= 3  # the statement, the tweet and its strikes
    text = seed_report.article.text
    assert text[hajiyev.evidence.start : hajiyev.evidence.end] == "Hikmet Hajiyev"
    claim_ids = {claim.id for claim in seed_report.claims}
    event_ids = {event.id for event in seed_report.events}
    for actor in seed_report.actors:
        assert set(actor.claims) <= claim_ids and set(actor.events) <= event_ids
    # the three strikes of the tweet are Armenia's; the Stepanakert strike is Azerbaijan's
    assert len(actors["Military Forces of Armenia"].events) == 3
