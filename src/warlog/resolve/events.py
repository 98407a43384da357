"""Settle events: their places (one event per place), dates, the claims about them, the
perpetrator's side where only a claim names it, and their status (eval/ANNOTATION.md):

- ``reported``: the journalist's own account, no party says it;
- ``claimed``: a party says it happened and no other party denies;
- ``confirmed``: the perpetrator's own side acknowledges it;
- ``contested``: a party denies (a denial wins, and a general "denied the claims" covers
  every claim of the other side).
Reports of the same incident in one article (same type, place and date) are one event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from warlog.dates import from_date, to_date
from warlog.extract.casualties import PLACE_SIDE
from warlog.extract.events import EventDraft, PlacedTrigger
from warlog.extract.sides import side_of
from warlog.model import (
    Article,
    CasualtyReport,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    PlaceMention,
    ResolvedDate,
    TemporalExpression,
)
from warlog.resolve.approximate import home_country, is_approximate, is_placed_near_named
from warlog.resolve.own_acts import bystander

STATUS_RANK = {"reported": 0, "claimed": 1, "confirmed": 2, "contested": 3}
GEO_PRECISION = {"city": 1, "region": 2, "country": 3}  # ACLED's geo_precision codes


def _places_for(draft: EventDraft, places: tuple[PlaceMention, ...]) -> list[PlaceMention]:
    start, end = draft.event.evidence.start, draft.event.evidence.end
    inside = [
        place
        for place in places
        if start <= place.evidence.start < end
        and place.label != "DATELINE"
        and (place.geonameid is not None or place.lat is not None)
        and not any(s <= place.evidence.start < e for s, e in draft.excluded)
        # only where a trigger's clause reaches ("the government of Syria after Turkey began
        # an offensive into north-eastern Syria": the second Syria)
        and (not draft.triggers or any(t[4] <= place.evidence.start < t[5] for t in draft.triggers))
    ]
    scenes = [
        place
        for place in inside
        if not any(s <= place.evidence.start < e for s, e in draft.references)
    ]
    inside = scenes or inside  # a reference point ("near X") only when nothing else is named
    # each trigger's clause at its own most specific level ("war planes struck targets in
    # the Gaza Strip, a day after a missile strike on Gaza"); a country only where no
    # clause names a smaller place ("Police in Thailand reported bomb explosions in
    # Narathiwat province")
    within = [place for place in inside if _level(place) != "country"]
    by_trigger: dict[PlacedTrigger | None, list[PlaceMention]] = {}
    for place in within or inside:
        by_trigger.setdefault(_trigger_for(draft, place.evidence.start), []).append(place)
    found: list[PlaceMention] = []
    for own in by_trigger.values():
        found.extend(_most_specific(own))
    if found:
        return sorted(found, key=lambda place: place.evidence.start)
    return _demonym_countries(draft)


def _most_specific(inside: list[PlaceMention]) -> list[PlaceMention]:
    """The places of one trigger at the most specific level its clause names: "a village
    in Idlib province" is the village; each place once, and of countries only the first the
    clause names."""
    for kind in ("city", "region", "country"):
        chosen = [place for place in inside if _level(place) == kind]
        if chosen:
            distinct: dict[object, PlaceMention] = {}
            for place in chosen:
                distinct.setdefault(place.geonameid or place.name, place)
            places = list(distinct.values())
            return places[:1] if kind == "country" else places
    return []


# what lies between a town and the area the text puts it in: "Ariha in Syria's Idlib
# province", "Kurya, Zamfara", "Ariha in the north-western Idlib province"
_HOLDER_GAP_RE = re.compile(
    r"\s*(?P<kind>(?:village|hamlet|town|city|settlement|community|district|sub-district|"
    r"township|county|area|locality|commune|neighbou?rhood)\s+)?"
    r"(?:,|\bin\b|\bof\b)\s*(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent)\s+)?"
    r"(?:(?:[a-z]+-)?[a-z]+ern\s+|central\s+)?"
    r"(?:[A-Z][\w-]*(?:'s|\u2019s)\s+)?"
)


_AREA_NOUN_RE = re.compile(
    r"\s+(?:province|region|state|district|township|county|governorate|oblast|prefecture|"
    r"department|municipality|local government area|area|territory)\b",
    re.IGNORECASE,
)


def _without_holders(
    chosen: list[PlaceMention], text: str, mentions: list[PlaceMention] | None = None
) -> list[PlaceMention]:
    """The places of one incident without the area the text puts another of them in: a
    strike "on a market in the town of Ariha in Syria's Idlib province" is one event, at
    Ariha, though the gazetteer reads "Idlib" as its town (eval/ANNOTATION.md: the village
    and its region named together are one event at the most specific place)."""
    from warlog.geo import gazetteer
    from warlog.resolve.geocode import CALLED_VILLAGE_RE

    kept = []
    candidates = mentions if mentions is not None else chosen
    chosen_keys = {_place_key(c) for c in chosen}
    others = [o for o in candidates if _place_key(o) in chosen_keys]
    for chosen_place in chosen:
        held = False
        # any mention of the place may be the held one ("According to the Kani township
        # PDF, a jet bombed Nyaung Pin Thar village in Kani township")
        same = [m for m in candidates if _place_key(m) == _place_key(chosen_place)] or [
            chosen_place
        ]
        for place, other in ((p, o) for p in same for o in others if o is not p):
            if other.evidence.end >= place.evidence.start:
                continue
            gap = _HOLDER_GAP_RE.fullmatch(text, other.evidence.end, place.evidence.start)
            if gap is None:
                continue
            if (
                _level(place) in ("region", "country")  # "Rubaya in North Kivu province"
                or _AREA_NOUN_RE.match(text, place.evidence.end) is not None  # "... township"
                # "Kadisau village in Maradun": the kind of place the first is said to be,
                # before the one that holds it (not "of": "the Baghdad neighborhood of Sadr
                # City" names the holder first)
                or (gap.group("kind") is not None and " of " not in gap.group(0) + " ")
                # "the village of Danag in Patikul town"
                or CALLED_VILLAGE_RE.search(
                    text, max(0, other.evidence.start - 20), other.evidence.start
                )
                is not None
                or (
                    other.geonameid is not None
                    and gazetteer().admin1_name(other.geonameid) in (place.name, place.text)
                )
            ):
                held = True
                break
        if not held:
            kept.append(chosen_place)
    return kept


def _place_key(place: PlaceMention) -> object:
    """One place however often it is named: its GeoNames id, else its name."""
    return place.geonameid or place.name


def _is_border_of(draft: EventDraft, place: PlaceMention) -> bool:
    """Whether a place is a country the clause names only as a reference point ("near X")."""
    return _level(place) == "country" and any(
        s <= place.evidence.start < e for s, e in draft.references
    )


# a sentence's opening phrase of place, up to the place: "In ", "At the ", "Near the town of ",
# "In Baghdad's " (the place's own words follow it)
_FRONTED_PLACE_RE = re.compile(
    r"\s*(?:In|At|Near|Outside|Inside|Across)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w'\u2019-]*|[a-z]+ern|central|town|city|village|of)\s+){0,4}$"
)


def _fronted_scene(
    draft: EventDraft, places: tuple[PlaceMention, ...], text: str
) -> list[PlaceMention]:
    """A sentence that opens on a place and a comma sets the scene of what it tells: "In
    Baghdad's Sadr City neighborhood, officials said four people were wounded in fighting"
    happened in Sadr City (news English names the scene first; where a speaker is comes
    after the speaker: "officials in X said"). Only for a trigger its own clause leaves
    unplaced, and only a place wholly inside the opening phrase, which ends at a comma
    before the first trigger."""
    if not draft.triggers:
        return []
    start = draft.event.evidence.start
    first = min(t[0] for t in draft.triggers)
    comma = text.find(",", start, first)
    if comma < 0:
        return []
    opening = [
        place
        for place in places
        if start <= place.evidence.start < place.evidence.end <= comma
        and place.label != "DATELINE"
        and (place.geonameid is not None or place.lat is not None)
    ]
    if not opening or not _FRONTED_PLACE_RE.fullmatch(text, start, opening[0].evidence.start):
        return []
    between = text[opening[-1].evidence.end : comma]
    if len(between.split()) > 3:  # "In Baghdad's Sadr City neighborhood", not a clause
        return []
    # the most specific place named: "In Kabul, Afghanistan" is Kabul, "In Baghdad's Sadr
    # City" Sadr City
    rank = {"city": 2, "region": 1}
    scene = max(opening, key=lambda p: (rank.get(_level(p) or "", 0), p.evidence.start))
    best = max(draft.triggers, key=lambda t: t[3])
    return [replace(scene, evidence=replace(scene.evidence, start=best[0]))]


@cache
def _speaker_place_re() -> re.Pattern[str]:
    """A local voice just before a place: "officials in ", "police in " (the local voices of
    data/claims.json, the same the claim extractor gives that place's side)."""
    from warlog.extract.claims import lexicon

    voices = "|".join(
        re.escape(v) for v in sorted(lexicon()["local_voices"], key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{voices})\s+in\s+$", re.IGNORECASE)


def _speaker_place(
    draft: EventDraft, places: tuple[PlaceMention, ...], text: str
) -> list[PlaceMention]:
    """Where the speaker is, for an event its words do not place: "Officials in Kunar province
    said the air strike targeted a house" happened in Kunar. Only local voices ("officials,
    police, the governor, residents in X") at a town or province, never at a national
    capital (where a state's officials speak of anywhere) or a country."""
    from warlog.resolve.geocode import is_national_capital

    if not draft.triggers:
        return []
    start = draft.event.evidence.start
    first = min(t[4] for t in draft.triggers)
    for place in places:
        if not start <= place.evidence.start < first:
            continue
        if place.geonameid is None and place.lat is None:
            continue
        if _level(place) not in ("city", "region") or is_national_capital(place):
            continue
        if _speaker_place_re().search(
            text[max(start, place.evidence.start - 40) : place.evidence.start]
        ):
            best = max(draft.triggers, key=lambda t: t[3])
            return [replace(place, evidence=replace(place.evidence, start=best[0]))]
    return []


def _widened(draft: EventDraft) -> EventDraft:
    """The draft with each trigger's clause widened to its governing clause."""
    return replace(
        draft,
        triggers=tuple((*t[:4], *w) for t, w in zip(draft.triggers, draft.wider, strict=True)),
    )


def _level(place: PlaceMention) -> str | None:
    """How specific a place is for choosing an event's places: a village the gazetteer
    lacks, placed near a town the text names, is still a town ("Beirut, Tyre, Qassmieh")."""
    if is_placed_near_named(place):
        return "city"
    return place.feature_kind


def _away_from_perpetrator(
    place: PlaceMention, side: str | None, countries: Mapping[str, int]
) -> PlaceMention:
    """A place the gazetteer lacks was put in the country the article names most; when
    that is the attacker's own country and the article also names another one, the
    attack was abroad ("United States missiles" on Damadola, in an article that speaks
    of "Pakistani officials"): the other country."""
    if side is None or place.country_code != side or not is_approximate(place):
        return place
    others = [(n, code) for code, n in countries.items() if code != side and n >= 2]
    if not others:
        return place
    from warlog.geo import gazetteer

    country = gazetteer().country(max(others)[1])
    if country is None:
        return place
    return replace(
        place,
        lat=country.lat,
        lon=country.lon,
        country_code=country.country_code,
        feature_kind="country",
    )


def _country_mention(code: str, label: str, evidence: Evidence) -> PlaceMention | None:
    """A country as an event's place, where the text names it only indirectly."""
    from warlog.geo import gazetteer

    country = gazetteer().country(code)
    if country is None:
        return None
    return PlaceMention(
        text=country.name,
        label=label,
        evidence=evidence,
        geonameid=country.geonameid,
        name=country.name,
        lat=country.lat,
        lon=country.lon,
        country_code=country.country_code,
        feature_kind="country",
    )


def _demonym_countries(draft: EventDraft) -> list[PlaceMention]:
    """A country named only by its demonym on a place noun ("Iraqi military bases")."""
    for start, end, code in draft.demonym_places:
        country = _country_mention(
            code, "DEMONYM", Evidence(draft.event.evidence.article_id, start, end)
        )
        if country is not None:
            return [country]
    return []


AGREEMENT = "Agreement"
ARRESTS = "Arrests"
_SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "following"})
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# "a day after ...", "two days before ...", "hours after ...": a clause of another moment
_SEQUENCE_LEAD = re.compile(
    r"(?:(?P<count>a|an|one|two|three|four|five|six|\d+|several|few|a few)\s+"
    r"(?P<unit>hours?|days?|weeks?)\s+)?(?P<mark>after|before|since|until|following)\b",
    re.IGNORECASE,
)


