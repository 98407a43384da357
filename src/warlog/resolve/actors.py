"""Canonical actors: who speaks, strikes, is struck or counts the dead, under one name each.

The surface forms the extractors keep ("Armenia's Defense Ministry", "Nagorno-Karabakh
officials", "the territory's army", "Hajiyev", "authorities" said by an Azerbaijani source)
become actors with a kind and a side, named the way ACLED-style data names them ("Ministry
of Defence of Armenia", "Government of Nagorno-Karabakh", "Military Forces of Azerbaijan").
The words are data (``data/actors.json``); the rules are:

1. a recurring armed group by name or alias ("FARC rebels" -> FARC);
2. a capital or building that speaks for a government ("the Kremlin" -> Government of Russia);
3. an institution, force or office of an owner: "<owner> <body>", "<owner>'s <body>",
   "<body> of <owner>"; the owner is a country, a demonym, or a region the gazetteer knows
   (whose side comes from ``data/sides.json``: Nagorno-Karabakh is AM); with no owner in the
   words, the side the extractor settled names it ("authorities" on the AZ side ->
   Government of Azerbaijan);
4. a country on its own is the state;
5. a capitalised name of two to four words is a person; within one article a surname alone
   is the person of that surname ("Hajiyev" -> Hikmet Hajiyev);
6. anything else is kept as written, kind ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from warlog.extract.base import group_alias_pattern
from warlog.extract.sides import side_of, side_of_words
from warlog.model import Actor, CasualtyReport, Claim, Event, Evidence
from warlog.resources import load_json

_PARTICLE = r"(?:al|el|bin|ibn|de|da|van|von|du|dos)[- ]"  # "Muqtada al-Sadr"
_PERSON_RE = re.compile(rf"^[A-Z][\w'\u2019.-]*(?: (?:[A-Z]|{_PARTICLE})[\w'\u2019.-]*){{1,3}}$")
_NOT_ACTORS = frozenset({"reports", "sources", "statement", "group", "officials", "witnesses"})
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_STRIKING = ("Battles", "Explosions/Remote violence")


@dataclass(frozen=True, slots=True)
class ActorKey:
    name: str
    kind: str
    side: str | None


@cache
def _table() -> dict[str, Any]:
    table: dict[str, Any] = load_json("actors.json")
    return table


@cache
def group_aliases() -> dict[str, tuple[str, str | None]]:
    """Each armed group's aliases (lower-cased) with its name and side."""
    return {
        alias: (group["name"], group.get("side"))
        for group in _table()["groups"]
        for alias in group["aliases"]
    }


def _strip(text: str) -> str:
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    for suffix in _POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(" ,")


@cache
def country_name(code: str) -> str:
    from warlog.geo import gazetteer

    country = gazetteer().country(code)
    return country.name if country is not None else code


def _owner(words: str) -> tuple[str | None, str | None]:
    """(owner name, side) of the words before a body: a country, a demonym, or a region."""
    words = _strip(words)
    if not words:
        return None, None
    code = side_of(words)
    from warlog.geo import gazetteer

    regions = [
        p for p in gazetteer().lookup(words) if p.kind in ("region", "admin1", "admin2", "city")
    ]
    countries = [p for p in gazetteer().lookup(words) if p.kind == "country"]
    if code is not None and (countries or not regions):
        return country_name(code), code  # "Armenia", "Armenian", "Azerbaijan's"
    if regions:
        return regions[0].name, code if code is not None else regions[0].country_code
    return None, code


def _split(text: str, table: dict[str, Any]) -> tuple[str, str] | None:
    """(owner words, body key) when the text ends with, or starts "<body> of", a known key."""
    lowered = text.lower()
    for key in sorted(table, key=len, reverse=True):
        if lowered == key:
            return "", key
        if lowered.endswith(" " + key):
            return text[: -len(key) - 1], key
        if lowered.startswith(key + " of "):
            return text[len(key) + 4 :], key
    return None


