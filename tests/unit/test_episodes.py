"""Episodes: incidents of one theatre days apart (warlog.link.episodes), on hand-made incidents."""

from __future__ import annotations

import random

from warlog.link import group_episodes
from warlog.model import DatePrecision, EventReport, Evidence, Incident, ResolvedDate


def _incident(key: str, day: str, country: str, side: str | None, article: str) -> Incident:
    precision = DatePrecision.DAY if len(day) == 10 else DatePrecision.MONTH
    evidence = Evidence(article * 64, 0, 10)
    return Incident(
        id=f"{article}-ev-{key}",
        type="Explosions/Remote violence",
        sub_type="Air/drone strike",
        date=ResolvedDate(day, precision),
        place=None,
        geonameid=None,
        lat=None,
        lon=None,
        country_code=country,
        geo_precision=3,
        actor1=None,
        actor1_side=side,
        actor2=None,
        weapons=(),
        status="reported",
        reports=(EventReport(f"{article}-ev-{key}", article * 64, evidence, None, "reported"),),
        claims=(),
        casualties=(),
    )


AMBUSH = _incident("0", "2007-10-21", "TR", None, "a")  # PKK ambush in Hakkari, Turkey
STRIKES = _incident("1", "2007-10-24", "IQ", "TR", "b")  # Turkish air strikes in Iraq


def _members(episodes: list) -> list[set[str]]:
    return sorted((set(e.incidents) for e in episodes), key=min)


def test_an_ambush_and_the_strikes_that_answer_it_across_the_border_are_one_episode() -> None:
    (episode,) = group_episodes([AMBUSH, STRIKES], gap_days=7)
    assert set(episode.incidents) == {AMBUSH.id, STRIKES.id}
    assert (episode.first, episode.last) == ("2007-10-21", "2007-10-24")
    assert set(episode.countries) == {"TR", "IQ"} and episode.sides == ("TR",)
    assert episode.id == f"ep-{min(AMBUSH.id, STRIKES.id)}"
    assert len(episode.articles) == 2 and episode.reports == 2


def test_more_than_the_gap_apart_or_in_unrelated_theatres_they_are_apart() -> None:
    assert len(group_episodes([AMBUSH, STRIKES], gap_days=2)) == 2
    # two US strikes, in Pakistan and in Iraq: neither happened where the other did or by
    # the other's side
    pakistan = _incident("2", "2006-01-13", "PK", "US", "c")
    iraq = _incident("3", "2006-01-14", "IQ", "US", "d")
    assert len(group_episodes([pakistan, iraq], gap_days=7)) == 2


def test_a_war_reported_every_few_days_chains_into_one_episode() -> None:
    days = ["2006-07-12", "2006-07-18", "2006-07-24", "2006-07-30", "2006-08-05"]
    war = [_incident(str(i), day, "LB", "IL", chr(ord("e") + i)) for i, day in enumerate(days)]
    (episode,) = group_episodes(war, gap_days=7)
    assert (episode.first, episode.last) == ("2006-07-12", "2006-08-05")
    # twelve days apart, they are two episodes until rockets fired from Lebanon on Israel
    # between them join both: a side's attack abroad joins its country's neighbours in time
    assert len(group_episodes([war[0], war[2]], gap_days=7)) == 2
    rockets = _incident("9", "2006-07-18", "IL", "LB", "z")
    assert len(group_episodes([war[0], war[2], rockets], gap_days=7)) == 1


def test_a_month_dated_incident_is_an_episode_of_its_own() -> None:
    month = _incident("4", "2007-10", "TR", "TR", "f")
    members = _members(group_episodes([AMBUSH, STRIKES, month], gap_days=7))
    assert members == [{AMBUSH.id, STRIKES.id}, {month.id}]


def test_episodes_do_not_depend_on_the_order_incidents_arrive_in() -> None:
    incidents = [
        AMBUSH,
        STRIKES,
        _incident("5", "2007-10-30", "IQ", "TR", "g"),
        _incident("6", "2007-12-01", "TR", None, "h"),
        _incident("7", "2007-10-22", "SY", None, "i"),
    ]
    expected = _members(group_episodes(incidents, gap_days=7))
    assert len(expected) == 3
    for seed in range(5):
        shuffled = incidents[:]
        random.Random(seed).shuffle(shuffled)
        assert _members(group_episodes(shuffled, gap_days=7)) == expected