def _sequence_lead(clause: str) -> re.Match[str] | None:
    """The sequence mark a trigger's clause opens with, with its distance if it gives one."""
    return _SEQUENCE_LEAD.match(clause)


def _sequence_date(clause: str, main: ResolvedDate | None) -> ResolvedDate | None:
    """The day of an incident in "a day after ..." / "two days before ..." counted from the
    day of the clause it hangs from; same day for "hours after"; None when not counted."""
    lead = _sequence_lead(clause)
    if lead is None or main is None or main.precision is not DatePrecision.DAY:
        return None
    unit, count = (lead["unit"] or "").lower(), (lead["count"] or "").lower()
    if unit.startswith("hour"):
        return main
    if not unit.startswith("day") or not (count.isdigit() or count in _COUNTS):
        return None
    days = int(count) if count.isdigit() else _COUNTS[count]
    if lead["mark"].lower() in ("after", "since", "following"):
        days = -days  # the clause after "a day after" is the earlier incident
    return from_date(to_date(main) + dt.timedelta(days=days))


def _agreement_country(draft: EventDraft, countries: Mapping[str, int]) -> list[PlaceMention]:
    """An agreement whose sentence names no place ("a UN sponsored ceasefire between the IDF
    and Hezbollah took effect") is placed, as ACLED places one, in the country the article
    is about (named most, at least twice), at geo precision 3. Only an agreement: an attack
    the text does not place is not guessed at."""
    if draft.event.sub_type != AGREEMENT:
        return []
    code = home_country(countries)
    trigger = next((t for t in draft.triggers if t[2] == AGREEMENT), None)
    if code is None or trigger is None:
        return []
    evidence = Evidence(draft.event.evidence.article_id, trigger[0], trigger[0])
    country = _country_mention(code, "ARTICLE", evidence)
    return [country] if country is not None else []


