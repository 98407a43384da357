"""Who a claim's speaker is, beyond what the scorer's speaker_match can see: the whole name."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


def _speakers(text: str, nlp: Any) -> list[tuple[str, str, str | None]]:
    report = warlog.read(text, published="2024-05-04", nlp=nlp)
    return [(claim.speaker, claim.channel, claim.side) for claim in report.claims]


def test_a_dateline_is_no_part_of_the_speaker(nlp: Any) -> None:
    text = "PESHAWAR, Pakistan \u2014 Police said a bomb killed 12 people at a market on Friday."
    assert _speakers(text, nlp) == [("Police", "unknown", "PK")]


def test_the_agency_of_a_dateline_is_no_channel(nlp: Any) -> None:
    text = "KABUL (Reuters) - Afghan officials said on Monday that a suicide bomber killed 10."
    assert _speakers(text, nlp) == [("Afghan officials", "unknown", "AF")]


def test_a_generic_speaker_does_not_resume_a_longer_name(nlp: Any) -> None:
    text = (
        "US officials said the drone campaign in Pakistan would continue. "
        "Officials in Peshawar said a US drone strike killed five people on Monday."
    )
    speakers = _speakers(text, nlp)
    assert speakers[-1][0] == "Officials" and speakers[-1][2] == "PK"


def test_an_armed_group_not_tied_to_a_state_has_no_side(nlp: Any) -> None:
    # eval/ANNOTATION.md: Hezbollah, Hamas, the Taliban ... have side null
    text = (
        "Israeli warplanes struck Gaza on Tuesday, killing 11 people. "
        "Hamas said the strike killed 11 civilians."
    )
    assert _speakers(text, nlp) == [("Hamas", "unknown", None)]


def test_a_reporting_verb_before_a_name_is_no_title_of_it(nlp: Any) -> None:
    text = (
        "Israeli jets bombed Beirut on Friday. "
        "Israel says Sheikh Hassan Nasrallah, the Hezbollah leader, is also a target. "
        "Nasrallah said in a televised address that Hezbollah is ready for an open war."
    )
    assert _speakers(text, nlp)[-1] == ("Hassan Nasrallah", "unknown", None)


def test_a_body_the_recogniser_cut_at_for_keeps_its_whole_name(nlp: Any) -> None:
    text = (
        "Air strikes hit Aleppo on Monday. The UN Office for the Coordination of Humanitarian "
        "Affairs said 20 civilians were killed."
    )
    assert _speakers(text, nlp)[0][0] == ("UN Office for the Coordination of Humanitarian Affairs")


def test_a_spokesman_for_a_body_is_no_body_name(nlp: Any) -> None:
    text = "Air strikes hit Aleppo on Monday, a spokesman for the Syrian army said."
    assert _speakers(text, nlp)[0][0] == "spokesman"


def test_a_group_with_a_country_in_its_name_has_no_side(nlp: Any) -> None:
    text = (
        "Turkish drones struck a village near Qamishli on Monday, the Syrian Democratic "
        "Forces said."
    )
    assert _speakers(text, nlp) == [("Syrian Democratic Forces", "unknown", None)]


def test_it_resumes_the_body_that_spoke_just_before(nlp: Any) -> None:
    text = (
        "Russian forces shelled Odesa on Monday. Russia's defence ministry said its forces had "
        "hit military targets in Odesa. It denied targeting civilian sites."
    )
    report = warlog.read(text, published="2024-05-04", nlp=nlp)
    assert [(c.speaker, c.stance, c.side) for c in report.claims] == [
        ("Russia's defence ministry", "confirms", "RU"),
        ("Russia's defence ministry", "denies", "RU"),
    ]


def test_it_resumes_no_person(nlp: Any) -> None:
    text = (
        "A bomb killed two people in Kano on Monday, police spokesman Ali Musa said. "
        "It denied the attack was linked to the election."
    )
    assert [s[0] for s in _speakers(text, nlp)] == ["Ali Musa"]


def test_officials_in_a_province_are_of_its_country(nlp: Any) -> None:
    text = "An airstrike killed eight civilians on Monday, officials in Kunar province said."
    assert _speakers(text, nlp) == [("officials", "unknown", "AF")]


def test_neither_confirming_nor_denying_is_no_denial(nlp: Any) -> None:
    text = (
        "Israeli jets struck a site in Syria on Monday. "
        "Israel has not confirmed or denied the reports."
    )
    assert _speakers(text, nlp) == []


def test_reporting_on_a_war_is_no_claim(nlp: Any) -> None:
    text = (
        "Israeli jets struck a site in Syria on Monday, killing the journalist Ali Musa. "
        "He reported extensively on the war in Syria."
    )
    assert _speakers(text, nlp) == []


def test_activists_are_the_source_of_a_figure(nlp: Any) -> None:
    text = "Gunmen killed seven villagers in Idlib in Syria on Tuesday, according to activists."
    report = warlog.read(text, published="2024-05-04", nlp=nlp)
    assert [(c.best, c.according_to) for c in report.casualties] == [(7, "activists")]


def test_a_relative_clause_with_a_speaker_of_its_own(nlp: Any) -> None:
    text = (
        "Israeli warplanes struck several buildings in Gaza City on Sunday, including a house "
        "where the medics say at least 11 civilians were killed."
    )
    assert _speakers(text, nlp) == [("medics", "unknown", None)]


def test_a_relative_pronoun_is_no_speaker_of_its_own(nlp: Any) -> None:
    text = "Warplanes struck Gaza on Sunday, according to reports that said 11 people died."
    assert "that" not in [s[0] for s in _speakers(text, nlp)]


def test_a_sentence_starts_only_after_punctuation_or_a_line_break(nlp: Any) -> None:
    text = (
        "A missile hit a ship in the Gulf of Aden on Monday.\n\n"
        "Houthi military spokesman Yahya Saree said the group had targeted the vessel."
    )
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][1].startswith("Houthi military spokesman")
    # an armed group's spokesman is of no state, whatever the title's other words
    assert _speakers(text, nlp) == [("Yahya Saree", "unknown", None)]


def test_an_unpunctuated_text_is_left_to_the_parser_to_split(nlp: Any) -> None:
    from warlog.nlp.components import MAX_UNPUNCTUATED, paragraph_boundaries

    doc = paragraph_boundaries(nlp.make_doc(" ".join(["rockets hit the town"] * 100)))
    forbidden = [t.i for t in doc if t.is_sent_start is False]
    assert forbidden[:3] == [1, 2, 3]
    assert doc[MAX_UNPUNCTUATED + 1].is_sent_start is None  # the parser decides again


def test_closing_speakers_the_parse_left_without_a_verb(nlp: Any) -> None:
    text = (
        "A military air strike on a village in Myanmar's Sagaing region killed at least 40 "
        "people on Tuesday, including women and children attending a ceremony, residents "
        "and a local resistance group said."
    )
    assert [s[0] for s in _speakers(text, nlp)] == ["residents", "local resistance group"]


def test_a_body_named_by_its_government_word_is_no_person(nlp: Any) -> None:
    text = (
        "Myanmar jets bombed a village on Tuesday. The National Unity Government, a shadow "
        "administration, condemned the attack as a war crime."
    )
    assert [s[0] for s in _speakers(text, nlp)] == ["National Unity Government"]


def test_a_regional_governor_is_of_the_town_his_sentence_is_about(nlp: Any) -> None:
    text = (
        "Separately, a Russian drone attack on the southern city of Kherson killed a "
        "65-year-old woman and wounded three other civilians, regional governor Oleksandr "
        "Prokudin said on Telegram."
    )
    assert _speakers(text, nlp) == [("Oleksandr Prokudin", "telegram", "UA")]


def test_a_governor_named_by_his_state_keeps_it(nlp: Any) -> None:
    text = (
        "Russian-installed governor Vladimir Saldo said Ukrainian shelling of the city of "
        "Nova Kakhovka killed two."
    )
    assert _speakers(text, nlp) == [("Vladimir Saldo", "unknown", "RU")]


def test_who_calls_it_so_is_who_said_it(nlp: Any) -> None:
    text = (
        "Shells struck a market in Omdurman in Sudan on Sunday. The army said in a statement "
        'that the RSF had shelled the market "indiscriminately", calling it a war crime.'
    )
    assert [s[0] for s in _speakers(text, nlp)] == ["army"]


def test_a_name_in_the_speakers_of_phrase_is_not_the_speaker(nlp: Any) -> None:
    # "residents of Mir Ali", "an aide to Moussawi": the residents and the aide speak
    text = (
        "US drones struck two houses in North Waziristan on Sunday. "
        "Residents of Mir Ali told Dawn that the drones had killed four people. "
        "A spokesman for Hamid Karzai said the strike killed civilians."
    )
    speakers = [speaker for speaker, _, _ in _speakers(text, nlp)]
    assert speakers == ["Residents of Mir Ali", "spokesman for Hamid Karzai"]


def test_whom_it_was_told_to_is_no_part_of_what_was_said(nlp: Any) -> None:
    text = (
        "US drones struck two houses in North Waziristan on Sunday. "
        "Residents told Dawn that the drones had killed four people."
    )
    report = warlog.read(text, published="2024-05-04", nlp=nlp)
    (claim,) = report.claims
    assert claim.content is not None
    said = report.article.text[claim.content.start : claim.content.end]
    assert said == "that the drones had killed four people"


def test_two_acts_of_one_speaker_in_a_sentence_have_their_own_ids(nlp: Any) -> None:
    # the store keys claims by id: two claims with one id would fail the article's storing
    text = (
        "Iran's Revolutionary Guards shot down a Ukrainian airliner near Tehran on Wednesday. "
        "On Saturday, Iranian officials acknowledged that their forces had shot down the "
        "airliner, blaming human error and the threat of aggression from the United States."
    )
    report = warlog.read(text, published="2024-01-11", nlp=nlp)
    stances = sorted(claim.stance for claim in report.claims)
    assert stances == ["accuses", "confirms"]
    assert len({claim.id for claim in report.claims}) == len(report.claims)


def test_a_hyphen_parsed_as_an_apposition_is_no_speakers_title(nlp: Any) -> None:
    # "neo-Nazis" parsed as "neo" with the apposition "-" and the subject "Nazis": an
    # apposition of punctuation alone is none, and the article is read, not skipped; praising
    # rallies (an object, no clause) is no claim
    text = (
        "Shops have become quicker to distance themselves from violence, whether by "
        "condemning the militias after neo-Nazis praise their rallies or by closing early."
    )
    report = warlog.read(text, published="2018-01-01", nlp=nlp)
    assert report.article.text == text
    assert report.claims == ()


def test_an_empty_apposition_is_ignored(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # what "neo-Nazis" parsed as "neo", "-", "Nazis" gives: an apposition with no words
    import warlog.extract.claims as claims

    parts = claims._subject_parts
    monkeypatch.setattr(claims, "_subject_parts", lambda s: (parts(s)[0], [*parts(s)[1], []]))
    text = "Gunmen attacked a police station in Kano on Monday, a police spokesman said."
    report = warlog.read(text, published="2024-05-04", nlp=nlp)
    assert [c.speaker for c in report.claims] == ["police spokesman"]
