"""Place recognition beyond the NER's own places, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


def _places(text: str, nlp: Any) -> list[tuple[str, str | None]]:
    report = warlog.read(text, published="2019-09-15", nlp=nlp)
    return [(p.text, p.country_code) for p in report.places]


def test_a_name_the_text_calls_a_place_is_one(nlp: Any) -> None:
    """The parse calls "Badar" and "Khurais" organisations; the text calls them a village and
    an oil field. "4:00 A.M." the parse calls a place; it is none."""
    found = _places(
        "Missiles hit the village of Badar in South Waziristan, Pakistan. The attacks at "
        "4:00 A.M. struck Abqaiq and the Khurais oil field in Saudi Arabia.",
        nlp,
    )
    names = [name for name, _ in found]
    assert "Badar" in names and "Khurais" in names and "A.M." not in names
    assert dict(found)["Khurais"] == "SA"


def test_a_demonym_is_not_a_place(nlp: Any) -> None:
    found = _places("Siniora told a meeting of Arab foreign ministers in Beirut.", nlp)
    assert [name for name, _ in found] == ["Beirut"]


def test_a_family_name_of_someone_the_text_names_is_no_place(nlp: Any) -> None:
    """ "Santos" after "Juan Manuel Santos", "Collins" after "Colonel Tom Collins": the
    person, not the Brazilian port or a Mississippi town; "the Bush administration" and
    "Holloway said" name people too. A name the text puts something in stays a place."""
    found = _places(
        'Defense Minister Juan Manuel Santos spoke in Bogota. "It is a blow", Santos said. '
        "Colonel Tom Collins said the raid was a success. Collins rebuts this claim. "
        "The Bush administration was divided. British spokesman Maj. Tom Holloway says so, "
        "and Holloway said more. Paul Jackson was born in Jackson, Mississippi.",
        nlp,
    )
    names = [name for name, _ in found]
    assert not {"Santos", "Collins", "Bush", "Holloway"} & set(names)
    assert "Bogota" in names and "Jackson" in names


def test_a_town_and_its_area_in_one_entity_are_two_places(nlp: Any) -> None:
    report = warlog.read(
        "Violence broke out at Freedom Plaza in the US capital city of Washington, DC.",
        published="2020-12-13",
        nlp=nlp,
    )
    by_text = {p.text: p for p in report.places}
    assert by_text["Washington"].geonameid == 4140963
    plaza = by_text["Freedom Plaza"]
    assert plaza.geonameid is None and abs(plaza.lat - 38.9) < 0.1


def test_bodies_of_a_country_are_the_country_and_common_words_no_places(nlp: Any) -> None:
    """ "United States Coast Guard" and "Ivory Coast PM Guillaume Soro" are the country;
    "Russian Black Sea Fleet" (a demonym's body), "mosques", "the west coast" and "the North"
    alone are no places; "North and South Korea" is read by "South Korea"."""
    found = _places(
        "The United States Coast Guard called off its search off the west coast. A missile "
        "hit a plane carrying Ivory Coast PM Guillaume Soro. The Russian Black Sea Fleet "
        "sailed. North and South Korea exchanged fire and shells fell into the North. "
        "Gunmen attacked churches and mosques.",
        nlp,
    )
    names = [name for name, _ in found]
    assert "United States" in names and "Ivory Coast" in names and "South Korea" in names
    assert not {"mosques", "west coast", "North", "Russian Black Sea Fleet"} & set(names)
    assert not any(" and" in name or "Guard" in name or "Soro" in name for name in names)


def test_a_town_the_parse_calls_a_people_is_a_place_where_something_is_in_it(
    nlp: Any,
) -> None:
    """ "Kidal" is tagged a nationality; "rebel positions in Kidal" puts something in it, and
    a town of 10,000 people or more by that name is enough where no country is named."""
    found = _places("Government jets bombed rebel positions in Kidal on Thursday.", nlp)
    assert found == [("Kidal", "ML")]


def test_a_name_called_an_area_or_whose_parts_are_named_is_a_place(nlp: Any) -> None:
    """The parse calls "Kidal" a nationality and "Kharkiv" a person; "in Kidal region" calls
    the one an area, "residential areas of Kharkiv" names parts of the other."""
    assert _places("Gunmen shot dead a village chief in Kidal region on Wednesday.", nlp) == [
        ("Kidal", "ML")
    ]
    found = _places("Russian forces shelled residential areas of Kharkiv overnight.", nlp)
    assert ("Kharkiv", "UA") in found


def test_a_rank_is_no_place_and_a_name_keeps_its_first_word(nlp: Any) -> None:
    """ "Brig." of "Brig. Gen. Yahya Saree" is tagged a place; "Dera Ismail Khan" a person
    "Ismail Khan"."""
    found = _places("The spokesman, Brig. Gen. Yahya Saree, claimed the attack.", nlp)
    assert found == []
    found = _places(
        "Militants assaulted a police station in Dera Ismail Khan district on Tuesday.", nlp
    )
    assert [name for name, _ in found] == ["Dera Ismail Khan"]


def test_a_heading_word_is_no_place(nlp: Any) -> None:
    """A common noun alone on its line is a section heading, though the recogniser calls
    it a place; a proper name alone on its line stays one."""
    from spacy.tokens import Span

    from warlog.extract.places import _heading_word

    doc = nlp("Rockets were fired into Israel.\n\nBackground\n\nGaza\n\nIt was the third day.")
    heading = next(t for t in doc if t.text == "Background")
    name = next(t for t in doc if t.text == "Gaza")
    heading.pos_, name.pos_ = "NOUN", "PROPN"
    assert _heading_word(Span(doc, heading.i, heading.i + 1, label="GPE"))
    assert not _heading_word(Span(doc, name.i, name.i + 1, label="GPE"))
