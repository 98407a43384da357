"""Events: an ACLED trigger ("strikes", "shelled", "liberated", "clashes") and the places it
happened at, one event per place ("targeted Ganja and Mingachevir" is two events).

The perpetrator is what the syntax says (subject, "by X", "Armenian forces"); the claims, the
date fallback and the status are settled later by resolve.events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from warlog.extract.base import (
    COMPASS_DIRECTIONS,
    doc_text,
    register_extractor,
    sentence_ents,
    sentence_evidence,
    sideless_group_names,
)
from warlog.extract.conflict import is_conflict_text
from warlog.extract.sides import country_signal, side_of_words
from warlog.model import Article, Event, ResolvedDate
from warlog.resources import load_json


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    sub_type: str
    rank: int
    generic: bool
    start: int  # token span
    end: int
    in_force: bool = False  # an agreement: an event only once it is made or takes effect
    klass: str = ""  # its class in data/event_codebook.json ("air", "generic", "killing")
    needs_forces: bool = False  # an event only where its clause names armed forces
    needs_ground: bool = False  # an event only where what it takes is a place
    needs_crowd: bool = False  # an event only where a crowd does it ("thousands marched")


@cache
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_json("events.json")
    return data


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], dict[str, Any]], ...]:
    entries = []
    for entry in lexicon()["triggers"]:
        for words in entry["words"]:
            entries.append((tuple(words.split()), entry))
    return tuple(sorted(entries, key=lambda item: -len(item[0])))


# words of armed men no state's: their events and claims have no state's side
NON_STATE_DOERS = frozenset(
    {
        "rebel",
        "rebels",
        "militant",
        "militants",
        "insurgent",
        "insurgents",
        "guerrilla",
        "guerrillas",
        "jihadist",
        "jihadists",
        "separatist",
        "separatists",
    }
)
_ARMED = NON_STATE_DOERS | frozenset(
    {
        "force",
        "forces",
        "troop",
        "troops",
        "soldier",
        "soldiers",
        "army",
        "military",
        "police",
        "gunman",
        "gunmen",
        "militia",
        "fighter",
        "fighters",
    }
)


def _killings_by_armed_actors(sentence: Span) -> list[Trigger]:
    """ "X was killed by security forces": a killing whose agent is armed is a clash (or an
    attack on civilians when the dead are civilians)."""
    found = []
    for token in sentence:
        if token.lemma_.lower() != "kill":
            continue
        agents = [c for c in token.children if c.dep_ == "agent"]
        by_armed = any(
            t.lemma_.lower() in _ARMED or t.lower_ in _ARMED for a in agents for t in a.subtree
        )
        if not by_armed:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        civilians = subject is not None and subject.lemma_.lower() in (
            "civilian",
            "villager",
            "resident",
            "child",
        )
        found.append(
            Trigger(
                "Violence against civilians" if civilians else "Battles",
                "Attack" if civilians else "Armed clash",
                2,
                False,
                token.i,
                token.i + 1,
                klass="killing",
            )
        )
    return found


@cache
def _phrase_index() -> tuple[
    dict[str, tuple[tuple[int, tuple[str, ...], dict[str, Any]], ...]],
    dict[str, tuple[int, dict[str, Any]]],
]:
    """The trigger phrases indexed once per process: by their first word (each with its rank in
    _phrases(), longest first), and the one-word phrases by the word a token's lemma must be."""
    by_first: dict[str, list[tuple[int, tuple[str, ...], dict[str, Any]]]] = {}
    by_lemma: dict[str, tuple[int, dict[str, Any]]] = {}
    for position, (words, entry) in enumerate(_phrases()):
        by_first.setdefault(words[0], []).append((position, words, entry))
        if len(words) == 1:
            by_lemma.setdefault(words[0], (position, entry))
    return {word: tuple(items) for word, items in by_first.items()}, by_lemma


def _phrase_at(tokens: list[Token], i: int) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """The first phrase of _phrases() that matches at token i: its words lower-cased, or one
    word as the token's lemma. Only the phrases that begin with the token's word or lemma are
    tried, so a sentence costs a dictionary look-up per token."""
    by_first, by_lemma = _phrase_index()
    best: tuple[int, tuple[str, ...], dict[str, Any]] | None = None
    for position, words, entry in by_first.get(tokens[i].lower_, ()):
        size = len(words)
        if i + size <= len(tokens) and all(
            tokens[i + k].lower_ == words[k] for k in range(1, size)
        ):
            best = (position, words, entry)
            break
    single = by_lemma.get(tokens[i].lemma_.lower())
    if single is not None and (best is None or single[0] < best[0]):
        best = (single[0], (tokens[i].lemma_.lower(),), single[1])
    return None if best is None else (best[1], best[2])


def trigger_of(entry: dict[str, Any], start: int, end: int) -> Trigger:
    """The trigger a lexicon entry makes of the tokens from ``start`` to ``end``."""
    return Trigger(
        entry["type"],
        entry["sub_type"],
        entry["rank"],
        bool(entry.get("generic")),
        start,
        end,
        bool(entry.get("in_force")),
        entry.get("class", ""),
        bool(entry.get("needs_forces")),
        bool(entry.get("needs_ground")),
        bool(entry.get("needs_crowd")),
    )


def find_triggers(sentence: Span) -> list[Trigger]:
    found: list[Trigger] = _killings_by_armed_actors(sentence)
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        match = _phrase_at(tokens, i)
        if match is not None:
            words, entry = match
            size = len(words)
            found.append(trigger_of(entry, tokens[i].i, tokens[i + size - 1].i + 1))
            i += size - 1
        i += 1
    return found


@cache
def codebook() -> dict[str, Any]:
    """data/event_codebook.json: the decision table from what a clause says to a sub-type."""
    data: dict[str, Any] = load_json("event_codebook.json")
    return data


def _phrase_key(phrase: str) -> str:
    """A lexicon phrase as spaCy's tokens read lower-cased ("booby-trapped": "booby - trapped")."""
    return " ".join(phrase.lower().replace("-", " - ").split())


@cache
def _codebook_words() -> dict[str, dict[str, frozenset[str]]]:
    return {
        role: {kind: frozenset(_phrase_key(w) for w in words) for kind, words in kinds.items()}
        for role, kinds in codebook()["words"].items()
    }


_LONGEST_PHRASE = 4


@cache
def _codebook_first_words() -> frozenset[str]:
    """The first word of every phrase of the codebook: a sequence starting with another word
    is no phrase of it."""
    return frozenset(
        phrase.split()[0]
        for kinds in _codebook_words().values()
        for words in kinds.values()
        for phrase in words
    )


def _grams(tokens: list[Token]) -> set[str]:
    """The words, lemmas and word sequences (up to four) of some tokens that may be codebook
    phrases (the others cannot meet one): one linear pass."""
    grams: set[str] = set()
    lowered = [t.lower_ for t in tokens]
    first_words = _codebook_first_words()
    for i, token in enumerate(tokens):
        grams.add(token.lemma_.lower())
        if lowered[i] not in first_words:
            continue
        for size in range(1, _LONGEST_PHRASE + 1):
            if i + size <= len(tokens) and tokens[i + size - 1].i - token.i == size - 1:
                grams.add(" ".join(lowered[i : i + size]))
    return grams


def _kinds(role: str, grams: set[str]) -> frozenset[str]:
    return frozenset(kind for kind, words in _codebook_words()[role].items() if words & grams)


def _clause_head(doc: Doc, trigger: Trigger) -> Token:
    """The nearest verb above a trigger, or a "when" clause's head (see _clause_range)."""
    token = doc[trigger.start]
    if token.pos_ in ("VERB", "AUX") and token.dep_ in ("csubj", "nsubj", "nsubjpass"):
        token = token.head  # "Shelling killed 12 civilians": a gerund subject, parsed a verb
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if (
        token.dep_ == "advcl"
        and not any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)
        and any(
            child.dep_ in ("mark", "advmod") and child.lower_ in _TIME_MARKS
            for child in token.children
        )
    ):
        # a "when" clause without a subject of its own happens where its head does:
        # "operatives were dining in Damadola when struck by United States missiles"
        token = token.head
    return token


_ACTOR_ROLES = frozenset({"nsubj", "agent"})
_NOUN_ACTOR_ROLES = frozenset({"compound", "amod", "poss", "agent"})


def _actor_tokens(doc: Doc, trigger: Trigger, head: Token) -> set[int]:
    """Who did it: the clause's subject and its "by" agent, or, when the trigger is itself
    the subject ("an attack by gunmen killed ..."), the trigger noun's own modifiers."""
    found: set[int] = set()
    word = doc[trigger.start]
    holders = [word] if word.i != head.i else []
    for child in head.children:
        if child.dep_ in _ACTOR_ROLES or (child.dep_ == "prep" and child.lower_ == "by"):
            if word.i in {t.i for t in child.subtree}:
                continue
            found.update(t.i for t in child.subtree)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in _NOUN_ACTOR_ROLES or (child.dep_ == "prep" and child.lower_ == "by"):
                found.update(t.i for t in child.subtree)
    if (
        head.dep_ == "acl"
        and head.head.i < head.i
        and not any(c.dep_ in _ACTOR_ROLES for c in head.children)
    ):
        # "Gunmen on motorcycles killed 23 people in an attack ..., police said", parsed as
        # gunmen who killed: the noun the verb hangs from is its subject
        found.update(t.i for t in _own_words(head.head))
    if (
        not found
        and head.pos_ == "VERB"
        and not any(c.dep_ in _ACTOR_ROLES or c.dep_ == "nsubjpass" for c in head.children)
    ):
        # "troops are claiming a victory, capturing the enclave", "troops entered the town
        # and seized it": a verb with no subject of its own shares the one it hangs from
        for child in _shared_subjects(head):
            found.update(t.i for t in _own_words(child))
    return found


