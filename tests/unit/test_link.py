"""The link rule and incidents, on hand-made events (no model)."""

from __future__ import annotations

import random
from dataclasses import replace

from warlog.link import LinkRule, build_incident, same_event
from warlog.model import DatePrecision, Event, Evidence, ResolvedDate

RULE = LinkRule(day_window=2, km_town=30, km_region=150)


def _event(article: str, **fields: object) -> Event:
    base = Event(
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        trigger="strike",
        evidence=Evidence(article * 64, 0, 10),
        date=ResolvedDate("2020-10-04", DatePrecision.DAY),
        place="Ganja",
        geonameid=586523,
        lat=40.68157,
        lon=46.36134,
        actor1_side="AM",
        country_code="AZ",
        geo_precision=1,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_same_place_and_day_link() -> None:
    assert same_event(
        _event("a"), _event("b", date=ResolvedDate("2020-10-05", DatePrecision.DAY)), RULE
    )


def test_far_apart_in_time_space_type_or_side_do_not_link() -> None:
    a = _event("a")
    assert not same_event(a, _event("b", date=ResolvedDate("2020-10-08", DatePrecision.DAY)), RULE)
    mingachevir = _event("b", place="Mingachevir", geonameid=585514, lat=40.76, lon=47.06)
    assert not same_event(a, mingachevir, RULE)  # 60 km apart
    assert not same_event(a, _event("b", type="Battles"), RULE)
    assert not same_event(a, _event("b", actor1_side="AZ"), RULE)
    assert same_event(a, _event("b", actor1_side=None), RULE)


def test_month_dates_contain_days_and_background_stays_apart() -> None:
    a = _event("a")
    assert same_event(a, _event("b", date=ResolvedDate("2020-10", DatePrecision.MONTH)), RULE)
    war_of_1992 = _event("b", date=ResolvedDate("1992", DatePrecision.YEAR))
    assert not same_event(a, war_of_1992, RULE)


def test_country_level_reports_never_chain_towns() -> None:
    country = _event("b", place="Azerbaijan", geonameid=587116, lat=40.5, lon=47.5, geo_precision=3)
    assert not same_event(_event("a"), country, RULE)
    assert same_event(country, replace(country, evidence=Evidence("c" * 64, 0, 5)), RULE)


def test_region_reports_link_within_region_distance() -> None:
    region = _event(
        "b", place="Nagorno-Karabakh", geonameid=None, lat=39.9, lon=46.7, geo_precision=2
    )
    stepanakert = _event("a", place="Stepanakert", geonameid=146970, lat=39.82, lon=46.75)
    assert same_event(stepanakert, region, RULE)


def _components(events: list[Event]) -> set[frozenset[str]]:
    """What the store computes: connected components of the link rule."""
    label = {e.id: e.id for e in events}
    for i, new in enumerate(events):
        linked = {label[old.id] for old in events[:i] if same_event(new, old, RULE)}
        merged = {label[new.id], *linked}
        target = min(merged)
        for key, value in label.items():
            if value in merged:
                label[key] = target
    groups: dict[str, set[str]] = {}
    for key, value in label.items():
        groups.setdefault(value, set()).add(key)
    return {frozenset(group) for group in groups.values()}


def test_components_do_not_depend_on_order() -> None:
    events = [
        _event(letter, date=ResolvedDate(f"2020-10-0{day}", DatePrecision.DAY))
        for letter, day in zip("abcdefg", [1, 3, 5, 4, 8, 2, 9], strict=True)
    ]
    expected = _components(events)
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert _components(shuffled) == expected


def test_incident_status_place_and_sources() -> None:
    precise = _event("a", status="claimed")
    coarse = _event("b", status="contested", geo_precision=2, place="Ganja region")
    incident = build_incident(precise.id, [coarse, precise], {"a" * 64: "AFP", "b" * 64: "AP"})
    assert incident.status == "contested"  # a denial wins
    assert incident.place == "Ganja" and incident.geo_precision == 1
    assert set(incident.sources) == {"AFP", "AP"} and len(incident.reports) == 2


def test_pairwise_link_scores() -> None:
    from warlog.eval.links import score_pairs

    groups = {"g1": ["a", "b", "c"], "g2": ["d", "e"]}
    perfect = {frozenset(p) for p in (("a", "b"), ("a", "c"), ("b", "c"), ("d", "e"))}
    assert score_pairs(perfect, groups)["f1"] == 1.0
    partial = score_pairs({frozenset(("a", "b")), frozenset(("a", "d"))}, groups)
    assert (partial["tp"], partial["fp"], partial["fn"]) == (1, 1, 3)
    assert partial["precision"] == 0.5 and partial["recall"] == 0.25
    assert partial["false_pairs"] == [["a", "d"]]


def test_a_report_dated_by_its_publication_may_come_days_later() -> None:
    told = _event("a", date=ResolvedDate("2006-01-13", DatePrecision.DAY))
    later = _event("b", date=ResolvedDate("2006-01-18", DatePrecision.DAY), date_from_text=False)
    assert same_event(told, later, RULE) and same_event(later, told, RULE)
    much_later = replace(later, date=ResolvedDate("2006-02-10", DatePrecision.DAY))
    assert not same_event(told, much_later, RULE)
    earlier = replace(later, date=ResolvedDate("2006-01-05", DatePrecision.DAY))
    assert not same_event(told, earlier, RULE)  # a report cannot precede its event
    both_told = replace(later, date_from_text=True)
    assert not same_event(told, both_told, RULE)  # five days apart, both dated by the text


def test_ucdp_casualty_summary() -> None:
    from warlog.link import casualty_summary
    from warlog.model import CasualtyReport

    def figure(best: int, source: str, kind: str = "killed") -> CasualtyReport:
        return CasualtyReport(
            kind,
            best,
            best,
            best,
            "exact",
            "civilians",
            "AZ",
            "incident",
            source,
            "AZ",
            Evidence("a" * 64, best, best + 1),
            str(best),
        )

    reports = [
        figure(1, "authorities"),
        figure(3, "Hajiyev"),
        figure(40, "Siniora"),
        figure(32, "authorities", "injured"),
    ]
    table = {r.id: r for r in reports}
    incident = build_incident("x", [replace(_event("a"), casualties=tuple(table))], {})
    summary = casualty_summary(incident, table)
    assert summary["killed"] == {
        "by_source": {"Hajiyev": 3, "Siniora": 40, "authorities": 1},
        "low": 1,
        "high": 40,
        "best": 3,
        "disputed": True,
    }
    assert summary["injured"]["best"] == 32 and not summary["injured"]["disputed"]


def test_whose_casualties_from_where_they_fell() -> None:
    from warlog.model import CasualtyReport
    from warlog.resolve.events import place_sides

    def figure(victims: str, side: str | None = None, start: int = 0) -> CasualtyReport:
        return CasualtyReport(
            "killed",
            5,
            5,
            5,
            "exact",
            victims,
            side,
            "incident",
            None,
            None,
            Evidence("a" * 64, start, start + 10),
        )

    civilians, fighters, stated, loose = (
        figure("civilians"),
        figure("military", start=20),
        figure("unspecified", "AM", 40),
        figure("unspecified", start=60),
    )
    ganja = _event("a", casualties=(civilians.id, fighters.id, stated.id))
    settled = place_sides((civilians, fighters, stated, loose), (ganja,))
    assert [c.side for c in settled] == ["AZ", None, "AM", "AZ"]  # fighters: no state's
    abroad = _event("a", country_code="IQ", evidence=Evidence("a" * 64, 50, 60))
    [unsettled] = place_sides((loose,), (ganja, abroad))  # two countries: undecided
    assert unsettled.side is None


def test_two_reports_dated_by_publication_link_either_way() -> None:
    """Neither text gives the day: the order of the two reports does not matter."""
    early = _event("a", date_from_text=False)
    late = _event("b", date=ResolvedDate("2020-10-10", DatePrecision.DAY), date_from_text=False)
    assert same_event(early, late, RULE)
    assert same_event(late, early, RULE)
    too_late = replace(late, date=ResolvedDate("2020-10-20", DatePrecision.DAY))
    assert not same_event(early, too_late, RULE)
    assert not same_event(too_late, early, RULE)


def test_one_articles_events_never_link_to_each_other() -> None:
    # "rockets hit Haifa on Wednesday ... and again on Thursday": two incidents of one article
    wednesday = _event("a")
    thursday = _event("a", date=ResolvedDate("2020-10-05", DatePrecision.DAY))
    thursday = replace(thursday, evidence=Evidence("a" * 64, 40, 50))
    assert not same_event(wednesday, thursday, RULE)
    assert same_event(wednesday, _event("b", date=thursday.date), RULE)


def test_a_village_placed_only_in_the_articles_country_counts_as_that_country() -> None:
    country = _event("b", place="Azerbaijan", geonameid=587116, lat=40.5, lon=47.5, geo_precision=3)
    # a village the gazetteer lacks, put at the point of the country the article is about
    village = _event("c", place="Qarabaghlar", geonameid=None, lat=40.5, lon=47.5, geo_precision=2)
    approximate = replace(village, place_approximate=True)
    assert same_event(approximate, country, RULE)
    assert not same_event(approximate, _event("a"), RULE)  # not near Ganja by that point
    assert same_event(approximate, replace(approximate, evidence=Evidence("d" * 64, 0, 5)), RULE)
    # the same village without the flag is an area: it links by distance, not to the country
    assert not same_event(village, country, RULE)


def test_a_report_matching_two_events_of_one_article_links_to_the_closest_only() -> None:
    """A month-dated report ("the bombing last month") matches two strikes of another article
    (Ganja on 4 and on 6 October); linking both would make them one incident."""
    from warlog.link import mutual_best

    month = _event("a", date=ResolvedDate("2020-10", DatePrecision.MONTH))
    fourth = _event("b")
    sixth = _event(
        "b", evidence=Evidence("b" * 64, 50, 60), date=ResolvedDate("2020-10-06", DatePrecision.DAY)
    )
    assert same_event(month, fourth, RULE) and same_event(month, sixth, RULE)
    events = {"a" * 64: [month], "b" * 64: [fourth, sixth]}
    linked = [e for e in (fourth, sixth) if mutual_best(month, e, events.__getitem__, RULE)]
    assert len(linked) == 1
    # the same one whichever article is asked first
    assert linked == [e for e in (sixth, fourth) if mutual_best(e, month, events.__getitem__, RULE)]
    # a day-dated report links to the strike of its own day, not the other
    day = _event("a", date=ResolvedDate("2020-10-06", DatePrecision.DAY))
    events["a" * 64] = [day]
    assert [e.id for e in (fourth, sixth) if mutual_best(day, e, events.__getitem__, RULE)] == [
        sixth.id
    ]