# "the city", "the town": the last place of that level the text named
_ANAPHORS = {
    "city": "city",
    "town": "city",
    "village": "city",
}


# "from " or "by " just before a place: where something came from, or who did it
_ORIGIN_BEFORE_RE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?\Z", re.IGNORECASE)


def _coreferent_place(
    draft: EventDraft,
    places: tuple[PlaceMention, ...],
    text: str,
) -> list[PlaceMention]:
    """The place of a clause that names none, by coreference, not by guess: "the city" or
    "the town" in a trigger's clause is the last city or town the text named before it (in
    an earlier sentence, or earlier in this one: "sirens sounded in Haifa after rockets
    fired from the north hit the city"), placed at the anaphor so that its trigger decides
    the type."""
    triggers = [t for t in draft.triggers if t[3] > 0] or list(draft.triggers)
    if not triggers:
        return []
    for trigger in triggers:
        clause = text[trigger[4] : trigger[5]].lower()
        for noun, level in _ANAPHORS.items():
            at = clause.find(f"the {noun}")
            if at < 0 or clause[at + 4 + len(noun) : at + 5 + len(noun)].isalpha():
                continue
            offset = trigger[4] + at
            earlier = [
                p
                for p in places
                if p.evidence.start < offset
                # in this sentence, not an origin or an actor ("rockets fired from Gaza
                # hit the city" is not Gaza)
                and not (
                    p.evidence.start >= draft.event.evidence.start
                    and _ORIGIN_BEFORE_RE.search(
                        text, max(0, p.evidence.start - 12), p.evidence.start
                    )
                    is not None
                )
                and p.label != "DATELINE"
                and p.geonameid is not None
                and p.feature_kind == level
            ]
            if earlier:
                return [replace(earlier[-1], evidence=replace(earlier[-1].evidence, start=offset))]
    return []