EXPLOSIONS = "Explosions/Remote violence"
# triggers that name no means of their own: their clause's weapon says what they were
# ("killed ... by a drone", "aircraft carried out a raid")
# trigger classes whose means are the clause's, not the trigger phrase's: "grenades and
# gunfire" are both the attack's
_MEANS_FROM_CLAUSE = frozenset({"killing", "raid", "grenade"})


def _first_row(features: dict[str, frozenset[str]]) -> dict[str, Any] | None:
    """The first codebook row whose conditions the clause's features meet."""
    for row in codebook()["rows"]:
        when = row.get("when")
        if when is None:
            continue
        if all(
            features[key] & set(values) for key, values in when.items() if key != "not_target"
        ) and not (features["target"] & set(when.get("not_target", ()))):
            return dict(row)
    return None


_REPORTING_LEMMAS = frozenset({"say", "tell", "report", "add", "claim", "state", "announce"})


def _attribution_tail(sentence: Span) -> set[int]:
    """The speakers of a closing attribution (", police and residents said.") or of an
    "according to X" that opens or closes the sentence, which the parse may join to the
    victims ("killing 20 people, police and residents"): never the clause's target or
    perpetrator. The attribution may be followed by a phrase of its own after a comma
    (", police said Monday, the latest in a wave of attacks")."""
    tokens = [t for t in sentence if not t.is_punct or t.text in (",", ";")]
    according = _according_to(tokens)
    if according:
        return according
    ends = [len(tokens)] + [i for i, t in enumerate(tokens) if t.text == "," and i > 0]
    for end in ends:
        speakers = _speakers_before(tokens[:end], sentence, final=end == len(tokens))
        if speakers:
            return speakers
    return set()


def _according_to(tokens: list[Token]) -> set[int]:
    """The speakers of "according to X" that opens the sentence up to its comma ("According
    to police, ...") or closes it after one (", according to Zamfara police spokesman
    Ibrahim Danjuma.")."""
    for at, token in enumerate(tokens[:-2]):
        if token.lower_ != "according" or tokens[at + 1].lower_ != "to":
            continue
        if all(t.text == "," or t.pos_ in ("CCONJ", "ADV") for t in tokens[:at]):
            # "According to police, ...", "But according to a police spokesman, ..."
            comma = next((i for i in range(at + 2, len(tokens)) if tokens[i].text == ","), None)
            return {t.i for t in tokens[at + 2 : comma]} if comma is not None else set()
        if tokens[at - 1].text == "," and not any(
            t.pos_ in ("VERB", "AUX") for t in tokens[at + 2 :]
        ):
            # "..., according to Mohammed Shehu, a police spokesman."
            return {t.i for t in tokens[at + 2 :]}
    return set()


def _speakers_before(tokens: list[Token], sentence: Span, final: bool) -> set[int]:
    """The speakers of an attribution that ends these tokens: a reporting verb after a comma
    ("..., police and residents said Monday"); one followed by more of the sentence
    (``final`` false) is a name or noun phrase and its verb, no clause."""
    tokens = list(tokens)
    # "..., police and residents said Monday": the day after the verb is still the tail's
    while tokens and tokens[-1].ent_type_ in ("DATE", "TIME") and not tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) < 3 or tokens[-1].lemma_.lower() not in _REPORTING_LEMMAS:
        return set()
    for token in reversed(tokens[:-1]):
        if token.text in (",", ";"):
            return {t.i for t in sentence if token.i < t.i < tokens[-1].i}
        if not final and token.pos_ in ("VERB", "AUX"):
            return set()  # a clause of its own: "..., the group said it had killed"
    return set()


# verbs that set a told incident in its time or context ("The clash came days after ...",
# "The attack follows weeks of ...", "The bombing marked the deadliest day ...")
# ("The attack occurred in the town of X" says where: a report of the incident)
_FRAMING_VERBS = frozenset({"come", "follow", "mark"})
_CONTEXT_PREPOSITIONS = frozenset({"after", "before", "since", "amid", "as", "during"})


def _framing_reference(doc: Doc, trigger: Trigger) -> bool:
    """A definite incident as the subject of a verb that frames it ("The clash came days
    after the ministers held talks in Washington"): the incident the article has told, set
    in its context, no event of its own (nor are the places of the context its places)."""
    noun = doc[trigger.start : trigger.end].root
    return (
        noun.dep_ == "nsubj"
        and noun.head.lemma_.lower() in _FRAMING_VERBS
        and _definite(noun)
        and not _says_where_or_when(noun.subtree)
        # "The attack came on Sunday in Halfaya": the verb's own phrases say where and when
        and not any(
            _says_where_or_when(child.subtree)
            for child in noun.head.children
            if child.dep_ == "prep" and child.lower_ not in _CONTEXT_PREPOSITIONS
        )
    )


def _says_where_or_when(tokens: Iterable[Token]) -> bool:
    """Whether some of the tokens name a place, a date or a time."""
    return any(t.ent_type_ in _PLACE_LABELS | {"DATE", "TIME"} for t in tokens)