def canonical(
    surface: str, side: str | None = None, striking: bool = False, label: str | None = None
) -> ActorKey:
    """The canonical actor a surface form names; ``side`` is the side the extractor settled
    for it, ``striking`` that it is the perpetrator of an attack (a state then acts through
    its military forces), ``label`` the parse's entity label for it. Kind ``none``: the words
    name no actor ("sources", "reports")."""
    text = _strip(surface)
    lowered = text.lower()
    groups = group_aliases()
    if lowered in groups:
        name, group_side = groups[lowered]
        return ActorKey(name, "armed_group", group_side or side)
    if group_alias_pattern().search(lowered):  # then the first alias, in the table's order
        for alias, (name, group_side) in groups.items():
            if len(alias) > 3 and re.search(rf"\b{re.escape(alias)}\b", lowered):
                return ActorKey(name, "armed_group", group_side or side)
    metonym = _table()["metonyms"].get(lowered)
    if metonym is not None:
        return ActorKey(f"Government of {country_name(metonym)}", "government_body", metonym)
    if _is_movement(text):
        return ActorKey(text, "armed_group", side)  # "Syrian Democratic Forces"
    body = _split(text, _table()["bodies"])
    if body is not None:
        owner_words, key = body
        canonical_body, kind = _table()["bodies"][key]
        owner, code = _owner(owner_words)
        if owner is None:
            # "Pakistani intelligence officials", "security officials" on the PK side
            code = side_of_words(owner_words.split()) or code or side
            owner = country_name(code) if code is not None else None
        if kind in ("civilians", "armed_group"):  # ACLED: "Civilians (Azerbaijan)"
            return ActorKey(f"{canonical_body} ({owner})" if owner else canonical_body, kind, code)
        if owner is None:
            return ActorKey(f"{canonical_body} (unidentified)", kind, side)
        return ActorKey(f"{canonical_body} of {owner}", kind, code)
    role = _split(text, _table()["roles"])
    if role is not None and not _PERSON_RE.match(role[0]):
        owner, code = _owner(role[0]) if role[0] else (None, None)
        code = code or side
        if owner is None and code is not None:
            owner = country_name(code)  # "the Prime Minister" on the PK side
        title = _table()["roles"][role[1]]
        return ActorKey(
            f"{title} of {owner}" if owner else f"{title} (unidentified)", "person", code
        )
    code = side_of(text)
    if code is not None and _owner(text)[0] == country_name(code):
        if striking:
            return ActorKey(f"Military Forces of {country_name(code)}", "state", code)
        return ActorKey(country_name(code), "state", code)
    if label == "PERSON" or (
        label is None and _PERSON_RE.match(text) and not _is_organisation(text)
    ):
        return ActorKey(text, "person", side)
    if label is None and " " not in text and (text.islower() or text.lower() in _NOT_ACTORS):
        return ActorKey(text, "none", None)
    if text.islower() and label is None:
        return ActorKey(text, "none", None)
    return ActorKey(text, "other", side)


def _is_organisation(text: str) -> bool:
    return any(word.lower() in _table()["organisation_words"] for word in text.split())


def _is_movement(text: str) -> bool:
    """A proper name of an armed movement: capitalised words ending in a force word, with a
    movement word among them ("Sudan Liberation Army", "Syrian Democratic Forces")."""
    words = text.split()
    return (
        len(words) >= 2
        and all(word[:1].isupper() or word in ("of", "for", "the") for word in words)
        and words[-1].lower() in _table()["force_words"]
        and any(word.lower() in _table()["movement_words"] for word in words[:-1])
    )


@dataclass
class _Gathered:
    key: ActorKey
    evidence: Evidence
    titles: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    casualties: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)

    @property
    def side(self) -> str | None:
        """The side most of its mentions give (the first of equals)."""
        if not self.sides:
            return None
        return max(dict.fromkeys(self.sides), key=self.sides.count)