def _scene_before(
    draft: EventDraft,
    places: tuple[PlaceMention, ...],
    scenes: list[tuple[int, PlaceMention]],
    text: str,
) -> list[PlaceMention]:
    """A sentence that names no place at all, with a specific trigger, happened where the
    paragraph's last placed event did ("Rebels shelled Homs on Monday. Police arrested twelve
    men on Tuesday."). Not a sentence that names a place it was not placed at, and not from an
    earlier paragraph, nor the article's country: each added more wrong events than right
    ones on the check set."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    if any(start <= p.evidence.start < end for p in places):
        return []
    specific = [t for t in draft.triggers if t[3] > 0]
    if not specific:
        return []
    paragraph_start = text.rfind("\n\n", 0, start)
    before = [place for at, place in scenes if paragraph_start <= at < start]
    if not before:
        return []
    best = max(specific, key=lambda t: t[3])
    return [replace(before[-1], evidence=replace(before[-1].evidence, start=best[0]))]


# days from the last event the text dated: "The previous day, tribesmen staged a rally"
_ANCHORED_DAYS = {
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
    "the same day": 0,
}


def _days_within(
    temporals: tuple[TemporalExpression, ...], start: int, end: int
) -> list[TemporalExpression]:
    """The expressions between two offsets that name a day."""
    return [
        t
        for t in temporals
        if start <= t.evidence.start < end
        and t.date is not None
        and t.date.precision is DatePrecision.DAY
    ]


def _anchored(
    draft: EventDraft,
    text: str,
    previous: ResolvedDate | None,
    anchor: int | None = None,
    temporals: tuple[TemporalExpression, ...] = (),
) -> ResolvedDate | None:
    """A day counted from the previous event's ("the next day"), not from publication (the
    parser often tags no date in these words, so the sentence itself is read). The words
    date only the trigger whose clause holds them, counted from a day the sentence gives
    before them ("Militants ambushed a truck on Thursday ..., and security forces shot dead
    two attackers the next day": the ambush is Thursday's, the shooting Friday's)."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    lowered = text[start:end].lower()
    found = next(
        ((lowered.find(phrase), n) for phrase, n in _ANCHORED_DAYS.items() if phrase in lowered),
        None,
    )
    if found is None:
        # (the words broken over a line: read as one)
        sentence = " ".join(lowered.split())
        offset = next((n for phrase, n in _ANCHORED_DAYS.items() if phrase in sentence), None)
        at = None
    else:
        at, offset = start + found[0], found[1]
    if offset is None:
        return None
    if at is not None and anchor is not None:
        own = _trigger_for(draft, anchor)
        # the words are the narrowest clause's that holds them ("..., and the next day
        # gunmen shot dead two villagers": the shooting's, wherever they stand in it)
        holder = min(
            (t for t in draft.triggers if t[4] <= at < t[5]),
            key=lambda t: t[5] - t[4],
            default=None,
        )
        if own is not None and (
            not own[4] <= at < own[5]
            or (holder is not None and (own[4], own[5]) != (holder[4], holder[5]))
        ):
            return None  # another trigger's "the next day"
        before = _days_within(temporals, start, at)
        if before:
            previous = before[-1].date
    if previous is None or previous.precision is not DatePrecision.DAY:
        return None
    return from_date(to_date(previous) + dt.timedelta(days=offset))


def _date_for(
    draft: EventDraft,
    temporals: tuple[TemporalExpression, ...],
    article: Article,
    anchor: int,
    drafts: tuple[EventDraft, ...] = (),
    previous: ResolvedDate | None = None,
    previous_alike: ResolvedDate | None = None,
) -> tuple[ResolvedDate | None, bool]:
    """The date nearest the place in its sentence, else the paragraph's, else the day an
    earlier sentence gave the same kind of event the text names as known, else publication.
    The flag says whether the text gave the date (False: the publication-date fallback)."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    # a date inside another trigger's clause of before or after, one that does not hold the
    # place, dates that one: "agreed ... after Turkey began an offensive into Syria on
    # Wednesday" (but "As the fighting resumed Sunday morning, ... strikes on Stepanakert")
    others = [
        t
        for t in draft.triggers
        if not t[4] <= anchor < t[5] and _sequence_lead(article.text[t[4] : t[5]]) is not None
    ]
    anchored = _anchored(draft, article.text, previous, anchor, temporals)
    if anchored is not None:
        return anchored, True
    own = next((t for t in draft.triggers if t[4] <= anchor < t[5] and t[4] > start), None)
    if own is not None and _sequence_lead(article.text[own[4] : own[5]]) is not None:
        # "..., a day after an Israeli missile strike on Gaza killed ...": counted from the
        # day of the rest of the sentence
        outside = [
            t
            for t in temporals
            if start <= t.evidence.start < end
            and not own[4] <= t.evidence.start < own[5]
            and t.date is not None
        ]
        counted = _sequence_date(
            article.text[own[4] : own[5]], outside[0].date if outside else None
        )
        if counted is not None:
            return counted, True
    here = [
        t
        for t in temporals
        if start <= t.evidence.start < end
        and t.date is not None
        and not any(o[4] <= t.evidence.start < o[5] for o in others)
        and not any(s <= t.evidence.start < e for s, e in draft.reference_times)
    ]
    # the day a statement about it was made dates it only when nothing else does
    stated = [t for t in here if any(s <= t.evidence.start < e for s, e in draft.statement_times)]
    here = [t for t in here if t not in stated]
    if here:
        nearest = min(here, key=lambda t: abs(t.evidence.start - anchor))
        return nearest.date, True
    paragraph_start = article.text.rfind("\n\n", 0, start)
    earlier = _days_within(temporals, paragraph_start, start)
    if stated:
        # a statement's own day stands unless the paragraph gave a day outside any event's
        # sentence ("Guests gathered on Thursday. Officials said on Saturday that a drone
        # struck the party"); another event's day is that event's
        told_by_others = [
            (d.event.evidence.start, d.event.evidence.end) for d in drafts if d is not draft
        ]
        earlier = [
            t for t in earlier if not any(a <= t.evidence.start < b for a, b in told_by_others)
        ]
        said_on = min(stated, key=lambda t: abs(t.evidence.start - anchor)).date
        if not earlier and _before_the_statement(
            draft, article.text, anchor, said_on, previous_alike
        ):
            # "On Saturday, Iran acknowledged it had shot down the airliner": an act the
            # pluperfect puts before the statement, of the kind the text dated earlier
            return previous_alike, True
        if not earlier:
            return said_on, True
    if earlier:
        return earlier[-1].date, True
    later = _days_within(temporals, end, article.text.find("\n\n", end) % (len(article.text) + 1))
    if later:
        return later[0].date, True
    told = _told_before(draft, drafts, temporals, article.text)
    if told is not None:
        return told, True
    lead = _lead_day(draft, temporals, article.text)
    if lead is not None:
        return lead, True
    if stated:
        return min(stated, key=lambda t: abs(t.evidence.start - anchor)).date, True
    if previous_alike is not None and _ALSO.search(article.text[start:end]):
        # "A rally also took place in the town of Samarbagh": "also" adds an incident to the
        # occasion the text has just told, so it happened on that one's day
        return previous_alike, True
    return article.published, False


# the pluperfect: "had shot down", "had been attacked", "had already seized" (not "had to")
_PLUPERFECT_RE = re.compile(
    r"\bhad\s+(?:(?:not|already|also|just|earlier)\s+)?(?:been\s+)?(?!to\b|a\b|an\b|the\b)[a-z]+"
)


def _before_the_statement(
    draft: EventDraft,
    text: str,
    anchor: int,
    said_on: ResolvedDate | None,
    previous_alike: ResolvedDate | None,
) -> bool:
    """Whether the trigger's clause, in the pluperfect ("that it had shot down the
    airliner"), tells an act before the day of the statement, of a kind the text dated to
    an earlier day already."""
    if said_on is None or previous_alike is None or previous_alike.value >= said_on.value:
        return False
    trigger = min(draft.triggers, key=lambda t: abs(t[0] - anchor), default=None)
    if trigger is None:
        return False
    return _PLUPERFECT_RE.search(text, trigger[4], trigger[0]) is not None


HEADLINE_MAX_WORDS = 20


def _lead_day(
    draft: EventDraft, temporals: tuple[TemporalExpression, ...], text: str
) -> ResolvedDate | None:
    """The day of a headline's incident: a headline ("Police fire tear gas at protesters in
    Nairobi") gives no day, its lead paragraph's first sentence does ("... on Tuesday")."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    first_break = text.find("\n\n")
    if first_break < 0 or end > first_break or text[:start].strip():
        return None
    headline = text[start:first_break].strip()
    if len(headline.split()) > HEADLINE_MAX_WORDS or headline.endswith("."):
        return None
    from warlog.ingest.dateline import dateline_end

    lead_start = first_break + 2
    # not the dateline's own date ("KANO, Nigeria, June 12 (Reuters) -"): the day it was filed
    lead_start = max(lead_start, dateline_end(text) or 0)
    lead_end = text.find(". ", lead_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    days = _days_within(temporals, lead_start, lead_end)
    return days[0].date if days else None


_ALSO = re.compile(r"\b(?:also|too|as well)\b", re.IGNORECASE)


def _names_a_told_incident(
    draft: EventDraft,
    drafts: tuple[EventDraft, ...],
    temporals: tuple[TemporalExpression, ...],
    text: str,
) -> bool:
    """Whether a sentence names, as known and with no time of its own, an incident an
    earlier sentence told and dated ("Warplanes struck a market on Monday. ... State media
    denied that government aircraft had carried out the raid")."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    if any(start <= t.evidence.start < end and t.date is not None for t in temporals):
        return False
    return _told_before(draft, drafts, temporals, text) is not None


RETOLD_KM = 50.0  # how far from the incident it names a retelling may be placed


def fold_retold(events: list[Event], retold: set[int]) -> list[Event | None]:
    """An event that names, undated, an incident told before ("the raid") and lies near the
    last earlier event of its type on the day it took from it, is that event: its claims
    and status go to it (a denial of "the raid" contests the strike), and it is no new
    incident. The list keeps its positions: a folded event's is None."""
    from warlog.resolve.geocode import haversine_km

    kept: list[Event | None] = list(events)
    for index in sorted(retold):
        event = events[index]
        told = next(
            (
                other_index
                for other_index in range(index - 1, -1, -1)
                if other_index not in retold
                and events[other_index].type == event.type
                and events[other_index].date == event.date
            ),
            None,
        )
        if told is None:
            continue
        other = kept[told]
        if (
            other is None
            or other.lat is None
            or event.lat is None
            or haversine_km(event.lat, event.lon or 0.0, other.lat, other.lon or 0.0) > RETOLD_KM
        ):
            continue
        kept[told] = replace(
            other,
            status=max(other.status, event.status, key=lambda s: STATUS_RANK[s]),
            claims=tuple(dict.fromkeys((*other.claims, *event.claims))),
            weapons=tuple(dict.fromkeys((*other.weapons, *event.weapons))),
            actor1_side=other.actor1_side or event.actor1_side,
        )
        kept[index] = None
    return kept


def _told_before(
    draft: EventDraft,
    drafts: tuple[EventDraft, ...],
    temporals: tuple[TemporalExpression, ...],
    text: str,
) -> ResolvedDate | None:
    """The day an earlier sentence gave the same kind of event, for one the text names as
    known ("Thursday, US forces killed Soleimani in an airstrike. ... carried out the
    airstrike at Baghdad International Airport")."""
    start, end = draft.event.evidence.start, draft.event.evidence.end
    sentence = text[start:end].lower()
    if f"the {draft.event.trigger.lower()}" not in sentence:
        return None
    for earlier in drafts:
        if earlier.event.evidence.start >= start:
            break
        if earlier.event.type != draft.event.type:
            continue
        days = _days_within(temporals, earlier.event.evidence.start, earlier.event.evidence.end)
        if days:
            return days[0].date
    return None


def _claim_for(draft: EventDraft, claims: tuple[Claim, ...]) -> Claim | None:
    start = draft.event.evidence.start
    for claim in claims:
        if claim.evidence.start <= start < claim.evidence.end:
            return claim
    return None


def _tells(claim: Claim, draft: EventDraft) -> bool:
    """Whether what a claim says holds the event's trigger: "militants stormed the complex
    for what they say is retaliation for French operations" says nothing of who stormed."""
    content = claim.content
    return content is None or any(content.start <= t[0] < content.end for t in draft.triggers)


def _accused_side(claim: Claim, text: str) -> str | None:
    if claim.content is None:
        return None
    words = text[claim.content.start : claim.content.end].replace(",", " ").split()
    for index, word in enumerate(words):
        if _names_where(words, index):
            continue  # "took place in the Bajaur tribal area of northwestern Pakistan"
        code = side_of(word.strip(".:;()"))
        if code is not None and code != claim.side:
            return code
    return None


def _names_where(words: list[str], index: int) -> bool:
    """Whether a word names where something happened, not who did it: "in Pakistan", "in
    northern Pakistan", "the tribal area of northwestern Pakistan"."""
    before = [w.lower() for w in words[max(0, index - 2) : index]]
    if before and before[-1] in _WHERE_WORDS:
        return True
    if len(before) == 2 and before[0] in _WHERE_WORDS and before[1].endswith("ern"):
        return True
    lookback = [w.lower() for w in words[max(0, index - 3) : index]]
    for position, w in enumerate(lookback):
        if w == "of" and position > 0 and lookback[position - 1] in _AREA_NOUNS:
            return all(x.endswith("ern") for x in lookback[position + 1 :])
    return False


_WHERE_WORDS = frozenset({"in", "near", "at", "into", "inside", "across", "over", "on"})
_AREA_NOUNS = frozenset(
    {"agency", "area", "province", "district", "region", "village", "town", "city", "part"}
)


def _denials_near(
    draft: EventDraft, claim: Claim | None, denials: list[Claim], text: str
) -> list[Claim]:
    """The denials that can be of a sentence's incident. A side that denies answers the
    other side's claims wherever the article has them; a claim of no known side (a news
    agency, witnesses) is answered only by a denial in its paragraph or the next one (one
    further on names its incident, "denied carrying out the raid", and reaches it through
    fold_retold)."""
    if claim is not None and claim.side is not None:
        return denials
    start, end = _paragraph(text, draft.event.evidence.start)
    following = text.find("\n\n", end + 2)
    reach = len(text) if following < 0 else following
    return [d for d in denials if start <= d.evidence.start < reach]


def _contesting(claim: Claim | None, denials: list[Claim]) -> list[Claim]:
    if claim is None:
        return []
    return [d for d in denials if d.side is not None and d.side != claim.side]


def _status(event: Event, claim: Claim | None, denials: list[Claim]) -> str:
    if claim is None:
        return "reported"
    if claim.stance == "denies":
        return "contested"
    if any(d.side is not None and d.side != claim.side for d in denials):
        return "contested"
    if claim.side is not None and claim.side == event.actor1_side and not bystander(claim):
        return "confirmed"
    return "claimed"


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start), (len(text) if end < 0 else end)


def attach_casualties(
    events: tuple[Event, ...], casualties: tuple[CasualtyReport, ...], text: str
) -> tuple[Event, ...]:
    """An event's casualty reports: figures in its sentence; incident figures later in the
    same paragraph when the paragraph reports this one event; or incident figures in a
    paragraph that names this event's place and no other event's ("... hit in Ganja ... One
    civilian has been killed"). An agreement has none."""
    places = {(e.place or "").lower() for e in events if e.place}
    attached = []
    for event in events:
        if event.sub_type == AGREEMENT:
            attached.append(event)  # an agreement kills no one: the war's toll is not its
            continue
        _, paragraph_end = _paragraph(text, event.evidence.start)
        alone = sum(1 for e in events if e.evidence.start == event.evidence.start) == 1
        ids = []
        for casualty in casualties:
            if casualty.evidence.start == event.evidence.start or (
                casualty.scope == "incident"
                and event.evidence.start <= casualty.evidence.start < paragraph_end
                and alone
            ):
                ids.append(casualty.id)
            elif casualty.scope == "incident" and event.place:
                start, end = _paragraph(text, casualty.evidence.start)
                paragraph = text[start:end].lower()
                named = {place for place in places if place in paragraph}
                if named == {event.place.lower()}:
                    ids.append(casualty.id)
        attached.append(replace(event, casualties=tuple(ids)))
    return tuple(attached)


def place_sides(
    casualties: tuple[CasualtyReport, ...], events: tuple[Event, ...]
) -> tuple[CasualtyReport, ...]:
    """Whose casualties, where the text does not say: civilians and people killed or hurt
    in an event are of the country it happened in (eval/ANNOTATION.md: the victims' state),
    and a figure tied to no event is of the one country all the article's events are in;
    a state's soldiers or police with no nationality named (PLACE_SIDE) likewise; fighters
    are left alone, a rebel is no state's."""
    countries: dict[str, set[str]] = {}
    for event in events:
        for casualty_id in event.casualties:
            if event.country_code:
                countries.setdefault(casualty_id, set()).add(event.country_code)
    everywhere = {event.country_code for event in events if event.country_code}
    settled = []
    for casualty in casualties:
        # a figure tied to no event is of the article's one country, if it has only one
        where = countries.get(casualty.id) or everywhere
        if casualty.side == PLACE_SIDE:
            casualty = replace(casualty, side=next(iter(where)) if len(where) == 1 else None)
        elif casualty.side is None and casualty.victims != "military" and len(where) == 1:
            casualty = replace(casualty, side=next(iter(where)))
        settled.append(casualty)
    return tuple(settled)


def _non_state(actor: str | None) -> bool:
    """Whether an actor as written is a group no state's ("Yemen's Houthi rebels")."""
    from warlog.extract.events import names_armed_group

    return names_armed_group(actor)


def settle_events(
    drafts: tuple[EventDraft, ...],
    places: tuple[PlaceMention, ...],
    temporals: tuple[TemporalExpression, ...],
    claims: tuple[Claim, ...],
    article: Article,
    named_countries: Mapping[str, int] | None = None,
) -> tuple[Event, ...]:
    denials = [claim for claim in claims if claim.stance == "denies"]
    events: list[Event] = []
    precise: dict[int, bool] = {}
    countries: dict[int, str | None] = {}
    kinds: dict[int, str | None] = {}
    scenes: list[tuple[int, PlaceMention]] = []  # (sentence start, place) of placed events
    retold: set[int] = set()  # events that name, undated, an incident told before ("the raid")
    for draft in drafts:
        claim = _claim_for(draft, claims)
        event = draft.event
        nearby = _denials_near(draft, claim, denials, article.text)
        if event.actor1_side is None and claim is not None and not _non_state(event.actor1):
            if claim.stance == "confirms":
                event = replace(event, actor1_side=claim.side)
            elif claim.stance in ("accuses", "asserts") and _tells(claim, draft):
                event = replace(event, actor1_side=_accused_side(claim, article.text))
        event = replace(
            event,
            status=_status(event, claim, nearby),
            claims=tuple(c.id for c in ([claim] if claim else []) + _contesting(claim, nearby)),
        )
        chosen_triggers: set[PlacedTrigger] = set()
        if not _places_for(draft, places) and draft.wider:
            wide = _widened(draft)
            if _places_for(wide, places):
                draft = wide
        own = _without_holders(
            _places_for(draft, places),
            article.text,
            [
                p
                for p in places
                if draft.event.evidence.start <= p.evidence.start < draft.event.evidence.end
                and (p.geonameid is not None or p.lat is not None)
            ],
        )
        if own and all(_is_border_of(draft, place) for place in own):
            # "the air strike targeted a house near Pakistan", told by "officials in Kunar
            # province": a country named as a reference point is where the scene borders,
            # so the place local voices speak from comes first
            own = _speaker_place(draft, places, article.text) or own
        placed = (
            [
                _away_from_perpetrator(place, event.actor1_side, named_countries or {})
                for place in own
            ]
            or _agreement_country(draft, named_countries or {})
            or _fronted_scene(draft, places, article.text)
            or _speaker_place(draft, places, article.text)
            or _coreferent_place(draft, places, article.text)
            or _scene_before(draft, places, scenes, article.text)
        )
        for place in placed:
            trigger = _trigger_for(draft, place.evidence.start)
            if trigger is None:
                continue
            chosen_triggers.add(trigger)
            kind, sub_kind = trigger[1], trigger[2]
            previous = next((e.date for e in reversed(events) if e.date_from_text), None)
            alike = next(
                (e.date for e in reversed(events) if e.date_from_text and e.type == kind), None
            )
            date = _date_for(
                draft, temporals, article, place.evidence.start, drafts, previous, alike
            )
            doer = next((d for d in draft.doers if d[0] == trigger[0]), None)
            told = event if doer is None else replace(event, actor1=doer[1], actor1_side=doer[2])
            events.append(
                _placed(
                    replace(told, trigger=_trigger_text(article.text, trigger[0]) or event.trigger),
                    kind,
                    sub_kind,
                    place,
                    date,
                )
            )
            if _names_a_told_incident(draft, drafts, temporals, article.text):
                retold.add(len(events) - 1)
            scenes.append((draft.event.evidence.start, place))
            precise[len(events) - 1] = _level(place) == "city" or is_placed_near_named(place)
            countries[len(events) - 1] = place.country_code
            kinds[len(events) - 1] = place.feature_kind
        if placed and placed[0].label != "DEMONYM":
            for trigger, country in _demonym_only_triggers(draft, chosen_triggers):
                date = _date_for(draft, temporals, article, country.evidence.start, drafts)
                events.append(_placed(event, trigger[1], trigger[2], country, date))
                # kept as its own incident: another trigger than the sentence's placed ones
                precise[len(events) - 1] = True
                countries[len(events) - 1] = country.country_code
                kinds[len(events) - 1] = "country"
    folded = fold_retold(events, retold)
    events = [e for i, e in enumerate(folded) if e is not None]
    survivors = [i for i, e in enumerate(folded) if e is not None]
    events, survivors = fold_headline(events, survivors, article.text)
    return merge_repeats(
        _current(
            fold_coarse(
                events,
                {n: precise[i] for n, i in enumerate(survivors) if i in precise},
                {n: countries[i] for n, i in enumerate(survivors) if i in countries},
                {n: kinds[i] for n, i in enumerate(survivors) if i in kinds},
            ),
            article.published,
        )
    )


def fold_headline(events: list[Event], tags: list[int], text: str) -> tuple[list[Event], list[int]]:
    """A headline's event is the incident its lead paragraph tells ("Al-Shabaab attack
    kills 10 in Kenya's Lamu county" over "militants killed 10 people in an attack on a
    village in Lamu county"), though the headline's few words may read as another sub-type
    or a wider place: it joins the lead's event of its country and day, of its type if the
    lead tells several. ``tags`` go with the events (the kept ones' are returned)."""
    first_break = text.find("\n\n")
    if first_break < 0:
        return events, tags
    headline = text[:first_break].strip()
    if not headline or len(headline.split()) > HEADLINE_MAX_WORDS or headline.endswith("."):
        return events, tags
    lead_end = text.find("\n\n", first_break + 2)
    lead_end = len(text) if lead_end < 0 else lead_end
    leads = [i for i, e in enumerate(events) if first_break < e.evidence.start < lead_end]
    folded = list(events)
    dropped: set[int] = set()
    for index, head in enumerate(events):
        if head.evidence.end > first_break:
            continue
        fitting = [
            i
            for i in leads
            if events[i].country_code is not None
            and events[i].country_code == head.country_code
            and _same_time(head, events[i])
            and not _other_doer(head, events[i])
        ]
        if not fitting:
            continue
        lead = next((i for i in fitting if events[i].type == head.type), fitting[0])
        current = folded[lead]
        if head.date_from_text and not current.date_from_text:
            current = replace(current, date=head.date, date_from_text=True)
        folded[lead] = replace(
            current,
            actor1=current.actor1 or head.actor1,
            actor1_side=current.actor1_side or head.actor1_side,
            weapons=tuple(dict.fromkeys((*current.weapons, *head.weapons))),
            claims=tuple(dict.fromkeys((*current.claims, *head.claims))),
        )
        dropped.add(index)
    kept = [i for i in range(len(events)) if i not in dropped]
    return [folded[i] for i in kept], [tags[i] for i in kept]


BACKGROUND_DAYS = 365  # an incident dated more than a year before the report is its background


def _current(events: list[Event], published: ResolvedDate | None) -> list[Event]:
    """Drop incidents the text dates over a year before its own date ("the 1998 embassy
    bombings", "since the invasion in 2001"): the report's background, not its news
    (eval/ANNOTATION.md)."""
    if published is None or published.precision is not DatePrecision.DAY:
        return events
    cutoff = to_date(published) - dt.timedelta(days=BACKGROUND_DAYS)
    return [
        event
        for event in events
        if not (
            event.date_from_text and event.date is not None and _period_end(event.date) < cutoff
        )
    ]


def _period_end(date: ResolvedDate) -> dt.date:
    """The last day a date of day, month or year precision covers."""
    start = to_date(date)
    if date.precision is DatePrecision.YEAR:
        return dt.date(start.year, 12, 31)
    if date.precision is DatePrecision.MONTH:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


@cache
def _trigger_phrases() -> tuple[str, ...]:
    """Every trigger phrase of data/events.json, longest first."""
    from warlog.extract.events import lexicon

    words = {w for entry in lexicon()["triggers"] for w in entry["words"]}
    return tuple(sorted(words, key=len, reverse=True))


def _trigger_text(text: str, offset: int) -> str | None:
    """The trigger phrase that starts at ``offset`` as the text spells it, so that an event
    names the word that typed it ("arrested", not the sentence's "protesters")."""
    lowered = text[offset : offset + 40].lower()
    for phrase in _trigger_phrases():
        if lowered.startswith(phrase) and not lowered[len(phrase) : len(phrase) + 1].isalnum():
            return text[offset : offset + len(phrase)]
    match = re.match(r"[\w'-]+", text[offset:])
    return match.group(0) if match else None


def _placed(
    event: Event,
    kind: str,
    sub_kind: str,
    place: PlaceMention,
    date: tuple[ResolvedDate | None, bool],
) -> Event:
    """The event of one trigger at one place, on a date (and whether the text gave it)."""
    if sub_kind == AGREEMENT and event.sub_type != AGREEMENT:
        # the sentence's perpetrator is another trigger's: "the SDF announced it had entered
        # into an agreement ... after Turkey began a military offensive"
        event = replace(event, actor1=None, actor1_side=None)
    if sub_kind == ARRESTS and event.actor1_side is None and event.actor1 is None:
        # "two people have been arrested": arrests where no one else is said to make them are
        # the state's whose ground it is (ACLED: Arrests are by state forces)
        event = replace(event, actor1_side=place.country_code)
    return replace(
        event,
        type=kind,
        sub_type=sub_kind,
        date=date[0],
        place=place.text,
        geonameid=place.geonameid,
        lat=place.lat,
        lon=place.lon,
        country_code=place.country_code,
        geo_precision=GEO_PRECISION.get(place.feature_kind or "", 2),
        date_from_text=date[1],
        place_approximate=is_approximate(place),
    )


def _demonym_only_triggers(
    draft: EventDraft, chosen: set[PlacedTrigger]
) -> list[tuple[PlacedTrigger, PlaceMention]]:
    """Triggers of a sentence that no named place went to, placed by a demonym in their
    clause ("Iran launched missiles targeting US troops in Iraqi military bases in response
    to the US airstrike ... at a Baghdad airport": Iraq for the missiles, Baghdad for the
    airstrike). Each demonym goes to the nearest such trigger."""
    unplaced = [t for t in draft.triggers if t[3] > 0 and t not in chosen]  # rank 0: generic
    found: dict[PlacedTrigger, PlaceMention] = {}
    for demonym in draft.demonym_places:
        eligible = [t for t in unplaced if t[4] <= demonym[0] < t[5] and t not in found]
        if not eligible:
            continue
        trigger = min(eligible, key=lambda t: abs(t[0] - demonym[0]))
        countries = _demonym_countries(replace(draft, demonym_places=(demonym,)))
        if countries:
            found[trigger] = countries[0]
    return list(found.items())


def _trigger_for(draft: EventDraft, offset: int) -> PlacedTrigger | None:
    """The trigger nearest a place, among those whose clause holds it, decides its event's
    type ("strikes on Stepanakert"); None when no trigger's clause holds the place."""
    eligible = [t for t in draft.triggers if t[4] <= offset < t[5]]
    if not eligible:
        return None
    return min(eligible, key=lambda t: abs(t[0] - offset) - 15 * t[3])


COARSE_MERGE_KM = 150.0


def fold_coarse(
    events: list[Event],
    precise: dict[int, bool],
    countries: dict[int, str | None],
    kinds: dict[int, str | None],
) -> list[Event]:
    """Drop a coarse report (a country or region, or a date only from publication) of an
    incident reported precisely elsewhere in the article: same type, same country, near."""
    from warlog.resolve.geocode import haversine_km

    kept: list[int] = []
    dated: dict[int, Event] = {}  # a kept report, by index, with the day a coarse one gave
    for index, event in enumerate(events):
        if precise.get(index):
            kept.append(index)
            continue
        covering = [
            other_index
            for other_index, other in enumerate(events)
            if other_index != index
            and (
                (
                    precise.get(other_index)
                    # a village placed only where the article is about covers nothing
                    and (other.geonameid is not None or not other.place_approximate)
                )
                or _named_within(other, event, kinds.get(index))
            )
            and other.type == event.type
            and countries.get(other_index) == countries.get(index)
            and _same_time(event, other)
            and not _dated_apart(event, other)
            # "an Israeli air strike ... in the Gaza Strip" is not the rockets militants
            # fired from Gaza that day: each doer named by the text (a side read from who
            # tells it, or two states' sides, are more often one incident told twice)
            and not (other.actor1 and event.actor1 and _state_and_group(other, event))
            and (
                kinds.get(index) == "country"
                or event.lat is None
                or other.lat is None
                or haversine_km(event.lat, event.lon or 0.0, other.lat, other.lon or 0.0)
                <= COARSE_MERGE_KM
            )
        ]
        if not covering:
            kept.append(index)
        elif len(covering) == 1 and event.date_from_text:
            # the one report that tells the incident precisely, undated, has the coarse
            # report's day ("An Israeli air strike hit a school in the central Gaza Strip on
            # Saturday ... The military said it had struck a command centre in Deir
            # al-Balah"); not where the place is told several times (the check set fell)
            other = events[covering[0]]
            if not other.date_from_text:
                dated[covering[0]] = replace(other, date=event.date, date_from_text=True)
    return [dated.get(index, events[index]) for index in kept]


SAME_SPOT_KM = 1.0


def _named_within(village: Event, coarse: Event, coarse_kind: str | None) -> bool:
    """Whether a place the gazetteer lacks, put where the article is about, is put inside
    the coarse report's own area: "The attackers stormed Kurya village" after "an attack on
    a village in Zamfara state" (Kurya placed at Zamfara, the area the article names) is
    that attack, told precisely. An area it was not put at says nothing of it."""
    from warlog.resolve.geocode import haversine_km

    if not village.place_approximate or village.geonameid is not None:
        return False
    if coarse.place_approximate:
        return False  # an area the gazetteer lacks too says nothing of where either is
    if village.country_code is None or village.country_code != coarse.country_code:
        return False
    if coarse_kind == "country":
        return True
    if None in (village.lat, village.lon, coarse.lat, coarse.lon):
        return False
    return (
        haversine_km(village.lat or 0.0, village.lon or 0.0, coarse.lat or 0.0, coarse.lon or 0.0)
        <= SAME_SPOT_KM
    )


@cache
def _generic_words() -> frozenset[str]:
    from warlog.extract.events import lexicon

    return frozenset(
        word for entry in lexicon()["triggers"] if entry.get("generic") for word in entry["words"]
    )


@cache
def _generic_sub_type() -> str:
    """The sub-type a generic word has when nothing names its means (data/events.json)."""
    from warlog.extract.events import lexicon

    return str(next(e["sub_type"] for e in lexicon()["triggers"] if e.get("generic")))


def _generic_trigger(trigger: str) -> bool:
    return trigger.lower() in _generic_words()


def _dated_apart(event: Event, other: Event) -> bool:
    """Whether one sentence gives two of its incidents days of their own: "Israeli war
    planes struck targets Thursday in the Gaza Strip, a day after a missile strike on Gaza
    killed ..." is two strikes, though a day apart and one place within the other."""
    return (
        event.evidence.start == other.evidence.start
        and event.date_from_text
        and other.date_from_text
        and event.date != other.date
    )


def _same_time(event: Event, other: Event) -> bool:
    """Whether two reports' dates can be one incident's: one covers the other (a month, a
    day of it) or they are a day apart; a date only from publication fits any."""
    if not (event.date_from_text and other.date_from_text) or None in (event.date, other.date):
        return True
    first, second = event.date.value, other.date.value  # type: ignore[union-attr]
    if first.startswith(second) or second.startswith(first):
        return True
    if len(first) == len(second) == 10:
        gap = dt.date.fromisoformat(first) - dt.date.fromisoformat(second)
        return abs(gap.days) <= 1
    return False


def merge_repeats(events: list[Event]) -> tuple[Event, ...]:
    """One event per (type, place, date): the same incident named several times. A mention
    dated only by its month or year ("The attack in Beledweyne was the deadliest this
    year") is the incident of that type and place the article dates to a day within it."""
    merged: dict[tuple[object, ...], Event] = {}
    for event in events:
        key: tuple[object, ...] = (
            event.type,
            event.geonameid or (event.place or "").lower(),
            event.date,
        )
        while key in merged and _other_doer(merged[key], event):
            key = (*key, "another")  # "Israeli jets struck ...; Hamas fired rockets at ..."
        current = merged.get(key)
        merged[key] = event if current is None else _merged(current, event)
    for told_key, event in list(merged.items()):
        date = event.date
        if date is None or date.precision == "day":
            continue
        within = [
            other
            for other, told in merged.items()
            if other[:2] == told_key[:2]
            and told.date is not None
            and told.date.precision == "day"
            and told.date.value.startswith(date.value)
        ]
        if len(within) == 1:  # two incidents there that month: which one it names is unsure
            merged[within[0]] = _merged(merged[within[0]], event)
            del merged[told_key]
    return tuple(merged.values())


def _other_doer(current: Event, event: Event) -> bool:
    """Whether two events of one type, place and day are two incidents because the text
    names two sides as their doers (a strike and the other side's reply to it)."""
    if current.actor1_side is not None and event.actor1_side is not None:
        return current.actor1_side != event.actor1_side
    # an armed group no state is, named as the doer of one, and a state's side of the other
    return _state_and_group(current, event)


def _state_and_group(current: Event, event: Event) -> bool:
    """Whether one of two events is a state's act and the other an armed group's, named."""
    one_sided = (current.actor1_side is None) != (event.actor1_side is None)
    sideless = current if current.actor1_side is None else event
    return one_sided and _non_state(sideless.actor1)


def _merged(current: Event, event: Event) -> Event:
    """``current`` with what another report of the same incident adds; the sub-type of
    the report that names its means ("an Israeli airstrike on a school") over one a generic
    word gave ("Israeli strike on Gaza school", a headline)."""
    if (
        _generic_trigger(current.trigger)
        and not _generic_trigger(event.trigger)
        and current.sub_type == _generic_sub_type()
    ):
        # (a generic word whose means the sentence named keeps their sub-type: "its
        # aircraft struck ..." is an air strike, whatever "bombing" a later report says)
        current = replace(current, sub_type=event.sub_type)
    return replace(
        current,
        weapons=tuple(dict.fromkeys((*current.weapons, *event.weapons))),
        status=max(current.status, event.status, key=lambda s: STATUS_RANK[s]),
        actor1=current.actor1 or event.actor1,
        actor1_side=current.actor1_side or event.actor1_side,
        actor2=current.actor2 or event.actor2,
        claims=tuple(dict.fromkeys((*current.claims, *event.claims))),
    )