def _definite(noun: Token) -> bool:
    """Whether a noun names something known: "the attack", "this strike", "Saturday's
    attack"."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or c.dep_ == "poss"
        for c in noun.children
    )


_AFTER_WORDS = frozenset({"after", "following", "since"})


def _fronted_reference(doc: Doc, trigger: Trigger, sentence: Span) -> bool:
    """ "After the exchange of fire, North Korea stated it would ...": a definite incident
    named in a phrase of time that opens the sentence is one the article has told, the time
    of what follows, not an event of its own."""
    noun = doc[trigger.start : trigger.end].root
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in _AFTER_WORDS
        and preposition.i - sentence.start <= 1
        and preposition.head.i > noun.i  # the clause it times comes after it
        and _definite(noun)
        # "After the bombing of a market in Kabul on Friday": a new incident, with its own
        and not _says_where_or_when(noun.subtree)
    )


def classify(
    doc: Doc,
    trigger: Trigger,
    sentence: Span,
    triggers: list[Trigger],
    earlier: frozenset[str] = frozenset(),
    last_told: frozenset[str] = frozenset(),
    last_incident: Trigger | None = None,
) -> Trigger:
    """The trigger with the type and sub_type of the first codebook row its clause meets. A
    generic trigger whose clause names no weapon reads its sentence's, else ``earlier``: the
    weapon classes of the article's last paragraphs ("a car bomb killed five ... The attack
    in Zabul"); a definite one ("after the attack") with no weapon of its own is the attack
    the article told last (``last_told``: that one's weapon classes), however far back, and
    where neither its clause nor a weapon says what it was, the type of that incident
    (``last_incident``: "Militants attacked an army camp ... The attack left 12 dead")."""
    if not trigger.klass:
        return trigger
    if any(token.pos_ in ("VERB", "AUX") for token in sentence):
        head = _clause_head(doc, trigger)
        clause = [t for t in head.subtree if sentence.start <= t.i < sentence.end]
    else:
        head, clause = doc[trigger.start], list(sentence)
    speakers = _attribution_tail(sentence)
    clause = [t for t in clause if t.i not in speakers]
    actors = _actor_tokens(doc, trigger, head)
    if trigger.generic or trigger.klass in _MEANS_FROM_CLAUSE:
        weapons = _kinds("weapon", _grams(clause))
    else:  # a weapon word's own phrase and verb: "missiles from drones", "a car bomb rammed"
        word = doc[trigger.end - 1]
        own = {word, word.head, *doc[trigger.start : trigger.end]}
        for child in word.children:
            if (
                child.dep_ in ("compound", "amod", "nmod")
                or (child.dep_ == "prep" and child.lower_ in ("from", "by"))
                # a verb's doer is its means: "aircraft bombed a house", "bombed by jets"
                or (word.pos_ == "VERB" and child.dep_ in ("nsubj", "agent"))
            ):
                own.update(child.subtree)
        if word.dep_ == "dobj" and word.head.pos_ == "VERB":
            # what drops or fires the weapon is its means: "a fighter jet dropped bombs"
            for child in word.head.children:
                if child.dep_ in ("nsubj", "agent"):
                    own.update(child.subtree)
        weapons = _kinds("weapon", _grams(sorted(own, key=lambda t: t.i)))
    if trigger.generic and not weapons:
        weapons = _kinds("weapon", _grams(list(sentence)))
    features = {
        "trigger": frozenset({trigger.klass}),
        "weapon": weapons,
        "act": _kinds("act", _grams(clause)),
        "perpetrator": _kinds(
            "perpetrator",
            _grams([t for t in sentence if t.i in actors and t.i not in speakers]),
        ),
        # what was hit is named by a noun: not "military" of "no military objects were hit"
        "target": _kinds(
            "target", _grams([t for t in clause if t.i not in actors and t.dep_ != "amod"])
        ),
    }
    if trigger.generic and not weapons and last_told and _definite(doc[trigger.end - 1]):
        # "security was stepped up after the attack": the attack the article told last, by
        # its weapon, whoever the clause names around it
        told = _first_row({**features, "weapon": earlier or last_told})
        if told is not None and told["type"] == EXPLOSIONS:
            return replace(trigger, type=told["type"], sub_type=told["sub_type"])
    chosen = _first_row(features)
    if chosen is not None:
        return replace(trigger, type=chosen["type"], sub_type=chosen["sub_type"])
    if trigger.generic:
        explosion = max(
            (t for t in triggers if t.type == EXPLOSIONS and not t.generic),
            key=lambda t: t.rank,
            default=None,
        )
        if explosion is not None:  # "a car bomb ... The attack killed": the car bomb's
            return replace(trigger, type=explosion.type, sub_type=explosion.sub_type)
        if (
            not weapons
            and not earlier
            and last_incident is not None
            # (an explosion told before is found by its weapon, above; "the strike" is one)
            and last_incident.type != EXPLOSIONS
            and trigger.klass == "generic"
            and _definite(doc[trigger.end - 1])
        ):
            # "Militants attacked an army camp ... The attack left 12 dead": that battle
            return replace(trigger, type=last_incident.type, sub_type=last_incident.sub_type)
        # the article's weapon says which explosion a bare "attack" was, not whether it was one
        row = _first_row({**features, "weapon": earlier}) if earlier else None
        if row is not None and row["type"] == EXPLOSIONS:
            return replace(trigger, type=row["type"], sub_type=row["sub_type"])
    elif (
        trigger.klass in _ANAPHORIC_CLASSES
        and not weapons
        and last_incident is not None
        and _definite(doc[trigger.end - 1])
    ):
        # "Hundreds of gunmen stormed the village ... The assault lasted four hours", "Jets
        # struck the camp ... The raid killed 12": the incident told before, whatever it was
        return replace(trigger, type=last_incident.type, sub_type=last_incident.sub_type)
    for row in codebook()["rows"]:
        if trigger.klass in row.get("default_for", ()):
            return replace(trigger, type=row["type"], sub_type=row["sub_type"])
    return trigger


# trigger classes whose word names an incident without saying what kind ("the assault",
# "the raid"): with nothing of its own, a definite one is the incident told before
_ANAPHORIC_CLASSES = frozenset({"assault", "raid"})


# words of an outcome that name no means: the weapon of their sentence says what it was
_OUTCOME_WORDS = frozenset({"massacre", "massacred", "massacres"})


def _by_their_means(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """ "Shelling killed 12 civilians in a massacre at the market": a massacre done by a
    remote weapon is that weapon's event (ACLED codes remote violence by its means, whoever
    the victims), not an attack on civilians."""
    means = max(
        (t for t in triggers if t.type == EXPLOSIONS and not t.generic),
        key=lambda t: t.rank,
        default=None,
    )
    if means is None:
        return triggers
    return [
        replace(t, type=means.type, sub_type=means.sub_type)
        if doc[t.start : t.end].text.lower() in _OUTCOME_WORDS
        else t
        for t in triggers
    ]


_GENERIC_SUBJECTS = frozenset({"they", "we", "insurgents", "militants", "rebels", "groups"})


_FREQUENCY_ADVERBS = frozenset(
    {
        "frequently",
        "often",
        "regularly",
        "repeatedly",
        "routinely",
        "usually",
        "sometimes",
        "occasionally",
        "periodically",
        "habitually",
        "constantly",
    }
)


def _frequent(doc: Doc, trigger: Trigger) -> bool:
    """A frequency adverb on the trigger or on a verb that governs it ("have frequently
    targeted mosques ... in addition to deadly attacks on security forces")."""
    current = doc[trigger.start]
    for _ in range(6):
        before = doc[max(0, current.i - 2) : current.i]
        if any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY_ADVERBS for c in current.children):
            return True
        if any(t.lower_ in _FREQUENCY_ADVERBS for t in before):
            return True
        if current.head.i == current.i or current.dep_ in ("ccomp", "relcl", "advcl"):
            return False
        current = current.head
    return False


def _habitual(doc: Doc, trigger: Trigger) -> bool:
    """A present-tense habit is no event: "from those havens, they launch attacks against
    U.S. forces" (a plural present verb with a pronoun or generic plural subject)."""
    token = doc[trigger.start]
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if _frequent(doc, trigger):
        return True  # "have frequently targeted mosques": a pattern, not one incident
    return token.tag_ == "VBP" and any(
        child.dep_ == "nsubj" and child.lower_ in _GENERIC_SUBJECTS for child in token.children
    )


_DESCRIBED_NOUNS = frozenset(
    {
        "force",
        "group",
        "unit",
        "militia",
        "wing",
        "organization",
        "organisation",
        "season",
        # a weapon word naming a thing, not an attack: "rocket launchers", "a bomb factory"
        "launcher",
        "factory",
        "depot",
        "site",
        "storage",
        "warehouse",
        "plant",
        "stockpile",
        "arsenal",
        "programme",
        "program",
        "test",
        "system",
        "defence",
        "defense",
        "shelter",
        "maker",
        "expert",
        "production",
        "cache",
    }
)


_AT_AIRCRAFT = frozenset(
    {"fire", "shoot", "intercept", "down", "chase", "scramble", "track", "detect", "spot"}
)
_AIRCRAFT_WORDS = frozenset(
    {"jet", "jets", "warplane", "warplanes", "fighter", "helicopter", "helicopters", "gunships"}
)


def _aircraft_fired_upon(doc: Doc, trigger: Trigger) -> bool:
    """An aircraft that is fired at, chased or shot down is no air strike: "Syrian planes
    fired upon Israeli jets"."""
    word = doc[trigger.end - 1]
    if trigger.klass != "air" or word.lower_ not in _AIRCRAFT_WORDS:
        return False
    head = word.head
    if word.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif word.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.lemma_.lower() in _AT_AIRCRAFT


_FIGURATIVE_VERBS = frozenset({"explode", "erupt", "blow"})


def _located_target(clause: Token) -> bool:
    """A participle clause that says where the thing struck is ("a school sheltering
    displaced families in central Gaza"): its "in" place is the scene, not an aside."""
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBG"
        and clause.head.dep_ in ("pobj", "dobj", "nsubjpass")
        and any(
            child.dep_ == "prep" and child.lower_ in ("in", "at")
            for t in clause.subtree
            for child in t.children
        )
    )


# verbs whose participle tells what befell people: "12 dead and 30 injured in the town of
# Kidal", "the 20 people killed in Tuesday's raid on X"
_INJURY_VERBS = frozenset({"kill", "wound", "injure", "hurt"})
_HARM_VERBS = _INJURY_VERBS | {"die"}
_DAMAGE_VERBS = frozenset({"destroy", "damage"})


def _victims_there(clause: Token) -> bool:
    """A participle clause of harm done to people ("30 injured in the northern town of
    Kidal"): where they were harmed is where it happened, not an aside."""
    if not (
        clause.dep_ == "acl"
        # (a finite verb the parse hangs on a noun: "suspected ADF rebels killed at least 18
        # people ... near Mangina")
        and clause.tag_ in ("VBN", "VBD")
        and clause.lemma_.lower() in _HARM_VERBS
    ):
        return False
    # not the victims of another time: "a week after the funeral of 20 policemen killed in
    # Kandahar", "to avenge the soldiers killed in Butembo last month"
    if clause.tag_ == "VBN" and any(t.ent_type_ in ("DATE", "TIME") for t in clause.subtree):
        return False
    return not any(a.dep_ == "prep" and a.lower_ in _CONTEXT_PREPOSITIONS for a in clause.ancestors)


def _reference_point(doc: Doc, trigger: Trigger) -> bool:
    """An incident named as a point in time ("the deadliest since the al-Khilani Mosque
    bombing", "the first attack since the 2015 ceasefire"): the object of "since", the
    report's background, not its news."""
    word = doc[trigger.end - 1]
    return word.pos_ in ("NOUN", "PROPN") and word.dep_ == "pobj" and word.head.lower_ == "since"


_WARS = frozenset({"war", "conflict", "insurgency", "uprising", "rebellion", "revolution"})
_BEGAN = frozenset({"begin", "start", "erupt", "break"})


def _war_began(sentence: Span) -> bool:
    """A sentence on how a war began ("The war began in April last year when fighting broke
    out in Khartoum"): the report's background, not an incident of its day (a war, not
    "fighting", as subject: "fighting erupted on Monday" is news)."""
    root = sentence.root
    return root.lemma_.lower() in _BEGAN and any(
        child.dep_ == "nsubj" and child.lemma_.lower() in _WARS for child in root.children
    )


def _figurative(doc: Doc, trigger: Trigger) -> bool:
    """An explosion word that turns into something else ("tensions exploded into open
    fighting", "the dispute blew up into a war"): a figure of speech, not a blast."""
    word = doc[trigger.end - 1]
    return word.lemma_.lower() in _FIGURATIVE_VERBS and any(
        child.dep_ == "prep" and child.lower_ == "into" for child in word.children
    )


