"""Canonical actors from surface forms (no spaCy model: the gazetteer and data files only)."""

from __future__ import annotations

import pytest

from warlog.model import Claim, Event, Evidence
from warlog.resolve.actors import ActorKey, canonical, resolve_actors


@pytest.mark.parametrize(
    ("surface", "side", "expected"),
    [
        (
            "Armenia's Defense Ministry",
            None,
            ("Ministry of Defence of Armenia", "government_body", "AM"),
        ),
        (
            "the Ministry of Defence of Azerbaijan",
            None,
            ("Ministry of Defence of Azerbaijan", "government_body", "AZ"),
        ),
        (
            "Nagorno-Karabakh officials",
            None,
            ("Government of Nagorno-Karabakh", "government_body", "AM"),
        ),
        (
            "Nagorno-Karabakh's officials",
            None,
            ("Government of Nagorno-Karabakh", "government_body", "AM"),
        ),
        ("Azerbaijani authorities", None, ("Government of Azerbaijan", "government_body", "AZ")),
        ("authorities", "AZ", ("Government of Azerbaijan", "government_body", "AZ")),
        (
            "Pakistani intelligence officials",
            None,
            ("Government of Pakistan", "government_body", "PK"),
        ),
        ("the territory's army", "AM", ("Military Forces of Armenia", "state", "AM")),
        ("Israeli troops", None, ("Military Forces of Israel", "state", "IL")),
        ("the Kremlin", None, ("Government of Russia", "government_body", "RU")),
        ("FARC rebels", None, ("FARC", "armed_group", None)),
        ("Houthi rebels", None, ("Houthis", "armed_group", "YE")),
        ("Sudan Liberation Army", None, ("Sudan Liberation Army", "armed_group", None)),
        ("Popular Resistance Army", None, ("Popular Resistance Army", "armed_group", None)),
        (
            "the Azerbaijani Defence Minister",
            None,
            ("Minister of Defence of Azerbaijan", "person", "AZ"),
        ),
        ("the Prime Minister", "PK", ("Prime Minister of Pakistan", "person", "PK")),
        ("Azerbaijan", None, ("Azerbaijan", "state", "AZ")),
        ("Hikmet Hajiyev", "AZ", ("Hikmet Hajiyev", "person", "AZ")),
        ("Muqtada al-Sadr", None, ("Muqtada al-Sadr", "person", None)),
        ("Associated Press", None, ("Associated Press", "other", None)),
        ("civilians", "AZ", ("Civilians (Azerbaijan)", "civilians", "AZ")),
        ("sources", None, ("sources", "none", None)),
    ],
)
def test_canonical(surface: str, side: str | None, expected: tuple[str, str, str | None]) -> None:
    assert canonical(surface, side) == ActorKey(*expected)


def test_a_state_that_strikes_acts_through_its_military() -> None:
    assert canonical("Armenia's", "AM", striking=True).name == "Military Forces of Armenia"
    assert canonical("Armenia's", "AM").name == "Armenia"


def test_one_actor_per_name_with_its_records_and_surnames_joined() -> None:
    article = "f" * 64
    claims = (
        Claim(
            "Hikmet Hajiyev",
            ("aide to the president",),
            "AZ",
            "accuses",
            "twitter",
            "tweeted",
            Evidence(article, 0, 40),
        ),
        Claim("Hajiyev", (), None, "asserts", "unknown", "said", Evidence(article, 50, 90)),
        Claim("sources", (), None, "asserts", "unknown", "said", Evidence(article, 95, 120)),
    )
    events = (
        Event(
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            "hit",
            Evidence(article, 0, 40),
            actor1_side="AM",
            actor2="civilians",
            country_code="AZ",
        ),
    )
    actors = {actor.name: actor for actor in resolve_actors(claims, events, ())}
    assert set(actors) == {"Hikmet Hajiyev", "Military Forces of Armenia", "Civilians (Azerbaijan)"}
    hajiyev = actors["Hikmet Hajiyev"]
    assert hajiyev.kind == "person" and hajiyev.side == "AZ"
    assert hajiyev.claims == (claims[0].id, claims[1].id)
    assert hajiyev.titles == ("aide to the president",)
    assert hajiyev.mentions == ("Hikmet Hajiyev", "Hajiyev")
    assert actors["Military Forces of Armenia"].events == (events[0].id,)
    assert actors["Military Forces of Armenia"].mentions == ()  # known only by its side
    assert actors["Civilians (Azerbaijan)"].side is None
    assert len({actor.id for actor in actors.values()}) == 3


def test_unnamed_armed_groups_are_named_by_their_country() -> None:
    assert canonical("Three Palestinian militants") == ActorKey(
        "Unidentified Armed Group (Palestinian Territory)", "armed_group", "PS"
    )
    assert canonical("gunmen") == ActorKey("Unidentified Armed Group", "armed_group", None)


@pytest.mark.parametrize(
    "doer",
    ["JNIM fighters", "the Arakan Army", "ISWAP insurgents", "Fano militiamen", "Qassam Brigades"],
)
def test_armed_groups_of_many_wars_are_no_state(doer: str) -> None:
    from warlog.extract.events import names_armed_group

    assert names_armed_group(doer)


def test_a_group_name_inside_another_word_is_none() -> None:
    from warlog.extract.events import names_armed_group

    assert not names_armed_group("the Iranian navy")