def _surname_map(keys: Iterable[ActorKey]) -> dict[str, ActorKey]:
    """Surname -> the one person of the article with that surname and a fuller name."""
    by_surname: dict[str, list[ActorKey]] = {}
    for key in keys:
        if key.kind == "person" and " " in key.name:
            by_surname.setdefault(key.name.split()[-1].lower(), []).append(key)
    return {surname: found[0] for surname, found in by_surname.items() if len(found) == 1}


def resolve_actors(
    claims: tuple[Claim, ...],
    events: tuple[Event, ...],
    casualties: tuple[CasualtyReport, ...],
    label_of: Callable[[str, Evidence], str | None] = lambda _name, _span: None,
) -> tuple[Actor, ...]:
    """The article's actors, each with the records it appears in. ``label_of`` gives the
    named-entity label (PERSON, ORG, ...) of a mention's span, where the parse has one."""
    mentions: list[tuple[ActorKey, str | None, Evidence, tuple[str, ...], str, str]] = []
    for claim in claims:
        evidence = claim.source or claim.evidence
        label = label_of(claim.speaker, evidence)
        key = canonical(claim.speaker, claim.side, label=label)
        mentions.append((key, claim.speaker, evidence, claim.titles, "claims", claim.id))
    for event in events:
        striking = event.type in _STRIKING
        if event.actor1:
            key = canonical(event.actor1, event.actor1_side, striking=striking)
            mentions.append((key, event.actor1, event.evidence, (), "events", event.id))
        elif event.actor1_side and striking:
            name = f"Military Forces of {country_name(event.actor1_side)}"
            key = ActorKey(name, "state", event.actor1_side)  # known only by its side
            mentions.append((key, None, event.evidence, (), "events", event.id))
        if event.actor2 == "civilians":
            # named, as ACLED names them, by the country they were struck in; no side
            key = canonical("civilians", event.country_code)
            key = ActorKey(key.name, key.kind, None)
            mentions.append((key, "civilians", event.evidence, (), "events", event.id))
    for casualty in casualties:
        if casualty.according_to:
            key = canonical(casualty.according_to, casualty.according_to_side)
            mentions.append(
                (key, casualty.according_to, casualty.evidence, (), "casualties", casualty.id)
            )
    # a name the parse labelled (a speaker) keeps that kind where it recurs unlabelled
    # (a person once is a person: the parse's labels vary between mentions of one name)
    labelled: dict[str, str] = {}
    for key, *_ in mentions[: len(claims)]:
        if labelled.get(key.name) != "person":
            labelled[key.name] = key.kind
    mentions = [
        (ActorKey(k.name, labelled.get(k.name, k.kind), k.side), surface, span, titles, kind, rid)
        for k, surface, span, titles, kind, rid in mentions
    ]
    surnames = _surname_map(key for key, *_ in mentions)
    gathered: dict[tuple[str, str], _Gathered] = {}  # (name, kind): one actor, whatever side
    for key, surface, evidence, titles, attribute, record in mentions:
        if key.kind == "none":
            continue  # "sources", "reports": a claim with no actor to name
        if key.kind in ("person", "other") and key.name.lower() in surnames:
            key = surnames[key.name.lower()]
        found = gathered.setdefault((key.name, key.kind), _Gathered(key, evidence))
        if key.side is not None:
            found.sides.append(key.side)
        if evidence.start < found.evidence.start:
            found.evidence = evidence
        for title in titles:
            if title not in found.titles:
                found.titles.append(title)
        if surface is not None and surface not in found.mentions:
            found.mentions.append(surface)
        records = getattr(found, attribute)
        if record not in records:
            records.append(record)
    return tuple(
        Actor(
            name=g.key.name,
            kind=g.key.kind,
            side=g.side,
            evidence=g.evidence,
            titles=tuple(g.titles),
            mentions=tuple(g.mentions),
            claims=tuple(g.claims),
            events=tuple(g.events),
            casualties=tuple(g.casualties),
        )
        for g in sorted(gathered.values(), key=lambda g: (g.evidence.start, g.key.name))
    )