def _blocked(doc: Doc, trigger: Trigger, sentence: Span) -> bool:
    """Threats, plans, conditionals, negations and habits are not events; nor a trigger
    word that only describes a noun ("the main fighting force of the SDF")."""
    if _habitual(doc, trigger) or _aircraft_fired_upon(doc, trigger) or _figurative(doc, trigger):
        return True
    if _reference_point(doc, trigger) or _war_began(sentence):
        return True
    first = doc[trigger.start]
    if first.dep_ in ("amod", "compound") and first.head.lemma_.lower() in _DESCRIBED_NOUNS:
        return True
    window = doc[max(sentence.start, trigger.start - 6) : trigger.start]
    words = {t.lower_ for t in window}
    if words & set(lexicon()["modal_words"]) or words & set(lexicon()["negation_words"]):
        return True
    head = doc[trigger.start]
    if head.head.lower_ in lexicon()["modal_words"] or head.head.lemma_.lower() in ("risk", "plan"):
        return True  # "raids risk provoking ..."
    if _unrealised(head) or _prevented(head) or _prevented(doc[trigger.end - 1]):
        return True
    return any(child.dep_ == "neg" for child in head.children) or any(
        t.lower_ == "if" for t in doc[sentence.start : trigger.start]
    )


# "withdrew from X", "pulled out of X": X is where it happened, not an origin
_LEAVING_VERBS = frozenset({"withdraw", "pull", "retreat"})
_FORCES_WORDS = frozenset(
    {"troop", "force", "soldier", "army", "military", "unit", "brigade", "fleet", "navy"}
)


def _people_taken(doc: Doc, trigger: Trigger) -> Trigger:
    """A capture of people is an abduction: "gunmen seized more than 300 boys from a
    boarding school in Kankara" takes the boys, not the town."""
    if trigger.klass != "capture":
        return trigger
    people = _people_nouns()
    word = doc[trigger.end - 1]
    taken = [c for c in word.children if c.dep_ == "dobj"]
    if not any(t.lemma_.lower() in people or t.lower_ in people for t in taken):
        return trigger
    entry = next(e for e in lexicon()["triggers"] if e["class"] == "abduction")
    return replace(
        trigger,
        type=entry["type"],
        sub_type=entry["sub_type"],
        klass="abduction",
        rank=entry["rank"],
        needs_ground=False,
    )


@cache
def _people_nouns() -> frozenset[str]:
    """Nouns for people who are no fighters (the casualty lexicon's civilians, "people")."""
    from warlog.extract.casualties import lexicon as casualty_lexicon

    victims = casualty_lexicon()["victims"]
    return frozenset(victims["civilians"]) | frozenset(victims["unspecified"]) | {"people"}


def _opponent_of(doc: Doc, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """Whether a doer word ("gunmen") is only whom another trigger acts against: "soldiers
    clashed with 40 gunmen", "troops ambushed gunmen" tell a clash, not gunmen's attack."""
    if trigger.klass != "gunmen":
        return False
    word = doc[trigger.start]
    acting = {i for t in triggers if t is not trigger for i in range(t.start, t.end)}
    head = word.head
    if word.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return word.dep_ in ("dobj", "pobj") and head.i in acting


def _names_forces(doc: Doc, trigger: Trigger) -> bool:
    """Whether a trigger's clause names armed forces: "withdrew its troops from", not
    "withdrew from the talks"."""
    head = _clause_head(doc, trigger)
    return any(t.lemma_.lower() in _FORCES_WORDS for t in head.subtree)


# what a capture takes when it takes territory (besides a named place)
_GROUND_NOUNS = frozenset(
    {
        "town",
        "village",
        "city",
        "area",
        "areas",
        "territory",
        "region",
        "district",
        "province",
        "base",
        "post",
        "outpost",
        "positions",
        "position",
        "hill",
        "airport",
        "port",
        "crossing",
        "border",
        "enclave",
        "stronghold",
        "neighbourhood",
        "neighborhood",
        "camp",
        "control",
        "capital",
        "headquarters",
        "garrison",
        "oilfield",
        "field",
        "bridge",
        "road",
        "highway",
        "island",
        "settlement",
        "suburb",
        "suburbs",
        "outskirts",
        "front",
        "line",
        "lines",
        "county",
        "municipality",
        "locality",
    }
)


def _crowd_does(doc: Doc, trigger: Trigger) -> bool:
    """Whether a crowd does what the trigger says: a verb whose subject is a crowd word or
    a number ("thousands of people marched", "hundreds of students marched"), never armed
    forces ("troops marched into the town") or a noun ("the march on the capital")."""
    verb = doc[trigger.start]
    if verb.pos_ != "VERB":
        return False
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "gathered and marched"
    crowd = set(lexicon()["crowd_words"])
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        words = list(subject.subtree)
        if any(t.lemma_.lower() in _FORCES_WORDS or t.lower_ in _ARMED for t in words):
            return False
        if subject.lower_ in crowd or subject.lemma_.lower() in crowd or subject.like_num:
            return True
    return False


def _takes_ground(doc: Doc, trigger: Trigger) -> bool:
    """Whether a capture takes ground: a place or a territory word in what it takes ("seized
    the town of Palma", "took control of Kidal", "the town was captured"), not "seized
    weapons and vehicles" or "captured two soldiers"."""
    word = doc[trigger.end - 1]
    head = word if word.pos_ in ("VERB", "AUX") else _clause_head(doc, trigger)
    taken: list[Token] = []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr") or (
            child.dep_ == "prep" and child.lower_ in ("of", "over", "in", "into", "from")
        ):
            taken.extend(child.subtree)
    for child in word.children:  # "the capture of the town", "in control of Kidal"
        if child.dep_ == "prep" and child.lower_ in ("of", "over"):
            taken.extend(child.subtree)
    taken.extend(t for t in doc[trigger.start : trigger.end] if t.lower_ == "control")
    return any(
        t.ent_type_ in ("GPE", "LOC", "FAC")
        or (t.pos_ == "PROPN" and t.text[:1].isupper())
        or t.lemma_.lower() in _GROUND_NOUNS
        or t.lower_ in _GROUND_NOUNS
        for t in taken
    )


_FUTURE_AUX = frozenset({"will", "shall"})
_CALLED_FOR = frozenset({"call", "plan", "schedule", "urge", "demand", "announce", "organise"})


# verbs whose object did not happen: "deployed to prevent protests", "foiled an attack";
# not "stop", "halt" or "curb", whose object is under way ("to halt the fighting")
_PREVENTING = frozenset(
    {"prevent", "thwart", "foil", "avert", "ban", "forbid", "prohibit", "deter", "preempt"}
)


def _prevented(token: Token) -> bool:
    """Whether the trigger is what a verb of preventing kept from happening: its object
    ("to prevent protests", "protests were banned") or its "from" clause ("prevented
    gunmen from attacking the village"), also as a modifier of that object ("foiled a car
    bomb attack")."""
    while token.dep_ in ("compound", "amod") and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _PREVENTING:
        return True
    return (
        token.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in _PREVENTING
    )


def _unrealised(token: Token) -> bool:
    """An act still to come, read from the verbs that govern the trigger: "will visit the
    scene and take part in the demonstration", "a demonstration has been called for
    tonight" (a future or modal auxiliary, or a plan or call for it)."""
    current = token
    for _ in range(5):
        verb = current if current.pos_ in ("VERB", "AUX") else None
        if verb is not None:
            governing = [verb] + ([verb.head] if verb.dep_ == "conj" else [])
            for candidate in governing:
                if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in candidate.children):
                    return True
            if verb.lemma_.lower() in _CALLED_FOR and any(
                c.dep_ == "prep" and c.lower_ == "for" for c in verb.children
            ):
                return True  # "... has been called for outside the town hall"
            if verb.dep_ in ("ROOT", "ccomp") or verb.lemma_.lower() in ("say", "report"):
                break
        if current.head.i == current.i:
            break
        current = current.head
    return False


# how an agreement is made or takes effect, by the role its noun plays for the verb
_AGREEMENT_VERBS = {
    "nsubj": frozenset({"take", "go", "come", "begin", "start"}),  # "a ceasefire took effect"
    "nsubjpass": frozenset(
        {"sign", "reach", "agree", "conclude", "declare", "call", "broker", "announce", "seal"}
    ),
    "dobj": frozenset(
        {"sign", "reach", "agree", "conclude", "declare", "call", "broker", "announce", "seal"}
    ),
    "into": frozenset({"enter", "go", "come"}),  # "entered into an agreement"
    "to": frozenset({"agree"}),  # "agreed to a truce"
    "on": frozenset({"agree"}),
}
_EFFECT_NOUNS = frozenset({"effect", "force"})
_BARE_AGREEMENTS = frozenset({"agreement", "deal", "accord"})
# words that make a bare "agreement" one of the conflict's: its parties or what it settles
_AGREEMENT_PARTIES = _ARMED | frozenset(
    {"government", "ceasefire", "peace", "truce", "prisoner", "prisoners", "hostage", "hostages"}
)
_UNDONE = frozenset({"would", "will", "could", "may", "might", "should", "must", "to", "not"})


def _agreement_made(doc: Doc, trigger: Trigger, published: ResolvedDate | None) -> bool:
    """An agreement is an event (ACLED's Strategic developments: Agreement) only when the
    text says it was made or took effect: "a ceasefire ... took effect", "the SDF announced
    it had entered into an agreement", "called a unilateral truce on Tuesday". Not a call
    for one, a plan ("will take effect"), a peace deal merely named, or one of years ago
    ("since the peace accord went into effect four years ago")."""
    noun = doc[trigger.end - 1]
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False  # "to deal with criminals"
    if trigger.end - trigger.start == 1 and noun.lemma_.lower() in _BARE_AGREEMENTS:
        # "an agreement", "a deal": one between parties to the conflict, not a trade deal
        sentence = noun.sent
        if not any(t.lower_ in _AGREEMENT_PARTIES for t in sentence):
            return False
    while noun.dep_ in ("appos", "conj") and noun.head.i != noun.i:
        noun = noun.head  # "5:00 a.m. GMT, a UN sponsored ceasefire ... took effect"
    role, verb = noun.dep_, noun.head
    if role == "pobj" and noun.head.dep_ == "prep":
        role, verb = noun.head.lower_, noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _AGREEMENT_VERBS.get(
        role, frozenset()
    ):
        return False
    if (
        role == "nsubj"
        and verb.lemma_.lower() in ("take", "go", "come")
        and not any(c.lower_ in _EFFECT_NOUNS for c in verb.subtree)
    ):
        return False  # only "took effect", "went into effect", "came into force"
    if verb.dep_ == "xcomp" or any(
        c.dep_ in ("aux", "neg") and c.lower_ in _UNDONE for c in verb.children
    ):
        return False  # "urged them to sign", "will take effect", "has not taken effect"
    clause = list(verb.subtree)
    # not the words of a clause about something else ("a ceasefire in Kurram, where clashes
    # have killed 40 since last week")
    aside = {w.i for t in clause if t.dep_ == "relcl" for w in t.subtree}
    if any(t.lower_ in ("ago", "since") for t in clause if t.i not in aside):
        return False  # "since the peace accord went into effect four years ago"
    year = published.value[:4] if published is not None else ""
    return not any(
        e.label_ == "DATE"
        and any(w.isdigit() and len(w) == 4 and w != year for w in e.text.split())
        for e in doc[clause[0].i : clause[-1].i + 1].ents
    )


_TIME_MARKS = frozenset({"when", "while", "as", "after", "before", "until"})


def _named_background(doc: Doc, trigger: Trigger, sentence: Span, earlier: set[str]) -> bool:
    """A battle named by its place with no date ("The SDF suffered thousands of casualties in
    the Raqqa battle"), in an article that has already reported other incidents and not this
    one, is background (eval/ANNOTATION.md: optional), not an incident of the day."""
    token = doc[trigger.start]
    if token.pos_ != "NOUN" or trigger.end - trigger.start != 1 or not earlier:
        return False
    if doc[trigger.start : trigger.end].text.lower() in earlier:
        return False
    children = list(token.children)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in children)
    # named by a place the article has not named before (not "the U.S. airstrike", not "the
    # Jaipur bombings" in a report on Jaipur)
    names = [
        c
        for c in children
        if c.dep_ == "compound" and c.pos_ == "PROPN" and country_signal(c.text) is None
    ]
    if not definite or not names or any(e.label_ in ("DATE", "TIME") for e in sentence.ents):
        return False
    before = doc_text(doc)[: sentence.start_char]
    return not any(c.text in before for c in names)


def _names_earlier(doc: Doc, trigger: Trigger, earlier: set[str]) -> bool:
    """ "The strike took place at Baghdad International Airport", after "killed ... in an
    airstrike": a generic word with "the" that names an earlier, unambiguous trigger."""
    word = doc[trigger.start : trigger.end].text.lower()
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in doc[trigger.start].children)
    return definite and any(word in other and word != other for other in earlier)


def _clause_range(
    doc: Doc, trigger: Trigger, sentence: Span, label_start: int | None
) -> tuple[int, int]:
    """Characters of the clause a trigger sits in: the subtree of its nearest verb."""
    if not any(token.pos_ in ("VERB", "AUX") for token in sentence):
        return (label_start if label_start is not None else sentence.start_char), sentence.end_char
    token = _clause_head(doc, trigger)
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


_GOVERNED = frozenset({"advcl", "conj", "xcomp", "pcomp"})


def _governing_range(
    doc: Doc, trigger: Trigger, sentence: Span, label_start: int | None
) -> tuple[int, int]:
    """Characters of the clause that governs a trigger's clause: the next verb up (an
    "after" clause's main clause, a conjunct's first verb), else the trigger's own clause.
    Not a reported clause's "said": where the speaker is is not where it happened."""
    own = _clause_range(doc, trigger, sentence, label_start)
    if not any(token.pos_ in ("VERB", "AUX") for token in sentence):
        return own
    token = _clause_head(doc, trigger)
    if token.head.i == token.i or token.dep_ not in _GOVERNED:
        return own
    token = token.head
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    left, right = token.left_edge, token.right_edge
    return min(own[0], left.idx), max(own[1], right.idx + len(right.text))


_LOCATION_NOUNS = frozenset(
    {
        "base",
        "territory",
        "soil",
        "city",
        "town",
        "village",
        "border",
        "airspace",
        "position",
        "province",
        "region",
        "capital",
        "coast",
        "waters",
        "port",
        "airport",
        "side",
    }
)


def _demonym_places(sentence: Span) -> tuple[tuple[int, int, str], ...]:
    from warlog.extract.sides import side_of

    found = []
    for token in sentence:
        head = token.head
        if token.ent_type_ != "NORP" or not (
            head.lemma_.lower() in _LOCATION_NOUNS or head.lower_.rstrip("s") in _LOCATION_NOUNS
        ):  # "bases" is lemmatised "basis"
            continue
        if head.lemma_.lower() in ("border", "frontier") and head.head.lower_ == "near":
            continue  # "a remote island near the Kenyan border": a reference point
        code = side_of(token.text)
        if _names_its_place(head, code):
            continue  # "the Afghan capital, Kabul", "the Syrian city of Aleppo": Kabul's
        if code is not None:
            found.append((token.idx, token.idx + len(token.text), code))
    return tuple(found)


def _names_its_place(noun: Token, code: str | None) -> bool:
    """Whether a place noun is followed by the name of the place it is: "the Afghan capital,
    Kabul", "the Syrian city of Aleppo" (``code``: the demonym's country, which a name after
    a comma must be in: not "on the Lebanese border, Israel's army said")."""
    from warlog.geo import gazetteer

    doc = noun.doc
    if (
        code is not None
        and noun.i + 2 < len(doc)
        and doc[noun.i + 1].text == ","
        and doc[noun.i + 2].ent_type_ in _PLACE_LABELS
        and doc[noun.i + 2].ent_iob_ == "B"
    ):
        name = doc[noun.i + 2]
        entity = next((e for e in doc.ents if e.start == name.i), None)
        words = entity.text if entity is not None else name.text
        # (the parse may hang the name elsewhere)
        return any(place.country_code == code for place in gazetteer().lookup(words))
    for child in noun.children:
        if child.dep_ == "appos" and child.ent_type_ in _PLACE_LABELS:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(c.dep_ == "pobj" and c.ent_type_ in _PLACE_LABELS for c in child.children)
        ):
            return True
    return False


def _violent_context(doc: Doc, trigger: Trigger, sentence: Span) -> bool:
    """ "hit", "struck", "target" count only beside a weapon, a force or a casualty word."""
    head = doc[trigger.start]
    if head.lemma_.lower() == "attack" and (
        head.pos_ == "VERB"
        or any(
            c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "against") for c in head.children
        )
    ):
        return True  # "the attack on the port city of Galle"
    from warlog.extract.conflict import conflict_terms

    terms = conflict_terms() | set(lexicon()["weapons"])
    return any(
        t.i != trigger.start and (t.lemma_.lower() in terms or t.lower_ in terms) for t in sentence
    ) or any(t.lemma_.lower() in _INJURY_VERBS | _DAMAGE_VERBS for t in sentence)


def _excluded_tokens(sentence: Span, trigger_tokens: frozenset[int] = frozenset()) -> set[int]:
    """Tokens naming an actor, an origin or an aside rather than where it happened: the
    subject itself and its modifiers ("Armenia targeted", "Israeli warplanes"), "from X",
    "by X", "the border of X", possessives, and relative or participle clauses. Verbless
    fragments (the items of a quoted tweet) exclude nothing."""
    if not any(token.pos_ in ("VERB", "AUX") for token in sentence):
        return set()
    excluded: set[int] = set()
    for token in sentence:
        if token.dep_ == "nsubjpass" and token.head.i in trigger_tokens:
            continue  # "Kabul was hit by two car bombs": the target, where it happened
        if token.dep_ in ("nsubj", "nsubjpass"):
            # and every doer of a list: "the regime and Moscow stepped up their bombardment"
            # (not places that came under fire: "Kabul and Kandahar were rocked by blasts")
            listed = token.conjuncts if token.dep_ == "nsubj" and not _place_name(token) else ()
            for doer in (token, *listed):
                excluded.add(doer.i)
                excluded.update(
                    c.i
                    for c in doer.children
                    if c.dep_ in ("compound", "amod", "poss", "nmod")
                    and (c.ent_type_ == "NORP" or _names_country(c) or c.dep_ == "poss")
                )
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "with")
            and token.head.head.lemma_.lower() in ("border", "frontier")
        ):
            # "a village on the border of Afghanistan": a landmark, not where it happened
            excluded.update(t.i for t in token.subtree)
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("from", "by")
            and token.head.head.lemma_.lower() not in _LEAVING_VERBS
        ):
            # and every actor of a list: "an offensive by Nigeria, Niger, Chad and Cameroon"
            for actor in (token, *(c for c in token.subtree if c.dep_ == "conj")):
                excluded.add(actor.i)
                excluded.update(
                    c.i for c in actor.children if c.dep_ in ("compound", "amod", "poss")
                )
        if (token.dep_ in ("poss",) or token.lower_ in ("'s", "\u2019s")) and not _place_possessor(
            token, trigger_tokens
        ):
            excluded.add(token.i if token.dep_ == "poss" else token.i - 1)
        if token.dep_ == "case" and token.lower_ in ("'", "\u2019") and token.i > sentence.start:
            # "the United States' killing of Soleimani": a possessor, not a place
            excluded.add(token.i - 1)
            excluded.update(c.i for c in _compounds(token.doc[token.i - 1]))
        if token.dep_ == "prep" and token.lower_ in _TOWARDS and _moving_away(token):
            # "fled the fighting around X ..., many of them to Lubero", "withdrew toward
            # Kirumba": where people went, not where it happened
            excluded.update(t.i for t in token.subtree)
        if token.dep_ == "prep" and token.lower_ == "since":
            # "the deadliest since the bombing of a mosque in Mosul": a point in time
            excluded.update(t.i for t in token.subtree)
        if (
            token.dep_ in ("relcl", "acl")
            and token.head.i not in trigger_tokens
            and token.i not in trigger_tokens
            and not _located_target(token)
            and not _victims_there(token)
        ):
            # an aside ("the region, which lies within Azerbaijan"), unless it describes a
            # trigger ("the airstrike that killed Soleimani at a Baghdad airport") or is one
            # ("a bus that was bombed in the town of Hadera": where the bombing was)
            excluded.update(t.i for t in token.subtree)
        if token.dep_ in ("compound", "amod", "nmod") and _names_country(token):
            # "US missile strike", "A United States military air strike": an actor, not
            # the place
            excluded.update(t.i for t in token.subtree)
    return excluded


_TOWARDS = frozenset({"to", "toward", "towards", "into"})
# verbs of moving away from a place: their destination is no place of the incident
_FLEEING_VERBS = frozenset({"flee", "withdraw", "retreat", "evacuate", "escape", "relocate"})


def _moving_away(preposition: Token) -> bool:
    """Whether a "to" phrase is the destination of a verb of fleeing or withdrawing, also
    through the noun or participle it qualifies ("people fled ..., many of them to X",
    "many heading to X")."""
    head = preposition.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _FLEEING_VERBS:
            return True
        # "many of them to X", "many heading to X" (a participle of the fleeing verb)
        if head.dep_ not in ("appos", "nsubj", "dobj", "advcl", "xcomp") or head.head.i == head.i:
            return False
        head = head.head
    return False


_LOCATIVE = frozenset({"in", "at", "near", "inside", "across", "outside", "around"})


def _place_possessor(token: Token, trigger_tokens: frozenset[int]) -> bool:
    """A possessor that says where ("marched in Arauca's capital", "at Kabul's airport"):
    the thing possessed is the object of a locative preposition and no act of the
    sentence ("killed in Israel's offensive" names the doer)."""
    possessor = token if token.dep_ == "poss" else token.head
    owned = possessor.head
    return (
        owned.dep_ == "pobj"
        and owned.head.lower_ in _LOCATIVE
        and owned.i not in trigger_tokens
        and possessor.i not in trigger_tokens
    )


# not "near": "clashes near Tehran" is where it happened more often than not (check set)
_REFERENCE_PREPOSITIONS = frozenset({"outside", "between", "toward", "towards", "off"})
_DIRECTIONS = COMPASS_DIRECTIONS
_DISTANCES = frozenset(
    {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "kms"}
)
_ROUTES = frozenset({"road", "route", "highway", "way", "motorway", "railway"})


def _reference_tokens(sentence: Span) -> set[int]:
    """Tokens naming a place only as a reference point, not the scene: "between X and Y",
    "60 km northeast of X", "south of X", "the road from X to Y". Such a place is the
    event's only when its clause names no other (resolve.events)."""
    found: set[int] = set()
    for token in sentence:
        if token.dep_ != "pobj":
            continue
        prep = token.head
        word = prep.lower_
        above = prep.head
        if (
            word in _REFERENCE_PREPOSITIONS
            # "a house near Pakistan": near a country is by its border, not in it
            or (word in ("near", "nearer") and _names_country(token))
            or (word == "of" and (above.lower_ in _DIRECTIONS or above.lower_ in _DISTANCES))
            or (word == "of" and any(c.lower_ in _DISTANCES for c in above.children))
            or (word == "to" and above.lemma_.lower() in _ROUTES)
            or (word == "to" and above.dep_ == "prep" and above.head.lemma_.lower() in _ROUTES)
        ):
            found.update(t.i for t in token.subtree)
    return found


def _compounds(token: Token) -> list[Token]:
    """A name's compound words ("United" of "United States")."""
    return [c for c in token.children if c.dep_ == "compound"]


def _names_country(token: Token) -> bool:
    """Whether a token names a country ("U.S.", "Israel"), not a town ("Kabul car bombing")."""
    from warlog.geo import gazetteer

    if token.ent_type_ != "GPE":
        return False
    words = sorted(token.subtree, key=lambda t: t.i)  # "United States" is one name
    names = {token.text, token.doc[words[0].i : words[-1].i + 1].text}
    return any(place.kind == "country" for name in names for place in gazetteer().lookup(name))


def _own_words(noun: Token) -> list[Token]:
    """A noun phrase without the clauses that hang from it ("Gunmen on motorcycles", of
    "Gunmen on motorcycles killed 23 people in ..., police said" misparsed as one subject)."""
    clauses = {
        t.i for child in noun.children if child.dep_ in ("acl", "relcl") for t in child.subtree
    }
    return sorted((t for t in noun.subtree if t.i not in clauses), key=lambda t: t.i)


@cache
def _doing_verbs() -> frozenset[str]:
    return frozenset(str(w) for w in lexicon()["doing_verbs"])


def _shared_subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, or of the verb it hangs from when it has none of its own: a
    participle or a second verb ("Russian forces entered Georgia and bombed ...", "...,
    capturing it"), over a subordinate clause it is misparsed into ("since the accord went
    into effect, capturing ...": the troops')."""
    own = [c for c in verb.children if c.dep_ in _ACTOR_ROLES]
    if own and _headline_passive(verb):
        return []  # "two militants shot dead": those shot, not who shot them
    if own or any(c.dep_ == "nsubjpass" for c in verb.children):
        return own
    if verb.dep_ in ("advcl", "xcomp", "conj") and (verb.tag_ == "VBG" or verb.dep_ == "conj"):
        governor = verb.head
        while governor.dep_ == "advcl" and any(c.dep_ == "mark" for c in governor.children):
            governor = governor.head
        return [c for c in governor.children if c.dep_ in _ACTOR_ROLES]
    return []


def _headline_passive(verb: Token) -> bool:
    """A passive with its auxiliary dropped, as headlines write it ("Two militants shot
    dead", parsed with the militants, or the soldiers of "Three soldiers killed in ambush;
    two militants shot dead", as its subject): a verb that leaves someone dead, with no
    object and no auxiliary, says who died."""
    children = list(verb.children)
    return (
        verb.tag_ in ("VBD", "VBN")
        and any(c.lower_ == "dead" for c in children)
        and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in children)
    )


_MEANS_VERBS = frozenset(
    {"target", "hit", "strike", "pound", "bombard", "attack", "press", "continue", "proceed"}
)
_TAKING_PART = frozenset({"engage", "participate"})


_ACCUSING_VERBS = frozenset({"accuse", "blame", "suspect", "charge", "condemn"})


def _accused_of(verb: Token) -> list[Token]:
    """Whom a speaker accuses of the act: "Russia accused Ukraine of attacking its Belgorod
    region" (the act's doer as claimed)."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.lower_ not in ("of", "for"):
        return []
    accusing = preposition.head
    if accusing.lemma_.lower() not in _ACCUSING_VERBS:
        return []
    return [c for c in accusing.children if c.dep_ == "dobj"]


def _doer_of_object(root: Token) -> list[Token]:
    """The subject of a verb of doing whose object the trigger noun is: "Israel launched a
    fresh wave of attacks", "American forces targeted the town with air strikes". Only the
    object, one "of" ("a wave of"), and "with" under a verb of striking lead up to the verb:
    "called for an end to the strikes", "opened an investigation into the bombing" name who
    reacts, not who struck."""
    token = root
    of_seen = False
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj":
        preposition = token.head
        if preposition.lower_ == "of" and preposition.head.dep_ == "dobj":
            token, of_seen = preposition.head, True
        elif preposition.lower_ == "with" and preposition.head.lemma_.lower() in _MEANS_VERBS:
            return _shared_subjects(preposition.head)
        elif preposition.lower_ == "in" and preposition.head.lemma_.lower() in _TAKING_PART:
            return _shared_subjects(preposition.head)  # "forces are engaging in gun battles"
        else:
            return []
    if token.dep_ != "dobj" or (of_seen and token.lower_ not in _WAVE_NOUNS):
        return []
    verb = token.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _doing_verbs():
        return []
    if verb.lemma_.lower() == "open" and root.lower_ != "fire":
        return []  # "opened fire", not "opened an investigation into"
    return _shared_subjects(verb)


# nouns of an amount of attacks ("a wave of air strikes"): the attacks are what was done
_WAVE_NOUNS = frozenset(
    {
        "wave",
        "series",
        "string",
        "barrage",
        "volley",
        "salvo",
        "round",
        "spate",
        "campaign",
        "number",
        "dozens",
        "hundreds",
        "scores",
        "couple",
        "flurry",
        "hail",
    }
)


def _perpetrator(doc: Doc, trigger: Trigger, sentence: Span) -> tuple[str | None, str | None]:
    """(actor as written, side) of whoever did it, as the sentence says: the trigger's own
    modifiers ("Israeli air strikes", "an attack by gunmen"), a verb trigger's subject, or
    the subject of the verb of doing a trigger noun is the object of."""
    span = doc[trigger.start : trigger.end]
    root = span.root
    inside = {t.i for t in span}
    candidates: list[Token] = []
    for child in root.children:
        if child.i in inside:
            continue
        if child.dep_ in ("poss", "amod", "compound", "agent", "nmod") or (
            child.dep_ == "prep" and child.lower_ == "by"
        ):
            candidates.append(child)
    if root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN"):
        # "American helicopters and warplanes": the first conjunct's modifiers are both's
        candidates.extend(
            c for c in root.head.children if c.dep_ in ("poss", "amod", "compound", "nmod")
        )
    if root.pos_ == "VERB":
        candidates.extend(_shared_subjects(root))
        candidates.extend(_accused_of(root))
    elif root.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        candidates.extend(_doer_of_object(root))
    else:  # "an Israeli strike killed ...": the trigger is the subject; its verb's agent
        candidates.extend(c for c in root.head.children if c.dep_ == "agent")
    parties: set[int] = set()  # the two sides of "fighting between X and Y"
    # "skirmishes between Hezbollah and Israeli troops": the party of the two a state's
    for between in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "between"):
        for party in (c for c in between.children if c.dep_ == "pobj"):
            # parties, not places: "fighting between Kyiv and Zhytomyr" names where, and
            # "between Armenia and Azerbaijan" both sides (actor1_side null: FORMAT.md)
            candidates.extend(p for p in (party, *party.conjuncts) if not _place_name(p))
            parties.update(p.i for p in (party, *party.conjuncts))
    group: str | None = None  # "militants stormed ...": a doer no state's, named
    # "Sudan's RSF shells ...": the country that has the group is not the doer
    group_modifier = any(
        c.dep_ in ("compound", "amod", "nmod") and names_armed_group(_written(_own_words(c)))
        for c in candidates
    )
    for candidate in candidates:
        if candidate.dep_ == "poss" and group_modifier:
            continue
        if candidate.dep_ in ("agent", "prep"):
            objects = [c for c in candidate.children if c.dep_ == "pobj"]
            if not objects:
                continue
            candidate = objects[0]
        partners = {
            t.i for c in candidate.children if c.dep_ in ("conj", "cc") for t in c.subtree
        }  # "Hezbollah and Israeli troops": each party by itself
        words = [t for t in _own_words(candidate) if t.i not in partners]
        if not words:
            continue
        side = side_of_words([t.text for t in words])
        armed_group = any(t.lower_ in NON_STATE_DOERS for t in words)
        if side is not None:
            if armed_group:
                side = None  # "Yemen's Houthi rebels": a group no state's (eval/ANNOTATION.md)
            return str(doc[words[0].i : words[-1].i + 1].text), side
        if group is None and candidate.i not in parties and names_armed_group(_written(words)):
            group = str(doc[words[0].i : words[-1].i + 1].text)
    # a group no state's keeps the side unknown: its act is not the side of whoever tells it
    # ("militants stormed an army base, the military said" is no act of the military's)
    return group, None


def _written(words: list[Token]) -> str:
    """Words as the text writes them ("al-Shabaab fighters", not "al - Shabaab fighters")."""
    if not words:
        return ""
    return str(words[0].doc[words[0].i : words[-1].i + 1].text)


@cache
def _armed_group_names() -> frozenset[str]:
    """Names and aliases of the armed groups of data/actors.json that no state is (lower
    case), and the codebook's words for armed men ("gunmen", "attackers")."""
    words = set(load_json("event_codebook.json")["words"]["perpetrator"]["armed_group"])
    return frozenset(sideless_group_names() | (words - {"fighters"}))


def names_armed_group(actor: str | None) -> bool:
    """Whether a doer as written names an armed group no state is: "Yemen's Houthi rebels",
    "Hamas", "Boko Haram fighters", "gunmen"."""
    if actor is None:
        return False
    lowered = actor.lower()
    words = set(lowered.split())
    names = _armed_group_names()
    return bool(words & (NON_STATE_DOERS | names)) or any(
        " " in name and name in lowered for name in names
    )


def _place_name(token: Token) -> bool:
    """Whether a noun is a place's name alone (a gazetteer place, no force or group noun)."""
    from warlog.geo import gazetteer

    return token.pos_ == "PROPN" and bool(gazetteer().lookup(token.text))


def _arrester(doc: Doc, trigger: Trigger) -> str | None:
    """Who makes an arrest the sentence names with no side ("Hezbollah fighters detained
    two soldiers", "arrested by militiamen"), so that the arrest is not put down to the state
    whose ground it is."""
    verb = doc[trigger.start : trigger.end].root
    for child in verb.children:
        doer = child
        if child.dep_ == "agent":
            doer = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ != "nsubj":
            continue
        words = _own_words(doer)
        return str(doc[words[0].i : words[-1].i + 1].text)
    return None


def _weapons(sentence_text: str) -> tuple[str, ...]:
    lowered = sentence_text.lower()
    found: list[str] = []
    for word, canonical in sorted(lexicon()["weapons"].items(), key=lambda item: -len(item[0])):
        if word in lowered and canonical not in found:
            if canonical == "missile" and "300 km mid range missile" in found:
                continue
            found.append(canonical)
    return tuple(found)


def _target(sentence_text: str) -> str | None:
    words = set(re.findall(r"[\w'-]+", sentence_text.lower()))
    if words & set(lexicon()["civilian_targets"]):
        return "civilians"
    if words & set(lexicon()["military_targets"]):
        return "military"
    return None


PlacedTrigger = tuple[int, str, str, int, int, int]


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event before its places are settled: a sentence's trigger, and the character ranges
    of that sentence that name actors or origins rather than where it happened."""

    event: Event
    excluded: tuple[tuple[int, int], ...]
    # (char offset, type, sub_type, rank, clause start, clause end): a trigger can place an
    # event only at places inside its clause ("news of the attack came" leaves London out)
    triggers: tuple[PlacedTrigger, ...] = ()
    # demonyms that place rather than name an actor: "Iraqi military bases" -> (start, end, IQ)
    demonym_places: tuple[tuple[int, int, str], ...] = ()
    # character ranges naming reference points ("near X", "60 km north of X"): places there
    # are the event's only when its sentence names no other
    references: tuple[tuple[int, int], ...] = ()
    # each trigger's governing clause (one verb up), for a trigger whose own clause names no
    # place: "Sirens went off in Tel Aviv after missiles ... approached the city"
    wider: tuple[tuple[int, int], ...] = ()
    # character ranges of the words that date a statement about the event, not the event:
    # "officials said Sunday that the strike ...", "On Saturday, Iran acknowledged it had
    # shot down ..."
    statement_times: tuple[tuple[int, int], ...] = ()
    # character ranges that name a point in time before it ("since the bombing in March"):
    # their dates date nothing of this sentence
    reference_times: tuple[tuple[int, int], ...] = ()
    # (char offset, actor, side) of a trigger whose own doer is another side than the
    # event's: "Russian missiles struck Kharkiv ..., while Russia accused Ukraine of
    # attacking its Belgorod region" places the second at Belgorod as Ukraine's act
    doers: tuple[tuple[int, str | None, str | None], ...] = ()


# verbs of saying whose own time words date the statement, not what it reports
_STATEMENT_VERBS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "acknowledge",
        "admit",
        "confirm",
        "report",
        "state",
        "claim",
        "deny",
        "add",
        "disclose",
        "reveal",
        "concede",
    }
)
_TIME_DEPS = frozenset({"npadvmod", "tmod", "prep", "advmod", "obl"})


def _since_ranges(sentence: Span) -> tuple[tuple[int, int], ...]:
    """The character ranges of "since" phrases naming an incident ("since the bombing of a
    mosque in Mosul in March"), not a clause ("since troops arrived on Monday")."""
    ranges = []
    for token in sentence:
        if token.dep_ == "prep" and token.lower_ == "since":
            words = sorted(token.subtree, key=lambda t: t.i)
            ranges.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return tuple(ranges)


def _statement_times(
    doc: Doc, sentence: Span, triggers: list[Trigger]
) -> tuple[tuple[int, int], ...]:
    """The time words of a verb of saying whose reported clause holds the triggers: "said
    Sunday that the air strike targeted ...". Words inside the reported clause date the
    event itself and stay."""
    spans: list[tuple[int, int]] = []
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _STATEMENT_VERBS:
            continue
        reported = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        inside = {t.i for c in reported for t in c.subtree}
        if not trigger_tokens or not trigger_tokens <= inside:
            continue
        for child in verb.children:
            if child.dep_ not in _TIME_DEPS or child.i in inside:
                continue
            words = sorted(child.subtree, key=lambda t: t.i)
            if any(t.ent_type_ in ("DATE", "TIME") for t in words):
                spans.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return tuple(spans)


_ANTECEDENT_CHARS = 1500  # how far back a generic "the attack" finds its weapon
_VIOLENT_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})
_DEATH_LEMMAS = frozenset({"kill", "die"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVES = frozenset({"in", "at", "near", "of", "outside"})
# words of deaths that are not an attack's at a place of their own: other causes, and the
# wounded of the attack told before dying elsewhere
_OTHER_DEATHS = frozenset(
    {
        "accident",
        "crash",
        "collapse",
        "collapsed",
        "fire",
        "flood",
        "floods",
        "earthquake",
        "landslide",
        "disease",
        "illness",
        "heart",
        "hospital",
        "later",
    }
)
_RUNNING_TOTAL_WORDS = frozenset({"since", "far", "total", "toll", "overall", "altogether"})


def _deaths_there(sentence: Span, before: Trigger) -> list[Trigger]:
    """ "Katyusha rockets hit Nahariya and Safed. Two civilians in the town of Miron were
    killed": deaths a sentence places somewhere of its own, with no word of the attack,
    right after an attack of the same paragraph, are that attack's kind of event there."""
    if not any(ent.label_ in _PLACE_LABELS for ent in sentence_ents(sentence)) and not any(
        t.pos_ == "PROPN" and t.dep_ == "pobj" and t.head.lower_ in _LOCATIVES for t in sentence
    ):
        return []  # no place of their own: the deaths of the attack told before
    if any(t.lower_ in _RUNNING_TOTAL_WORDS or (t.is_digit and len(t.text) == 4) for t in sentence):
        return []  # "since the war began, 30,000 have been killed in Gaza": a running total
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() not in _DEATH_LEMMAS:
            continue
        victims = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if token.lemma_.lower() == "kill" and not any(c.dep_ == "nsubjpass" for c in victims):
            continue  # "the strike killed two": a killing with its own doer is told already
        if any(c.dep_ == "agent" for c in token.children) or any(
            c.dep_ == "prep" and c.lower_ in ("of", "after") for c in token.children
        ):
            continue  # "killed by a landslide", "died of their wounds", "died after ..."
        told = [
            t
            for c in token.children
            if c.dep_ in ("prep", "advmod", "advcl", "npadvmod")
            for t in c.subtree
        ]
        if any(t.lower_ in _OTHER_DEATHS for t in told):
            continue  # "died in a traffic accident", "later died in hospital"
        if not any(t.like_num or t.dep_ == "nummod" for v in victims for t in v.subtree):
            continue  # a count of the dead makes it a report of this incident's toll
        return [replace(before, start=token.i, end=token.i + 1, klass="", generic=False, rank=0)]
    return []


@register_extractor("events")
def extract_events(doc: Doc, article: Article) -> list[EventDraft]:
    if not is_conflict_text(doc):
        return []
    events: list[EventDraft] = []
    pending_label: int | None = None
    earlier_triggers: set[str] = set()  # "airstrike", for a later "the strike"
    agreement_found = False
    weapon_history: list[tuple[int, frozenset[str]]] = []  # (sentence end, weapon classes)
    # (paragraph start, its last violent trigger, where that one's sentence ends)
    last_kind: tuple[int, Trigger, int] | None = None
    for sentence in doc.sents:
        label_start, pending_label = pending_label, None
        if sentence.text.rstrip().endswith(":") and len(sentence) <= 8:
            pending_label = sentence.start_char  # "2. Khizi&Absheron region:" labels what follows
            continue
        triggers = [
            t
            for t in find_triggers(sentence)
            if not _blocked(doc, t, sentence)
            # an agreement named again ("In a statement, the SDF said, 'An agreement has been
            # reached'") is the one already found
            and (
                not t.in_force
                or (not agreement_found and _agreement_made(doc, t, article.published))
            )
        ]
        agreement_found = agreement_found or any(t.in_force for t in triggers)
        paragraph = doc_text(doc).rfind("\n\n", 0, sentence.start_char + 1)
        if (
            not triggers
            and last_kind is not None
            and last_kind[0] == paragraph
            and last_kind[2] == sentence.start  # the sentence right after the attack's
        ):
            triggers = _deaths_there(sentence, last_kind[1])
        triggers = [t for t in triggers if not t.needs_forces or _names_forces(doc, t)]
        triggers = [_people_taken(doc, t) for t in triggers]
        triggers = [t for t in triggers if not t.needs_ground or _takes_ground(doc, t)]
        triggers = [t for t in triggers if not t.needs_crowd or _crowd_does(doc, t)]
        triggers = [t for t in triggers if not _opponent_of(doc, t, triggers)]
        triggers = [
            t
            for t in triggers
            if (
                not t.generic
                or _violent_context(doc, t, sentence)
                or _names_earlier(doc, t, earlier_triggers)
            )
            and not _named_background(doc, t, sentence, earlier_triggers)
            and not (earlier_triggers and _fronted_reference(doc, t, sentence))
            and not ((earlier_triggers or events) and _framing_reference(doc, t))
        ]
        if not triggers:
            continue
        window = sentence.start_char - _ANTECEDENT_CHARS
        earlier = frozenset(k for end, kinds in weapon_history if end >= window for k in kinds)
        last_told = next((kinds for _, kinds in reversed(weapon_history) if kinds), frozenset())
        triggers = _by_their_means(
            doc,
            [
                classify(
                    doc,
                    t,
                    sentence,
                    triggers,
                    earlier,
                    last_told,
                    # (the incident of this paragraph, as for the deaths there)
                    last_kind[1] if last_kind is not None and last_kind[0] == paragraph else None,
                )
                for t in triggers
            ],
        )
        if any(not t.generic for t in triggers):
            weapon_history.append((sentence.end_char, _kinds("weapon", _grams(list(sentence)))))
        earlier_triggers.update(
            doc[t.start : t.end].text.lower().replace(" ", "") for t in triggers if not t.generic
        )
        best = max(triggers, key=lambda t: (t.rank, -t.start))
        if best.type in _VIOLENT_TYPES:
            last_kind = (paragraph, best, sentence.end)
        excluded = tuple(
            (doc[i].idx, doc[i].idx + len(doc[i].text))
            for i in sorted(
                _excluded_tokens(
                    sentence, frozenset(i for t in triggers for i in range(t.start, t.end))
                )
            )
        )
        doers = {t: _perpetrator(doc, t, sentence) for t in triggers}
        actor, side = doers[best]
        if actor is None and side is None:
            # "al-Shabaab fighters attacked a base ..., sparking a gun battle": the doer of
            # another trigger of the incident's type in the sentence
            for other in sorted(triggers, key=lambda t: t.start):
                if other is not best and other.type == best.type:
                    actor, side = doers[other]
                    if actor is not None or side is not None:
                        break
        if best.type == "Protests":
            side = None  # protesters fight for no state (ACLED's "Protesters (Country)", inter 6)
        if actor is None and best.sub_type == "Arrests":
            actor = _arrester(doc, best)  # "Hezbollah fighters detained ...": a doer, no side
        event = Event(
            type=best.type,
            sub_type=best.sub_type,
            trigger=doc[best.start : best.end].text,
            evidence=sentence_evidence(article.id, sentence),
            actor1=actor,
            actor1_side=side,
            actor2=_target(sentence.text),
            weapons=_weapons(sentence.text),
        )
        placed = tuple(
            (
                doc[t.start].idx,
                t.type,
                t.sub_type,
                t.rank,
                *_clause_range(doc, t, sentence, label_start),
            )
            for t in triggers
        )
        if label_start is not None:
            event = replace(event, evidence=replace(event.evidence, start=label_start))
        references = tuple(
            (doc[i].idx, doc[i].idx + len(doc[i].text)) for i in sorted(_reference_tokens(sentence))
        )
        wider = tuple(_governing_range(doc, t, sentence, label_start) for t in triggers)
        events.append(
            EventDraft(
                event,
                excluded,
                placed,
                _demonym_places(sentence),
                references,
                wider,
                _statement_times(doc, sentence, triggers),
                _since_ranges(sentence),
                _other_doers(doc, triggers, best, doers, side),
            )
        )
    return events


def _other_doers(
    doc: Doc,
    triggers: list[Trigger],
    best: Trigger,
    doers: dict[Trigger, tuple[str | None, str | None]],
    side: str | None,
) -> tuple[tuple[int, str | None, str | None], ...]:
    """The triggers of a sentence whose own doer (``doers``) is of another side than its
    event's."""
    found = []
    for trigger in triggers:
        if trigger is best or trigger.type == "Protests":
            continue  # (protesters fight for no state)
        actor, own_side = doers[trigger]
        if own_side is not None and own_side != side:
            found.append((doc[trigger.start].idx, actor, own_side))
    return tuple(found)
