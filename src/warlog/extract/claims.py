"""Claims: reported speech and attribution over the dependency parse.

Shapes: "X said (that) ...", "..., X said.", "According to X, ...", "X tweeted / wrote on
Facebook / told Armenian media ...", "X accused Y of ...", "X denied ...", and tweets quoted
in the text ("... — Hikmet Hajiyev (@HikmetHajiyev) October 4, 2020"). The speaker is the
most specific name in the subject (appositions and titles become ``titles``); pronouns and
"his spokesman" resolve to the previous speaker in the article. The stance comes from the
cue ("denied") or, for neutral cues ("said"), from who the content says did what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from warlog.extract.base import (
    doc_ents,
    doc_text,
    group_alias_pattern,
    once_per_doc,
    register_extractor,
    sentence_ents,
    sentence_evidence,
    sideless_group_names,
)
from warlog.extract.conflict import is_conflict_text
from warlog.extract.events import NON_STATE_DOERS
from warlog.extract.places import context_countries
from warlog.extract.sides import speaker_side_of as side_of
from warlog.extract.sides import speaker_side_of_words as side_of_words
from warlog.extract.sides import state_media_side
from warlog.model import Article, Claim, Evidence
from warlog.resources import load_json

_TWEET_RE = re.compile(
    r"[\u2014\u2013-]\s*(?P<name>[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3})\s*"
    r"\((?P<handle>@\w+)\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@cache
def lexicon() -> dict[str, Any]:
    from warlog.resources import load_json

    data: dict[str, Any] = load_json("claims.json")
    return data


def family_key(name: str) -> str:
    """The key a name is remembered by: its last word, and of a hyphenated family name its
    last part ("Ali al-Dabbagh", "al-Dabbagh" and "Dabbagh" are one person), without its
    accents ("Erdoğan" and "Erdogan" are one person)."""
    from warlog.resolve.approximate import folded

    words = name.split()
    if not words:
        return ""
    last = words[-1].strip("()").split("-")[-1].lower()
    return folded(last) or last  # a name in another script keeps its letters


@dataclass
class SpeakerMemory:
    """What the article said so far about who speaks: for pronouns, "his", bare family names."""

    last: Claim | None = None
    sides_by_name: dict[str, str | None] = field(default_factory=dict)
    full_names: dict[str, str] = field(default_factory=dict)
    last_side_by_noun: dict[str, str | None] = field(default_factory=dict)
    home_side: str | None = None
    last_person: tuple[int, str] | None = None  # (offset, name) of the latest person named
    people_by_title: dict[str, str] = field(default_factory=dict)  # "colonel" -> a full name
    state_officials: set[str] = field(default_factory=set)  # family names named with an office
    last_statement: Claim | None = None

    def remember(self, claim: Claim) -> None:
        self.last = claim
        if claim.channel == "statement":
            self.last_statement = claim
        if len(claim.speaker.split()) > 1:
            for title in claim.titles:
                self.remember_titles(title, claim.speaker)
        words = claim.speaker.split()
        if words:
            family = family_key(claim.speaker)
            if len(words) > 1:
                self.full_names[family] = claim.speaker
            if claim.side is not None or family not in self.sides_by_name:
                self.sides_by_name[family] = claim.side
        for noun in lexicon()["generic_speakers"]:
            if noun in claim.speaker.lower().split() or any(
                noun in t.lower() for t in claim.titles
            ):
                self.last_side_by_noun[noun] = claim.side

    def remember_titles(self, words: str, name: str) -> None:
        """The titles a person is named with ("Lieutenant Colonel Guy Rudisill")."""
        for title in title_words(words):
            self.people_by_title[title] = name


def title_words(words: str) -> set[str]:
    """The personal titles among some words, abbreviations spelled out ("Lt. Col." ->
    lieutenant, colonel)."""
    abbreviations: dict[str, str] = lexicon()["title_abbreviations"]
    titles = set(lexicon()["person_titles"])
    found = set()
    for word in words.lower().split():
        word = abbreviations.get(word, word.strip(",.;:()"))
        if word in titles:
            found.add(word)
    return found


def _definite(tokens: list[Token]) -> bool:
    """Whether a noun phrase begins with "the", "this" or "that" (before any stripping)."""
    if not tokens:
        return False
    first = tokens[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    return first.lower_ in ("the", "this", "that") or (
        before is not None and before.lower_ in ("the", "this", "that")
    )


def _resumed_person(subject_tokens: list[Token], memory: SpeakerMemory) -> str | None:
    """A person resumed by a title alone: "the Colonel", "the minister" (a person the article
    named with that title before)."""
    if not _definite(subject_tokens) or _person_in(subject_tokens) is not None:
        return None
    words = [t for t in subject_tokens if not t.is_punct and t.pos_ != "DET"]
    if not words or (words[-1].lower_ in lexicon()["generic_speakers"] and len(words) > 1):
        return None
    head = words[-1].lower_
    if head not in title_words(head):
        head = next(iter(title_words(" ".join(t.text for t in words))), "")
    if not head or any(t.pos_ == "PROPN" and not title_words(t.text) for t in words):
        return None
    return memory.people_by_title.get(head)


def _resumed_state(
    subject_tokens: list[Token], memory: SpeakerMemory
) -> tuple[str, str | None] | None:
    """A state resumed by "the country": the state that spoke last, else the country the
    article named last before it."""
    words = [t for t in subject_tokens if not t.is_punct and t.pos_ != "DET"]
    if len(words) != 1 or words[0].lower_ not in lexicon()["state_anaphors"]:
        return None
    if not _definite(subject_tokens):
        return None
    last = memory.last
    if last is not None and side_of(last.speaker) is not None and not last.titles:
        return last.speaker, last.side
    doc = words[0].doc
    for ent in reversed([e for e in doc.ents if e.end <= words[0].i and e.label_ == "GPE"]):
        code = side_of(ent.text) or side_of(ent.text.removeprefix("the "))
        if code is not None and ent.text.lower().removeprefix("the ") not in ("u.s", "us"):
            return ent.text.removeprefix("the "), code
    return None


_GROUP_ANAPHORS = frozenset(
    {"group", "militia", "movement", "organisation", "organization", "faction", "outfit"}
)


def _resumed_group(subject_tokens: list[Token]) -> str | None:
    """An armed group resumed by "the group", "the militia": the one the text named last
    before it (data/actors.json's groups)."""
    words = [t for t in subject_tokens if not t.is_punct and t.pos_ != "DET"]
    if len(words) != 1 or words[0].lower_ not in _GROUP_ANAPHORS:
        return None
    if not _definite(subject_tokens):
        return None
    doc = words[0].doc
    before = doc_text(doc)[: words[0].idx].lower()
    best: tuple[int, str] | None = None
    for group in load_json("actors.json")["groups"]:
        for alias in group["aliases"]:
            if len(alias) < 3:
                continue
            for found in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", before):
                if best is None or found.start() > best[0]:
                    best = (found.start(), str(group["name"]))
    return best[1] if best is not None else None


def _strip(span_tokens: list[Token]) -> list[Token]:
    while span_tokens and (span_tokens[0].is_punct or span_tokens[0].pos_ == "DET"):
        span_tokens = span_tokens[1:]
    while span_tokens and (span_tokens[-1].is_punct or span_tokens[-1].lower_ in ("'s", "\u2019s")):
        span_tokens = span_tokens[:-1]
    return span_tokens


def _phrase(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


# nouns of what is said, never a title of who says it
_SAID_NOUNS = frozenset(
    {"charge", "claim", "accusation", "allegation", "assertion", "report", "suggestion"}
)


def _subject_parts(subject: Token) -> tuple[list[Token], list[list[Token]]]:
    """The subject's own words, and each apposition's words."""
    appositions: list[list[Token]] = []
    excluded: set[int] = set()
    for child in subject.children:
        if child.dep_ in ("appos", "relcl", "acl", "prep", "conj", "cc") and child.i > subject.i:
            words = sorted(child.subtree, key=lambda t: t.i)
            excluded.update(t.i for t in words)
            if child.dep_ in ("appos", "prep"):
                appositions.append(_strip(words))  # "aide to ...", "a source within the ministry"
    own = [t for t in subject.subtree if t.i not in excluded]
    entity = _entity_of(subject)
    if entity is not None and entity.label_ == "PERSON":
        own = list({t.i: t for t in [*own, *entity]}.values())  # "al-Maliki" parsed apart
    if subject.pos_ == "PROPN":
        # "..., a charge Kigali denies": what is said, parsed into the speaker's name
        said = {
            t.i
            for c in subject.children
            if c.dep_ == "compound" and c.lemma_.lower() in _SAID_NOUNS
            for t in c.subtree
        }
        if said:
            own = [t for t in own if t.i not in said and not (t.i < min(said) and t.pos_ == "DET")]
    own = _strip(sorted(own, key=lambda t: t.i))
    # the subject's own words stop at its first comma ("Hajiyev, aide to ...")
    cut = [t for t in own if t.text == "," and t.i > subject.i]
    if cut:
        own = [t for t in own if t.i < cut[0].i]
    return own, appositions


def _entity_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return once_per_doc(token.doc, "claims.entity_of_token", _entities_by_token).get(token.i)


def _entities_by_token(doc: Doc) -> dict[int, Span]:
    """Each entity token's entity, built once per document (``doc.ents`` builds its spans
    anew on every access)."""
    return {i: entity for entity in doc.ents for i in range(entity.start, entity.end)}


def _possessor_of_speaker(person: list[Token]) -> bool:
    """Whether a name is the possessor of the subject ("the Houthis' spokesman", "Hamas's
    armed wing"), not the subject itself."""
    root = max(person, key=lambda t: t.i)
    return root.dep_ in ("poss", "nmod") and root.head.pos_ == "NOUN"


def _person_in(tokens: list[Token]) -> list[Token] | None:
    """The last run of person-name tokens in a phrase ("Defence Minister Zakir Hasanov" ->
    "Zakir Hasanov"): PERSON entities, else two or more proper nouns the NER left untyped."""
    roles = (
        set(lexicon()["speaker_roles"])
        | set(lexicon()["state_roles"])
        | set(lexicon()["person_titles"])
    )

    def name_like(token: Token) -> bool:
        if token.pos_ != "PROPN" or side_of(token.text) is not None or token.lower_ in roles:
            return False
        entity = _entity_of(token)  # "Sri Lankan" tagged as a person is a demonym
        if entity is not None and entity.label_ == "ORG" and _names_a_body(entity):
            return False  # "The National Unity Government": a body's name, no person's
        return entity is None or side_of(entity.text) is None

    for typed in (True, False):
        people = [
            t
            for t in tokens
            if name_like(t) and (t.ent_type_ == "PERSON" if typed else t.ent_type_ in ("", "ORG"))
        ]
        if not people:
            continue
        run = [people[-1]]
        for token in reversed(people[:-1]):
            if token.i == run[0].i - 1:
                run.insert(0, token)
            else:
                break
        entity = _entity_of(run[0])
        if entity is not None and entity.label_ == "PERSON":
            # the rest of the name: "al-Maliki", "bin Laden", "de Mistura"
            run = [t for t in entity if t.i < run[0].i and t in tokens] + run
        if typed or len(run) >= 2:
            return run
    return None


def _names_a_body(entity: Span) -> bool:
    """Whether an organisation's name ends in a word of a body ("Government", "Council",
    "Front", "Ministry": data/actors.json organisation_words)."""
    words = set(load_json("actors.json")["organisation_words"]) | {"government"}
    return entity[-1].lower_ in words


def _body_name(subject: Token) -> str | None:
    """The whole name of a body whose name holds "of"/"for" ("the International Committee of
    the Red Cross"): the named entity the subject heads, and a bracketed acronym after it."""
    if subject.pos_ != "PROPN":
        return None
    entity = next((e for e in doc_ents(subject.doc) if e.start <= subject.i < e.end), None)
    if (
        subject.ent_type_ != "ORG"
        or entity is None
        or entity.end <= subject.i + 1
        or entity.root.i != subject.i
    ):
        return _named_with_of(subject)
    words = [t for t in entity if not (t.i == entity.start and t.pos_ == "DET")]
    name = str(subject.doc[words[0].i : words[-1].i + 1].text)
    return _with_acronym(name, subject.doc, entity.end)


def _with_acronym(name: str, doc: Doc, end: int) -> str:
    """A body's name with the bracketed acronym right after it, "... Affairs (OCHA)"."""
    after = doc[end : end + 3]
    if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
        return f"{name} ({after[1].text})"
    return name


def _named_with_of(subject: Token) -> str | None:
    """A body's name the entity recogniser cut in two at "of" or "for" ("The UN Office" and
    "the Coordination of Humanitarian Affairs"): the capitalised subject, with its "of" and
    "for" phrases whose words are all capitalised names (never "spokesman for the army")."""
    doc = subject.doc
    first = min((t.i for t in subject.lefts if t.dep_ == "compound"), default=subject.i)
    last = subject.i
    head = subject
    while True:
        prep = next(
            (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None
        )
        if prep is None:
            break
        words = [t for t in prep.subtree if t.i > prep.i]
        if not words or not all(
            t.pos_ == "PROPN" or t.pos_ in ("DET", "ADP", "CCONJ") or t.text == "-" for t in words
        ):
            break
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            break
        last = max(t.i for t in words)
        head = objects[0]
    if last == subject.i:
        return None
    return _with_acronym(str(doc[first : last + 1].text), doc, last + 1)


def _is_party_like(tokens: list[Token]) -> bool:
    """Whether a subject can be a speaker: a name, an organisation, or a speaking role."""
    roles = (
        set(lexicon()["generic_speakers"])
        | set(lexicon()["speaker_roles"])
        | set(lexicon()["person_nouns"])
    )
    return any(
        t.pos_ == "PROPN"
        or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or t.lemma_.lower() in roles
        or t.lower_ in roles
        for t in tokens
    )


def _adjoins(first: list[Token], second: list[Token]) -> bool:
    return bool(first and second) and second[0].i == first[-1].i + 1


def _words_minus(tokens: list[Token], removed: list[Token]) -> list[Token]:
    drop = {t.i for t in removed}
    return _strip([t for t in tokens if t.i not in drop])


def resolve_speaker(
    subject_tokens: list[Token], appositions: list[list[Token]], memory: SpeakerMemory
) -> tuple[str, tuple[str, ...], str | None] | None:
    """(speaker name, titles, side) for a subject, or None when nothing can be resolved."""
    if not subject_tokens:
        return None
    appositions = [a for a in appositions if a]  # an apposition of punctuation alone
    lowered = _phrase(subject_tokens).lower()
    if len(subject_tokens) == 1 and subject_tokens[0].pos_ == "PRON":
        if lowered not in lexicon()["speaker_pronouns"]:
            return None
        if lowered == "it":
            return _resumed_body(subject_tokens[0], memory)
        mentioned = memory.last_person
        last = memory.last
        if mentioned is not None and (last is None or mentioned[0] > last.evidence.start):
            family = family_key(mentioned[1])
            return mentioned[1], (), memory.sides_by_name.get(family)
        if last is None:
            return None
        if lowered in ("he", "she") and _plural_speaker(last.speaker):
            return None  # "He says ..." after "Eyewitnesses said": someone else
        return last.speaker, last.titles, last.side
    state = _resumed_state(subject_tokens, memory)
    if state is not None:
        return state[0], (), state[1]
    group = _resumed_group(subject_tokens)
    if group is not None:
        return group, (), None
    named_beside = any(_person_in(apposition) for apposition in appositions)
    resumed = None if named_beside else _resumed_person(subject_tokens, memory)
    if resumed is not None:
        return resumed, (_phrase(subject_tokens),), memory.sides_by_name.get(family_key(resumed))
    if not _is_party_like(subject_tokens) and not any(
        _person_in(apposition) for apposition in appositions
    ):
        return None
    titles: list[str] = []
    person = _person_in(subject_tokens)
    if (
        person is not None
        and _possessor_of_speaker(person)
        and any(_person_in(apposition) for apposition in appositions if apposition[0].pos_ != "ADP")
    ):
        # "The Houthis' military spokesman, Brig. Gen. Yahya Saree": whose spokesman he is
        # is a title; the speaker is the one the apposition names
        person = None
    name_tokens = subject_tokens
    if person is not None:
        rest = _words_minus(subject_tokens, person)
        if rest:
            titles.append(_phrase(rest))
        name_tokens = person
    else:
        for apposition in appositions:
            if apposition[0].pos_ == "ADP":
                # "an aide to Moussawi", "residents of Mir Ali": whoever the phrase names,
                # the speaker is the aide, the residents
                if _person_in(apposition) is not None and _adjoins(subject_tokens, apposition):
                    name_tokens = subject_tokens + apposition
                continue
            found = _person_in(apposition)
            if found is not None:
                titles.append(_phrase(subject_tokens))
                rest = _words_minus(apposition, found)
                if rest:
                    titles.append(_phrase(rest))
                name_tokens = found
                break
    titles.extend(
        _phrase(apposition) for apposition in appositions if _phrase(apposition) not in titles
    )
    name_text = _phrase(name_tokens)
    titles = list(dict.fromkeys(title for title in titles if title and name_text not in title))
    name = _phrase(name_tokens)
    family = family_key(name)
    if (
        len(name.split()) == 1
        and family in memory.full_names
        and any(t.pos_ == "PROPN" for t in name_tokens)
    ):
        name = memory.full_names[family]  # a family name, not "officials" again
    title_tokens = [t for apposition in appositions for t in apposition]
    if (
        _names_armed_group(name.removeprefix("the "))
        or _armed_group_voice(tuple(titles))
        or _ARMED_WORDS_RE.search(" ".join([name, *titles]).lower()) is not None
    ):
        # "the Syrian Democratic Forces": a group not tied to a state has no side, whatever
        # country its name holds (eval/ANNOTATION.md)
        return name, tuple(titles), None
    if _neutral_body(" ".join([name, *titles])):
        return name, tuple(titles), None  # "the UN agency for Palestinian refugees"
    side = (
        _side_of_tokens(subject_tokens)
        or _side_of_tokens(title_tokens)
        or _local_side(subject_tokens + title_tokens)
    )
    if side is None:
        side = _remembered_side(name, titles, subject_tokens, memory)
    official = (
        _state_office(" ".join([name, *titles])) or family_key(name) in memory.state_officials
    )
    if side is None and memory.home_side is not None and official:
        side = memory.home_side
    return name, tuple(titles), side


IT_REACH = 300  # characters from the claim a body made to the "It" that resumes it


def _resumed_body(
    pronoun: Token, memory: SpeakerMemory
) -> tuple[str, tuple[str, ...], str | None] | None:
    """The body "It" resumes as the subject of a cue ("Russia's defence ministry said ...
    It denied targeting civilians"): the last speaker, just before, when that is a body,
    neither a person nor a group named by a plural noun."""
    last = memory.last
    if last is None or pronoun.dep_ != "nsubj":
        return None
    if not 0 <= pronoun.idx - last.evidence.end <= IT_REACH:
        return None
    if _plural_speaker(last.speaker) or last.source is None:
        return None
    source = pronoun.doc.char_span(last.source.start, last.source.end, alignment_mode="expand")
    if source is None or any(t.ent_type_ == "PERSON" for t in source):
        return None  # "it" resumes no person
    return last.speaker, last.titles, last.side


def _plural_speaker(name: str) -> bool:
    """Whether a speaker is a group named by a plural noun ("Eyewitnesses", "Afghan
    officials"), which "he" or "she" cannot resume."""
    last = name.split()[-1] if name.split() else ""
    roles = set(lexicon()["speaker_roles"]) | set(lexicon()["generic_speakers"])
    return last.lower().endswith("s") and (last.lower() in roles or last[:1].islower())


def _state_office(words: str) -> bool:
    """Whether words name a state's office ("Prime Minister", "army spokesman"), not an armed
    group's or a neutral body's."""
    lowered = words.lower()
    roles = set(lexicon()["state_roles"])
    if _STATE_MEDIA_RE.search(lowered):
        return True  # "Syrian state media", "state-run television": the state's voice
    return bool(set(re.findall(r"[\w.\-]+", lowered)) & roles) and not _non_state_re().search(
        lowered
    )


_STATE_MEDIA_RE = re.compile(
    r"\bstate(?:[- ]run|[- ]owned)? (?:media|television|tv|radio|news agency|broadcaster)\b"
)


_ENVOY_TO_RE = re.compile(r"\b(?:to|at|before|in)(?: the)? $")


@cache
def _neutral_re() -> re.Pattern[str]:
    words = sorted(lexicon()["neutral_bodies"], key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


def _neutral_body(words: str) -> bool:
    """Whether a speaker's name or title names an international body ("UNRWA", "the
    International Committee of the Red Cross"): no state's voice."""
    lowered = words.lower()
    starts = [m.start() for m in _neutral_re().finditer(lowered)]
    starts += [m.start() for m in re.finditer(r"\b(?:UN|WHO)\b", words)]
    # "Syria's ambassador to the United Nations", "envoy at the UN", "Lebanon's UN envoy":
    # a state's voice there
    return any(
        not _ENVOY_TO_RE.search(lowered[:start]) and "'s " not in lowered[:start]
        for start in starts
    )


@cache
def _non_state_re() -> re.Pattern[str]:
    """Any word of ``non_state_words``, whole."""
    words = sorted(lexicon()["non_state_words"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _side_of_tokens(tokens: list[Token]) -> str | None:
    """A side word in a phrase, ignoring places after a locative ("spokesman in Baghdad")."""
    locatives = set(lexicon()["locative_prepositions"])
    kept = []
    for token in tokens:
        before = [t for t in token.doc[max(token.i - 2, 0) : token.i] if t.pos_ != "DET"]
        if before and before[-1].lower_ in locatives and token.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        kept.append(token.text)
    side = side_of_words(kept)
    return side


# titles of a local office, whose holder speaks for the place his sentence is about
_LOCAL_OFFICE_WORDS = frozenset({"governor", "mayor", "regional", "provincial", "municipal"})
LOCAL_OFFICE_SENTENCES_BACK = 4  # sentences before a local office-holder's that may say where
_TOWN_NOUNS = frozenset({"city", "town", "village", "region", "province", "district"})


def _local_side(tokens: list[Token]) -> str | None:
    """The country of the town or province a local voice speaks from: "officials in
    Hodeidah said" are Yemen's. Not a national capital (a foreign spokesman in Baghdad), and
    not other speakers than local ones."""
    from warlog.geo import gazetteer
    from warlog.resolve.geocode import is_capital_of

    titled = _titled_place(tokens)
    if titled is not None:
        return titled
    local_office = bool(tokens) and any(t.lower_ in _LOCAL_OFFICE_WORDS for t in tokens)
    if not local_office and not any(t.lower_ in lexicon()["local_voices"] for t in tokens):
        return None
    locatives = set(lexicon()["locative_prepositions"])
    searched = list(tokens)
    if local_office:
        # "a drone attack on the city of Kherson killed a woman, regional governor Oleksandr
        # Prokudin said": a local office-holder is of the town his sentence is about, or
        # else of the last town told before it ("In Odesa, a drone slammed into a
        # warehouse ... Two dock workers were killed, regional governor X said")
        sentence = tokens[0].sent
        searched += [t for t in sentence if t.i not in {w.i for w in tokens}]
        doc = sentence.doc
        start = sentence.start
        for _ in range(LOCAL_OFFICE_SENTENCES_BACK):
            if start == 0:
                break
            before = doc[start - 1].sent
            searched += list(reversed(list(before)))
            start = before.start
    for token in searched:
        named_as_town = (
            token.head.lower_ == "of" and token.head.head.lemma_.lower() in _TOWN_NOUNS
        )  # "the southern city of Kherson"
        if token.pos_ != "PROPN" or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in locatives and not named_as_town:
            continue  # (the parser often tags a town after "officials in" an organisation)
        words = [t for t in token.subtree if t.pos_ == "PROPN"]
        name = " ".join(t.text for t in words)
        candidates = [c for c in gazetteer().lookup(name) if c.country_code]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: c.population)
        if best.kind == "country":
            continue
        if best.kind == "city" and best.population < _TOWN_POPULATION:
            continue  # a province will do ("officials in Helmand"), a small town may be abroad
        if is_capital_of(best.country_code, best.name):
            continue
        return side_of(best.country_code or "") or best.country_code
    return None


# words of a local office or area that a place name before them qualifies ("Lamu county
# commissioner", "Belgorod regional governor", "Kunar provincial police chief")
_LOCAL_OFFICE_TITLES = _LOCAL_OFFICE_WORDS | frozenset({"commissioner", "administrator"})
_LOCAL_TITLE_WORDS = _LOCAL_OFFICE_TITLES | frozenset(
    {"county", "district", "province", "state", "oblast"}
)


def _titled_place(tokens: list[Token]) -> str | None:
    """The country of the place a local office-holder's title names: "Lamu county
    commissioner Ahmed Wario" is Kenya's, "Belgorod regional governor" Russia's."""
    from warlog.geo import gazetteer

    if not any(t.lower_ in _LOCAL_OFFICE_TITLES for t in tokens):
        return None
    for token in tokens:
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        if token.pos_ != "PROPN" or following is None or following.lower_ not in _LOCAL_TITLE_WORDS:
            continue
        candidates = [
            c for c in gazetteer().lookup(token.text) if c.country_code and c.kind != "country"
        ]
        if candidates:
            best = max(candidates, key=lambda c: c.population)
            return side_of(best.country_code or "") or best.country_code
    return None


def _remembered_side(
    name: str, titles: list[str], subject_tokens: list[Token], memory: SpeakerMemory
) -> str | None:
    family = family_key(name)
    if family in memory.sides_by_name and memory.sides_by_name[family] is not None:
        return memory.sides_by_name[family]
    words = " ".join([name, *titles]).lower()
    if memory.last is not None and any(
        words.startswith(possessive + " ") or f" {possessive} " in f" {words} "
        for possessive in lexicon()["own_possessives"]
    ):
        return memory.last.side
    for noun in lexicon()["generic_speakers"]:
        if noun in words.split() and noun in memory.last_side_by_noun:
            return memory.last_side_by_noun[noun]
    if memory.last is not None and any(
        t.lower_ in lexicon()["generic_speakers"] for t in subject_tokens
    ):
        return memory.last.side
    return None


def _channel(sentence: Span, cue: Token, opening: int = 0) -> str:
    """The medium a claim went through, read from its sentence after the article's
    dateline (whose agency, "KABUL (Reuters) -", is who reports, not who was told)."""
    words = [t for t in sentence if t.idx >= opening]
    text = f" {' '.join(t.text for t in words).lower()} "
    lemmas = {t.lemma_.lower() for t in words}
    if cue.lemma_.lower() == "tweet":
        return "twitter"
    if cue.lower_ == "according":
        # "according to Syrian state media": the speaker is the medium
        named = {t.lower_ for t in cue.nbor(1).subtree} if cue.i + 1 < len(cue.doc) else set()
        if named & {"media", "television", "tv", "radio", "newspaper", "agency"}:
            return "media"
    for entry in lexicon()["channels"]:
        for word in entry["words"]:
            if re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text) or (
                word == "@" and "@" in text
            ):
                if entry["channel"] == "media" and not (
                    lemmas & set(lexicon()["media_needs_verb"])
                ):
                    continue
                return str(entry["channel"])
    return "unknown"


_ADDRESSEE_VERBS = frozenset(
    {"tell", "inform", "assure", "warn", "remind", "brief", "notify", "advise", "convince"}
)


def _content_tokens(cue: Token, sentence: Span, subject: Token | None) -> list[Token]:
    if cue.dep_ == "relcl" and _denied_charge(cue):
        # "..., a charge Kabul denies": what is denied is the clause the charge names
        charge = cue.head
        clause = charge.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        denied = {t.i for t in charge.subtree}
        return [t for t in clause.subtree if t.i not in denied and not t.is_punct]
    complements = [
        c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "prep", "oprd")
    ]
    # verbs whose object is whom it is said to ("told Dawn that", "assured reporters that")
    said = cue.lemma_.lower() in _ADDRESSEE_VERBS and any(c.dep_ == "ccomp" for c in complements)
    tokens: list[Token] = []
    for child in complements:
        if child.dep_ == "prep" and child.lower_ not in ("of", "that"):
            continue
        if said and child.dep_ == "dobj":
            continue  # "told Dawn that ...": whom it was said to is no part of what was said
        tokens.extend(child.subtree)
    if not tokens and subject is not None and _closes_before(subject, cue):
        # "..., X said."  content before the subject
        tokens = [t for t in sentence if t.i < min(subject.left_edge.i, cue.i)]
    if not tokens:
        tokens = [t for t in sentence if t.i > cue.i]
    if subject is not None and subject.i < cue.i:
        # "..., the official, who asked not to be named, told Reuters" (the parse hangs the
        # speaker on the last place named): the speaker is no part of what is said
        spoken = {t.i for t in subject.subtree}
        kept = [t for t in tokens if t.i not in spoken]
        while kept and kept[-1].is_punct:
            kept.pop()
        tokens = kept or tokens
    return sorted(tokens, key=lambda t: t.i)


def _closes_before(subject: Token, cue: Token) -> bool:
    """Whether a speaker closes the sentence around its cue: "..., X said", "..., local
    residents and media reports said", "..., according to X"."""
    if subject.i > cue.i - 3:
        return True
    if subject.i >= cue.i:
        return False
    between = cue.doc[subject.i : cue.i]
    described = {t.i for t in subject.subtree}  # "X, who asked not to be named, said"
    return all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "CCONJ") for t in between) or (
        subject.dep_ == "appos" and all(t.i in described or t.is_punct for t in between)
    )


def _agent_side(
    token: Token, group_pronouns: bool = False, state_voice: bool = False
) -> tuple[str | None, bool]:
    """The side of who does ``token`` (an attack verb or noun), and whether it is "us"; for
    a state's voice, "the army" or "troops" of no named country are its own."""
    candidates: list[Token] = []
    for child in token.children:
        if child.dep_ in ("nsubj", "poss", "agent", "compound", "amod") or (
            child.dep_ == "prep" and child.lower_ == "by"
        ):
            candidates.append(child)
    verb = _governing_light_verb(token)
    if verb is not None:
        candidates.extend(c for c in verb.children if c.dep_ == "nsubj")
    if token.dep_ == "xcomp" or (token.dep_ == "advcl" and token.tag_ == "VBG"):
        candidates.extend(c for c in token.head.children if c.dep_ == "nsubj")
    for candidate in candidates:
        words = sorted(candidate.subtree, key=lambda t: t.i)
        phrase = str(token.doc[words[0].i : words[-1].i + 1].text).lower()
        if (
            candidate.lower_ in lexicon()["self_pronouns"]
            or (group_pronouns and candidate.lower_ in ("it", "they"))
            or any(phrase.startswith(p) for p in lexicon()["own_possessives"])
        ):
            return None, True  # "he ordered", "the country's troops", a spokesman's "it"
        side = side_of_words([t.text for t in words])
        if side is not None:
            return side, False
        if state_voice and candidate.lemma_.lower() in _STATE_DOERS:
            return None, True  # the defence minister's "the army had retaken the town"
    return None, False


_LIGHT_VERBS = frozenset(
    {"order", "carry", "launch", "begin", "start", "conduct", "mount", "stage", "wage"}
)


def _governing_light_verb(token: Token) -> Token | None:
    """The verb whose object an attack noun is, directly or through "of"/"out": "launched
    strikes", "carried out raids", "began an operation of airstrikes"."""
    current = token
    for _ in range(3):
        if current.dep_ == "pobj":
            current = current.head.head  # through the preposition
        elif current.dep_ in ("dobj", "prt"):
            current = current.head
        else:
            break
        if current.pos_ in ("VERB", "AUX"):
            return current if current.lemma_.lower() in _LIGHT_VERBS else None
    return None


_NEGATION_REACH = frozenset(
    {
        "attr",  # "the Mahdi Army was not the target"
        "acl",
        "relcl",
        "xcomp",
        "prep",
        "pobj",
        "dobj",
        "nsubjpass",
        "nsubj",
        "aux",
        "auxpass",
        "amod",
        "compound",
    }
)


_OCCURRENCE_VERBS = frozenset({"happen", "occur", "take", "exist", "come", "be"})


def _negates(negated: Token, attacks: list[Token]) -> bool:
    """Whether a negated word covers an attack term: the term itself, or one reached from it
    through its own phrase ("no reason ... to target", "no fire was opened"), not through
    another clause ("not happy if someone is killed")."""
    targets = {attack.i for attack in attacks}
    if negated.i not in targets and negated.lemma_.lower() in lexicon()["unknowing_verbs"]:
        return False  # "could not intercept the missile", "could not confirm the strike"
    frontier = [negated]
    for _ in range(4):
        next_frontier: list[Token] = []
        for token in frontier:
            if token.i in targets:
                return True
            next_frontier.extend(
                c
                for c in token.children
                if c.dep_ in _NEGATION_REACH
                and not (
                    # "the attacks will not resolve the problem": what the attacks do is
                    # negated, not that they happened ("the attack did not take place" is)
                    c.dep_ == "nsubj"
                    and token.pos_ == "VERB"
                    and token.lemma_.lower() not in _OCCURRENCE_VERBS
                    and token.lemma_.lower() not in lexicon()["attack_terms"]
                )
            )
        frontier = next_frontier
    head = negated.head
    return head.i in targets and negated.dep_ in ("nsubjpass", "nsubj", "det", "neg")


_TOLL_WORDS = frozenset(
    {"kill", "dead", "die", "death", "wound", "injure", "neutralize", "neutralise", "eliminate"}
)
_ENEMY_FIGHTERS = frozenset(
    {"insurgent", "militant", "rebel", "terrorist", "guerrilla", "fighter", "gunman", "jihadist"}
)


def _enemy_fighters(content: list[Token]) -> bool:
    """A toll of insurgents or rebels given by a state's side is a toll of its own operation.
    The fighters must be the toll's victims: "gunmen stormed a village, killing 20" names them
    as the doers, whose act the state reports."""
    return any(t.lemma_.lower() in _ENEMY_FIGHTERS and not _is_doer(t) for t in content)


# the people a state's toll of its own losses names: its forces, or civilians
_STATE_LOSS_WORDS = frozenset(
    {"soldier", "troop", "serviceman", "policeman", "guard", "civilian", "resident", "child"}
)


def _state_losses(content: list[Token], side: str) -> bool:
    """Whether a toll names a state's forces or civilians as its victims ("two soldiers were
    killed and 45 wounded"): told by the state, its losses, no toll of its own operation."""
    return any(
        t.lemma_.lower() in _STATE_LOSS_WORDS and not _is_doer(t) and not _other_sides(t, side)
        for t in content
    )


def _other_sides(token: Token, side: str) -> bool:
    """ "enemy soldiers", "Russian troops" told by Ukraine: a word qualified as another
    side's."""
    return any(
        c.dep_ in ("amod", "compound", "poss", "nmod")
        and (c.lemma_.lower() in _enemy_words() or side_of(c.text) not in (None, side))
        for c in token.children
    )


def _is_doer(token: Token) -> bool:
    """Whether a word names the doer of its clause: an active verb's subject ("gunmen
    stormed") or a passive's agent ("killed by militants"), or a word within one."""
    for word in (token, *token.ancestors):
        if word.dep_ in ("nsubj", "agent"):
            return True
        if word.dep_ in ("dobj", "nsubjpass", "pobj") and word.head.dep_ != "agent":
            return False
    return False


@cache
def _enemy_words() -> frozenset[str]:
    return frozenset(lexicon()["enemy_words"])


_STATE_DOERS = frozenset(
    {"government", "regime", "army", "military", "troop", "force", "police", "soldier"}
)


def _doer_slots(attack: Token) -> list[Token]:
    """The words that can name who did an attack: its own dependents, and for an attack
    noun that is the subject of a passive light verb ("the attack was carried out by
    terrorists"), that verb's."""
    slots = list(attack.children)
    if attack.dep_ == "nsubjpass" and attack.head.lemma_.lower() in _LIGHT_VERBS:
        slots.extend(attack.head.children)
    return slots


def _named_doer(attack: Token, speaker_name: str) -> bool:
    """Whether an attack's subject is a named organisation or group (an entity) other than
    the speaker: "the RSF shelled", "Wagner fighters attacked"."""
    spoken = speaker_name.lower()
    for child in _doer_slots(attack):
        if child.dep_ not in ("nsubj", "agent"):
            continue
        heads = [child] + [c for c in child.children if c.dep_ == "pobj"]
        for head in heads:
            words = [head, *(c for c in head.children if c.dep_ == "compound")]
            if any(w.ent_type_ in ("ORG", "NORP") and w.pos_ == "PROPN" for w in words) and not any(
                w.lower_ in spoken for w in words
            ):
                return True
    return False


def _armed_group_agent(attack: Token, doers: frozenset[str] | None = None) -> bool:
    """Whether an attack's doer is an armed group's fighters ("militants", "gunmen"), or one
    of ``doers``."""
    doers = _ENEMY_FIGHTERS if doers is None else doers
    for child in _doer_slots(attack):
        if child.dep_ in ("nsubj", "agent", "compound", "poss", "amod") or (
            child.dep_ == "prep" and child.lower_ == "by"
        ):
            heads = [child] + [c for c in child.children if c.dep_ == "pobj"]
            if any(h.lemma_.lower() in doers or h.lower_ in doers for h in heads):
                return True
    return False


@cache
def _accusation_words_by_first() -> dict[str, tuple[list[str], ...]]:
    """data/claims.json's accusation words (as word lists) filed by their first word."""
    filed: dict[str, list[list[str]]] = {}
    for word in lexicon()["accusation_words"]:
        parts = word.split()
        filed.setdefault(parts[0], []).append(parts)
    return {first: tuple(phrases) for first, phrases in filed.items()}


def _blames(content: list[Token]) -> bool:
    """Words that blame whoever did it ("Iran's doing", "state terrorism", "provocative")."""
    if not content:
        return False
    lowered = [t.lower_ for t in content]
    if any(
        t.lower_ == "behind"
        and t.head.lemma_ == "be"
        and not any(c.dep_ == "neg" for c in t.head.children)
        for t in content
    ):
        return True  # "the Taliban were behind it"
    by_first = _accusation_words_by_first()
    for start, first in enumerate(lowered):
        for parts in by_first.get(first, ()):
            if lowered[start : start + len(parts)] != parts:
                continue
            found = content[start]
            scope = {found.i, found.head.i, found.head.head.i}
            if not any(t.dep_ == "neg" and t.head.i in scope for t in content):
                return True  # not "is not an act of aggression"
    return False


def _other_side_acts(content: list[Token], speaker_side: str | None, group: bool) -> bool:
    """Whether an attack in the content has a named doer of a side other than the speaker's."""
    if speaker_side is None:
        return False
    attack_terms = set(lexicon()["attack_terms"])
    for token in content:
        if token.lemma_.lower() not in attack_terms:
            continue
        side, own = _agent_side(token, group_pronouns=group)
        if not own and side is not None and side != speaker_side:
            return True
    return False


_COUNTERFACTUAL_MODALS = frozenset({"could", "would", "might"})
_HAPPENING_VERBS = frozenset({"happen", "occur"})


def _counterfactual(content: list[Token]) -> bool:
    """Whether what is said is what could have happened but did not ("a massacre could have
    taken place had the area not been cleared"): no blame of what did. Not a guess about
    what did happen ("may have ordered the massacre", "might have taken part in it")."""
    conditional = any(
        (t.lower_ in ("if", "unless") and t.dep_ == "mark")
        or (
            t.lower_ == "had"
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.head.children)
        )  # "had the area not been cleared": a condition by inversion
        for t in content
    )
    for token in content:
        if token.lower_ not in _COUNTERFACTUAL_MODALS or token.i + 2 >= len(token.doc):
            continue
        if token.nbor(1).lower_ != "have" or token.nbor(2).tag_ != "VBN":
            continue
        verb = token.head
        happening = verb.lemma_.lower() in _HAPPENING_VERBS or (
            verb.lemma_.lower() == "take" and any(c.lower_ == "place" for c in verb.children)
        )
        if conditional or happening:
            return True
    return False


_TIME_MARKS = frozenset({"as", "when", "while", "after", "before", "until"})


def _own_territory_act(content: list[Token], group: bool, state_voice: bool = False) -> str | None:
    """``confirms`` for an act on ground or forces the speaker's own side did ("its troops
    are in full control of", "Chadian troops drove the rebels out"), ``denies`` when negated
    ("they have not fled"); None when no such act is the speaker's."""
    acts = set(lexicon()["territory_acts"])
    for token in content:
        if token.lemma_.lower() not in acts:
            continue
        _, own = _agent_side(token, group_pronouns=group, state_voice=state_voice)
        if not own and token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX"):
            verb = token.head.head  # "(its troops) are in control"
            _, own = _agent_side(verb, group_pronouns=group, state_voice=state_voice)
        if not own:
            continue
        verb = token if token.pos_ in ("VERB", "AUX") else token.head.head
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children
        ):
            continue  # "shooting residents as they fled": the time of another act, by others
        negated = any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "neg" for c in token.children
        )
        return "denies" if negated else "confirms"
    return None


def _governing_object(cue: Token) -> list[Token]:
    """The object of the verb a ", saying ..." participle hangs from: "gave his strong
    condemnation of the attack, saying ..." speaks through both."""
    if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "xcomp"):
        return []
    objects = [c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i]
    return [t for obj in objects for t in obj.subtree]


def _conjoined_stance(cue: Token, speaker_side: str | None) -> str | None:
    """The stance of a second verb the speaker shares ("tweeted a video ..., and called it
    the result of Armenia's massive missile attacks"), when it says more than ``asserts``."""
    for conj in cue.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB":
            continue
        if any(child.dep_ in _SUBJECT_DEPS for child in conj.children):
            continue  # a new subject: another statement
        if any(child.dep_ == "neg" for child in conj.children):
            continue  # "... but did not confirm it carried it out": no stance of its own
        stance = stance_of(conj, [t for t in conj.subtree if t.i != conj.i], speaker_side)
        if stance != "asserts":
            return stance
    return None


def stance_of(
    cue: Token,
    content: list[Token],
    speaker_side: str | None,
    confirmed_before: bool = False,
    speaks_for_group: bool = False,
    state_voice: bool = False,
    armed_voice: bool = False,
    speaker_name: str = "",
) -> str:
    """The stance of a claim: fixed by the cue, or read from its content. ``state_voice``: the
    speaker is a state's body or office, whose own forces the content may name; ``armed_voice``:
    an armed group or its spokesperson, whose own fighters the content may name."""
    if cue.lemma_.lower() == "speak" and _speaks_out(cue):
        return "accuses"  # "the interim president spoke out against the strike"
    if _demands_inquiry(cue):
        return "accuses"  # "Amnesty called for an investigation into the shooting"
    fixed = lexicon()["cues"].get(cue.lemma_.lower())
    if (
        fixed == "confirms"
        and cue.lemma_.lower() == "confirm"
        and any(c.dep_ == "ccomp" for c in cue.children)
        and any(t.lemma_.lower() in _TOLL_WORDS for t in content)
    ):
        # "reports confirm that 16 were killed" asserts a toll; "confirmed his death" and
        # "confirmed that its forces called in the air strikes" confirm
        fixed = None
    if fixed is not None:
        return str(fixed)
    if any(child.lower_ in lexicon()["confirm_objects"] for child in cue.subtree):
        return "confirms"
    if cue.lemma_.lower() == "claim" and any(
        c.dep_ == "nsubjpass" and c.lemma_.lower() in lexicon()["attack_terms"]
        for c in cue.children
    ):
        return "confirms"  # "the attack was claimed by the group"
    if cue.lemma_.lower() == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon()["attack_terms"] for c in cue.children
    ):
        return "confirms"  # "the group's spokesman claimed the attack": responsibility
    tolls = any(t.lemma_.lower() in _TOLL_WORDS for t in content)
    if tolls and _other_side_acts(content, speaker_side, speaks_for_group):
        return "accuses"  # "medics say Israeli strikes have killed 21": another side's act
    own_losses = (
        speaker_side is not None and not armed_voice and _state_losses(content, speaker_side)
    )
    if tolls and (
        (confirmed_before and not own_losses) or (speaker_side and _enemy_fighters(content))
    ):
        return "confirms"  # the toll a party gives for its own operation
    attack_terms = set(lexicon()["attack_terms"])
    if not any(t.lower_ in lexicon()["modal_words"] for t in content) and any(
        _agent_side(t, group_pronouns=speaks_for_group, state_voice=state_voice)[1]
        and t.tag_ in ("VBD", "VBN")  # done, not threatened or owned as a right
        for t in content
        if t.lemma_.lower() in attack_terms
    ):
        return "confirms"  # an admission, whatever it blames besides ("..., blaming human error")
    for token in content:
        stance = lexicon()["cues"].get(token.lemma_.lower())
        if stance is None or token.pos_ != "VERB":
            continue
        if any(child.dep_ == "neg" for child in token.children):
            continue  # "they could not confirm the attack" confirms nothing
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        participle = token.tag_ == "VBG" and token.dep_ in ("acl", "advcl", "xcomp")
        if participle or (subjects and subjects[0].pos_ == "PRON"):
            return str(stance)  # "posted a message blaming Iran", "said it condemned ..."
    lowered = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
    if speaker_side and lowered & set(lexicon()["own_act_terms"]):
        return "confirms"  # a party announcing the arrests it made
    act = _own_territory_act(content, speaks_for_group, state_voice)
    if act is not None and not any(t.lower_ in lexicon()["modal_words"] for t in content):
        return act  # "its troops are now in full control of Mafa", "they have not fled"
    said = " " + " ".join(t.lower_ for t in content) + " "
    if any(f" {phrase} " in said for phrase in lexicon()["denial_phrases"]):
        return "denies"  # "was not aware of evidence", "baseless"
    if any(f" {word} " in said for word in lexicon()["admission_words"]):
        return "confirms"  # "deeply regrets this disastrous mistake"
    attack_terms = set(lexicon()["attack_terms"])
    attacks = [t for t in content if t.lemma_.lower() in attack_terms]
    if not attacks:
        return "accuses" if _blames(content) and not _counterfactual(content) else "asserts"
    negators = [t for t in content if t.dep_ == "neg" or (t.lower_ == "no" and t.dep_ == "det")]
    if any(_negates(negator.head, attacks) for negator in negators):
        return "denies"
    if any(t.lower_ in lexicon()["modal_words"] for t in content):
        return "asserts"
    for attack in attacks:
        side, own = _agent_side(attack, group_pronouns=speaks_for_group, state_voice=state_voice)
        if own:
            return "confirms"
        if side is not None:
            if speaker_side is not None and side == speaker_side:
                return "confirms"
            return "accuses"
        if (speaker_side is not None or not armed_voice) and _armed_group_agent(attack):
            return "accuses"  # "the militants attacked the village", by a state or a witness
        if _armed_group_agent(attack, _enemy_words()):
            return "accuses"  # "the enemy shelled the town", "enemy shelling killed three"
        if _named_doer(attack, speaker_name):
            return "accuses"  # "Sudan's army said the RSF shelled a hospital": another party
        if not state_voice and not armed_voice and _armed_group_agent(attack, _STATE_DOERS):
            return "accuses"  # "activists reported government airstrikes": a voice of no party
    mentioned = {side_of(t.text) for t in content} - {None}
    if speaker_side is not None and mentioned - {speaker_side}:
        return "accuses"
    return "accuses" if _blames(content) else "asserts"  # "the absolute brutality of those who"


# words of a voice of an armed group by its kind ("a militant spokesman", "rebel spokesman
# Rasiah Ilanthiraiyan"): no state's, whatever country the story is in
_ARMED_WORDS_RE = re.compile(
    r"\b(?:" + "|".join(sorted(NON_STATE_DOERS | {"militia", "militias"})) + r")\b"
)


# what a call for which holds someone to account ("called for an investigation into the
# shooting", "demanded an independent inquiry")
_INQUIRY_NOUNS = frozenset({"investigation", "inquiry", "probe", "accountability"})


def _demands_inquiry(cue: Token) -> bool:
    """A call or demand for an investigation of an act: it holds someone to account."""
    if cue.lemma_.lower() not in ("call", "demand", "urge"):
        return False
    return any(t.lemma_.lower() in _INQUIRY_NOUNS for t in cue.subtree if t.i > cue.i)


def _armed_group_voice(titles: tuple[str, ...]) -> bool:
    """A spokesperson of an armed group (data/actors.json): the toll such a voice gives of an
    attack is its group's own ("Taliban spokesperson Zabiullah Mujahid claimed 190 were
    dead")."""
    return any(
        "spokes" in title.lower() and group_alias_pattern().search(title.lower())
        for title in titles
    )


_STATE_FORCES = frozenset(
    {"soldier", "troop", "policeman", "officer", "serviceman", "guard", "army", "police"}
)


def _names_armed_group(name: str) -> bool:
    """Whether a speaker is an armed group of data/actors.json by name or alias."""
    return name.lower() in sideless_group_names()


def _armed_speaker(name: str) -> bool:
    """An armed group by name, by its kind ("the militants", "rebels") or as "the group" a
    conflict report resumes it by."""
    lowered = name.lower().removeprefix("the ")
    return (
        _names_armed_group(name)
        or lowered == "group"
        or _ARMED_WORDS_RE.fullmatch(lowered) is not None
    )


def _state_forces_named(content: list[Token]) -> bool:
    """A toll of state forces ("at least 30 soldiers were killed"): from an armed group, the
    toll of its own attack."""
    return any(t.lemma_.lower() in _STATE_FORCES for t in content)


def _confirmed_before(name: str, titles: tuple[str, ...], claims: list[Claim]) -> bool:
    """Whether this speaker, or the group in its titles ("Taliban spokesperson"), has already
    confirmed an act in this article."""
    from warlog.geo import gazetteer

    words = {
        w.lower()
        for w in " ".join([name, *titles]).split()
        if w[:1].isupper()
        and side_of(w) is None  # a group's name, not a nationality
        and w.lower() not in set(lexicon()["speaker_roles"]) | set(lexicon()["state_roles"])
        # nor a place: "Qoryooley resident" and "officer at the base in Qoryooley" are two
        and not gazetteer().lookup(w.strip(",.()"))
    }
    for claim in claims:
        if claim.stance != "confirms":
            continue
        theirs = {w.lower() for w in " ".join([claim.speaker, *claim.titles]).split()}
        if claim.speaker == name or words & theirs:
            return True
    return False


# nouns of a speech act, and the cue verb whose stance each has ("condemnation came from")
_SPEECH_NOUNS = {
    "statement": None,
    "message": None,
    "reaction": None,
    "response": None,
    "condemnation": "condemn",
    "criticism": "criticize",
    "denunciation": "denounce",
    "denial": "deny",
    "rejection": "reject",
    "accusation": "accuse",
    "confirmation": "confirm",
}


def _speech_noun(come: Token) -> Token | None:
    """The speech noun that "came from" someone ("Condemnation came from ...", "Statements
    of condemnation came from ..."): the subject, or the noun its "of" names."""
    for subject in (c for c in come.children if c.dep_ == "nsubj"):
        of = [
            pobj
            for prep in subject.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _SPEECH_NOUNS
        ]
        if of:
            return of[0]
        if subject.lemma_.lower() in _SPEECH_NOUNS:
            return subject
    return None


def _cues(sentence: Span) -> list[tuple[Token, Token | None]]:
    """(cue, subject) pairs: reporting verbs with their subject, and "according to X"."""
    found: list[tuple[Token, Token | None]] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.lower_ == "according" and token.i + 2 <= sentence.end:
            to = token.nbor(1)
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects:
                found.append((token, objects[0]))
            continue
        if lemma == "come" and _speech_noun(token) is not None:
            # "Statements of condemnation came from the Arab League chief and the UN"
            sources = [
                pobj
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "from"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            for source in sources:
                found.append((token, source))
                found.extend((token, c) for c in source.conjuncts if c.i > source.i)
            continue
        if token.pos_ not in ("VERB", "AUX") or lemma not in lexicon()["cues"]:
            continue
        if lemma == "quote":
            quoted = _quoted_as_saying(token)
            if quoted is not None:
                found.append(quoted)  # "Reuters quoted X as saying", "X was quoted as saying"
            continue
        if lemma == "put" and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in _FIGURE_NOUNS for c in token.children
        ):
            continue  # only "put the death toll at 15"
        if lemma == "claim" and any(
            c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC") for c in token.children
        ):
            continue  # "India and Pakistan both claim Kashmir": territory, not words
        if lemma in _NAMING_VERBS and any(
            c.lower_ in ("what", "which") and c.dep_ in ("dobj", "nsubj", "oprd")
            for c in token.children
        ):
            continue  # "a spokesman for what Kiev calls its operation": a name, not a claim
        if (
            lemma == "speak"
            and not _speaks_out(token)
            and not any(t.text in _QUOTE_MARKS for t in token.doc[token.i + 1 : sentence.end])
        ):
            continue  # only "spoke on Fox News, \"This is ...\"", "spoke out against"
        if lemma in _NEEDS_CLAUSE and not _reports_something(token, sentence):
            continue  # "responded with heavy fire", "reported extensively on the war"
        if lemma in _clause_only_cues() and not _reports_a_clause(token, sentence):
            continue  # "observed the ceasefire", "recalled its ambassador"
        if (
            token.dep_ in ("relcl", "amod")
            and token.tag_ != "VBG"
            and not (token.dep_ == "relcl" and (_own_speaker(token) or _denied_charge(token)))
        ):
            continue  # "the reports that said": unless "a house where medics say ..."
        if token.dep_ == "acl" and token.tag_ not in ("VBG",):
            continue
        if any(
            child.dep_ == "neg" or child.lower_ in ("neither", "nor") for child in token.children
        ):
            continue  # "has not claimed responsibility", "neither confirmed nor denied"
        if token.i > 0 and token.nbor(-1).lower_ in ("neither", "nor"):
            continue
        if (
            token.dep_ == "conj"
            and any(child.dep_ == "neg" for child in token.head.children)
            and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children)
        ):
            continue  # "has not confirmed or denied the reports": the negation holds both
        if (
            lemma == "report"
            and any(c.dep_ == "prep" and c.lower_ in ("on", "about") for c in token.children)
            and not any(c.dep_ in ("ccomp", "dobj", "parataxis") for c in token.children)
        ):
            continue  # "reported extensively on the war": a reporter's work, no claim
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            by_whom = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if by_whom is not None:
                found.append((token, by_whom))
                continue
        subject = _nearest_subject(token)
        if subject is not None and subject.lemma_.lower() in lexicon()["attack_terms"]:
            # "An air strike ... killed 50 people, local residents and media reports said":
            # an attack says nothing; the parse read the closing speakers as its victims
            closing = _closing_speakers(token, sentence)
            if closing:
                found.extend((token, speaker) for speaker in closing)
                continue
        governor = token
        for _ in range(2):  # "tweeted a video ... and called it ..."
            if subject is not None or governor.dep_ != "conj":
                break
            governor = governor.head
            subject = next((c for c in governor.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None and token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "xcomp"):
            # "..., saying ...", "issued a statement saying ...": the subject of the verb the
            # participle hangs from (through the noun it modifies)
            governor = token.head
            if token.dep_ == "acl" and governor.dep_ == "pobj" and governor.head.lower_ == "with":
                continue  # "with reports suggesting ...": the reports say it, no party
            if token.dep_ == "acl" and governor.dep_ in ("dobj", "pobj"):
                governor = governor.head.head if governor.dep_ == "pobj" else governor.head
            if (
                token.dep_ == "advcl"
                and governor.dep_ == "ccomp"
                and governor.head.lemma_.lower() in lexicon()["cues"]
            ):
                # "The army said that the RSF had shelled the market, calling it a war
                # crime", "Peskov denied that ..., telling reporters ...": the parse hangs
                # the participle on the reported verb; the one who calls it so, who tells
                # it, is who said it
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX"):
                subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "xcomp" and token.head.lemma_.lower() in _RAISING:
            # "He is reported to have said that ...": the subject of the passive verb
            subject = next((c for c in token.head.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                found.append((token, subject))
            continue
        if subject is None:
            found.extend((token, speaker) for speaker in _closing_speakers(token, sentence))
            continue
        if subject.dep_ == "nsubjpass":
            continue
        found.append((token, subject))
        # "Witnesses and police said ...": each conjoined subject is a speaker of its own
        found.extend(
            (token, conj)
            for conj in subject.conjuncts
            if conj.i > subject.i and conj.pos_ in ("NOUN", "PROPN")
        )
    return found


_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})


# nouns of what a party says of another: "a charge Kabul denies", "an accusation Moscow rejects"
_CHARGE_NOUNS = frozenset({"charge", "accusation", "allegation", "claim", "assertion"})


def _denied_charge(cue: Token) -> bool:
    """Whether a relative clause denies the charge it describes, with a speaker of its own
    ("..., a charge the Taliban government in Kabul denies")."""
    return (
        cue.head.lemma_.lower() in _CHARGE_NOUNS
        and lexicon()["cues"].get(cue.lemma_.lower()) == "denies"
        and any(
            c.dep_ == "nsubj" and c.lower_ not in _RELATIVES and c.pos_ in ("NOUN", "PROPN")
            for c in cue.children
        )
    )


def _own_speaker(cue: Token) -> bool:
    """Whether a relative clause's cue has a speaker of its own, not the relative pronoun
    ("a house where the medics say 11 civilians were killed")."""
    return any(
        c.dep_ == "nsubj" and c.lower_ not in _RELATIVES and c.pos_ in ("NOUN", "PROPN")
        for c in cue.children
    ) and any(c.dep_ in ("ccomp", "parataxis") for c in cue.children)


def _closing_speakers(cue: Token, sentence: Span) -> list[Token]:
    """The speakers of a closing attribution the parse left without a subject ("..., killing
    40 people, including children attending a ceremony, residents and a local resistance
    group said."): the heads of the noun phrases between the last comma and the cue."""
    own = {
        t.i
        for child in cue.children
        if child.i > cue.i and child.dep_ in _CUE_ADJUNCTS
        for t in child.subtree
    }  # "told Reuters by telephone", "said in a statement"
    after = [
        t
        for t in sentence
        if t.i > cue.i and not t.is_punct and t.ent_type_ not in ("DATE", "TIME") and t.i not in own
    ]
    if after or cue.i == sentence.start:
        return []  # but "..., residents said Wednesday." closes the sentence
    comma = next((t for t in reversed(sentence[: cue.i - sentence.start]) if t.text == ","), None)
    if comma is None:
        return []
    span = [t for t in sentence if comma.i < t.i < cue.i]
    if not span:
        # "..., the official, who asked not to be named, told Reuters": the noun the
        # relative clause before the cue tells of
        head = _relative_clause_noun(sentence.doc[comma.i - 1], sentence)
        return [head] if head is not None else []
    inside = {t.i for t in span}
    return [
        t
        for t in span
        if t.pos_ in ("NOUN", "PROPN")
        and (t.head.i not in inside or t.dep_ == "conj")
        and t.dep_ not in ("compound", "amod", "poss")
    ][:3]


# what hangs on a closing cue without being a clause of its own
_CUE_ADJUNCTS = frozenset({"dobj", "dative", "prep", "npadvmod", "advmod", "agent"})


def _relative_clause_noun(token: Token, sentence: Span) -> Token | None:
    """The noun a relative clause ending at ``token`` describes ("the official, who asked
    not to be named"), if the clause is set off by a comma before it."""
    for ancestor in (token, *token.ancestors):
        if not sentence.start <= ancestor.i < sentence.end:
            return None
        if ancestor.dep_ == "relcl":
            noun = ancestor.head
            before = sentence.doc[noun.i + 1] if noun.i + 1 < ancestor.i else None
            if noun.pos_ in ("NOUN", "PROPN") and before is not None and before.text == ",":
                return noun
            return None
    return None


_FIGURE_NOUNS = frozenset({"toll", "figure", "number", "count", "tally"})
# verbs that name what a speaker's words are about ("..., calling it a war crime")
_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "brand"})
# passive verbs through which a speaker is reported to have said something
_RAISING = frozenset({"report", "believe", "understand", "say", "think", "know"})


# cues that speak only with something said: a clause, an object or a quote
_NEEDS_CLAUSE = frozenset({"respond", "reply", "declare", "explain"})


@cache
def _clause_only_cues() -> frozenset[str]:
    return frozenset(str(w) for w in lexicon()["clause_only_cues"])


def _reports_a_clause(cue: Token, sentence: Span) -> bool:
    """Whether a cue reports a clause or a quote, not an object: 'recalled that ...',
    '"...," he observed', '..., he cautioned', 'he observed: "..."'. A quote elsewhere in the
    sentence ('welcomed the "historic" ceasefire') is none of its own."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in cue.children):
        return True
    if cue.dep_ == "parataxis" or any(c.dep_ == "nsubj" and c.i > cue.i for c in cue.children):
        return True
    doc = cue.doc
    before = [t for t in doc[max(sentence.start, cue.i - 3) : cue.i] if not t.is_alpha]
    after = doc[cue.i + 1 : min(sentence.end, cue.i + 3)]
    return any(t.text in _QUOTE_MARKS for t in before) or (
        any(t.text == ":" for t in after) and any(t.text in _QUOTE_MARKS for t in after)
    )


def _reports_something(cue: Token, sentence: Span) -> bool:
    """Whether a cue has what it says: a reported clause, an object, or a quote after it."""
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in cue.children):
        return True
    if cue.dep_ in ("parataxis", "advcl") or any(
        c.dep_ == "nsubj" and c.i > cue.i for c in cue.children
    ):
        return True  # '"...," he wrote', "..., he reported"
    return any(t.text in _QUOTE_MARKS for t in cue.doc[cue.i + 1 : sentence.end])


def _quoted_as_saying(quote: Token) -> tuple[Token, Token] | None:
    """(the "saying" cue, the speaker) of "The newspaper quoted a senior officer as saying
    ..." (the object speaks, not the newspaper) and "The minister was quoted as saying ..."."""
    saying = next(
        (
            grandchild
            for child in quote.children
            if child.dep_ == "prep" and child.lower_ == "as"
            for grandchild in child.children
            if grandchild.lemma_.lower() in ("say", "tell", "state", "describe")
        ),
        None,
    )
    if saying is None:
        return None
    speaker = next((c for c in quote.children if c.dep_ == "dobj"), None) or next(
        (c for c in quote.children if c.dep_ == "nsubjpass"), None
    )
    return (saying, speaker) if speaker is not None else None


def _plural_name(subject: Token) -> bool:
    """ "the Houthis", "the Kurds": a proper noun in the plural, a group that says "they"."""
    return (
        subject.pos_ == "PROPN"
        and subject.lower_.endswith("s")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    )


def _speaks_out(cue: Token) -> bool:
    """ "spoke out against the strike": a condemnation."""
    return any(c.dep_ == "prt" and c.lower_ == "out" for c in cue.children) and any(
        c.dep_ == "prep" and c.lower_ == "against" for c in cue.children
    )


def _nearest_subject(cue: Token) -> Token | None:
    """The cue's subject; of two subjects before it (a parse of "The Inspector General of
    Police, Chandra Fernando told" or of "al-Maliki said"), the one next to the cue."""
    subjects = [c for c in cue.children if c.dep_ in _SUBJECT_DEPS]
    after = [c for c in subjects if c.i > cue.i]
    parenthetical = cue.dep_ == "parataxis" or (cue.i > 0 and cue.nbor(-1).text == ",")
    if parenthetical and after:
        # "The objective, said Rambukwella, was ...": the speaker follows the parenthetical
        # cue; the noun before it is the subject of the sentence the parser hung on the cue
        return after[0]
    before = [c for c in subjects if c.i < cue.i]
    if len(before) > 1:
        return before[-1]
    return subjects[0] if subjects else None


def _earlier_subjects(subject: Token) -> list[list[Token]]:
    """Other subjects of the same verb before this one: titles of a name the parser split
    off ("The Inspector General of Police, Chandra Fernando told")."""
    entity = _entity_of(subject)
    inside = range(entity.start, entity.end) if entity is not None else range(0)
    return [
        _strip(sorted(c.subtree, key=lambda t: t.i))
        for c in subject.head.children
        if c.dep_ in _SUBJECT_DEPS
        and c.i < subject.i
        and subject.dep_ in _SUBJECT_DEPS
        and c.i not in inside
        and not c.i < subject.head.i < subject.i  # "The objective, said Rambukwella, was"
    ]


_DOCUMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqu\u00e9", "release", "declaration"}
)


def _issuer(subject: Token) -> Token | None:
    """Who issued a document that speaks: "a statement from the ministry", "a statement
    issued by the government", "the ministry's statement"."""
    if subject.lemma_.lower() not in _DOCUMENT_NOUNS:
        return None
    for child in subject.children:
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
        if child.dep_ == "acl":  # "issued by", "released by", "posted on the group's website"
            for grandchild in child.children:
                if grandchild.dep_ == "agent":
                    pobj = next((c for c in grandchild.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                        return pobj
                if grandchild.dep_ == "prep" and grandchild.lower_ in ("on", "in", "to"):
                    pobj = next((c for c in grandchild.children if c.dep_ == "pobj"), None)
                    owner = next(
                        (
                            c
                            for c in (pobj.children if pobj is not None else ())
                            if c.dep_ == "poss"
                        ),
                        None,
                    )
                    if owner is not None and owner.pos_ in ("NOUN", "PROPN"):
                        return owner
    return None


def _merge_sentence(claims: list[Claim]) -> list[Claim]:
    """One claim per speaker per sentence and stance, a known channel: a plain assertion
    joins the speaker's other claim there; two acts of different stances stay two
    ("acknowledged their government had shot down the jet, blaming human error")."""
    merged: list[Claim] = []
    for claim in claims:
        same = [
            index
            for index, current in enumerate(merged)
            if current.speaker.lower() == claim.speaker.lower()
        ]
        if not same:
            merged.append(claim)
            continue
        alike = [i for i in same if merged[i].stance == claim.stance]
        asserting = [i for i in same if merged[i].stance == "asserts"]
        if alike or claim.stance == "asserts":
            index = (alike or same)[0]
            kept = merged[index]
        elif asserting:
            index = asserting[0]
            kept = claim
        else:
            merged.append(claim)
            continue
        current = merged[index]
        channel = current.channel if current.channel != "unknown" else claim.channel
        merged[index] = replace(kept, channel=channel)
    return merged


def _tweet_claims(doc: Doc, article: Article, memory: SpeakerMemory) -> dict[int, Claim]:
    """Tweets quoted in the text, keyed by the paragraph's start offset."""
    found: dict[int, Claim] = {}
    text: str = doc_text(doc)
    for match in _TWEET_RE.finditer(text):
        paragraph_start = text.rfind("\n", 0, match.start()) + 1
        if match.start() - paragraph_start < 20:
            continue
        found[paragraph_start] = Claim(
            speaker=match["name"],
            titles=(match["handle"],),
            side=None,
            stance="asserts",
            channel="twitter",
            cue="tweeted",
            evidence=Evidence(article.id, paragraph_start, match.end()),
            source=Evidence(article.id, match.start("name"), match.end("name")),
            cue_span=Evidence(article.id, match.start("handle"), match.end("handle")),
            content=Evidence(article.id, paragraph_start, match.start()),
        )
    return found


def home_side(doc: Doc) -> str | None:
    """The state the article is mostly about: the most named country or demonym."""
    counts: dict[str, int] = {}
    firsts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and ent.root.dep_ not in (
            "compound",
            "amod",
            "nmod",
            "poss",
        ):
            code = side_of(ent.text) or side_of(ent.text.removeprefix("the "))
            if code is not None:
                counts[code] = counts.get(code, 0) + 2
                firsts.setdefault(code, ent.start)
        elif ent.label_ == "NORP":
            code = side_of(ent.text)
            if code is not None:
                counts[code] = counts.get(code, 0) + 1
                firsts.setdefault(code, ent.start)
    for code, (towns, first) in _towns_countries(doc).items():
        counts[code] = counts.get(code, 0) + 2 * towns  # a town named counts as its country
        firsts[code] = min(firsts.get(code, first), first)
    # ties go to the state named first
    home = max(counts, key=lambda code: (counts[code], -firsts.get(code, 0))) if counts else None
    # the countries the text names (warlog.extract.places' context, which needs no entity
    # tag): where the recogniser found no state, the one named most; where it did, the one
    # named twice or more and more often than that state ("in northern Burkina Faso"
    # untagged beside a Geneva body's statement)
    context = context_countries(doc)
    ranked = context.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        leader, named = ranked[0]
        if home is None or (named >= HOME_CONTEXT_MIN and context[home] < named):
            return side_of(leader) or leader
    return home


HOME_CONTEXT_MIN = 2  # mentions of a country that outweigh the recogniser's count


_TOWN_POPULATION = 100_000  # a town this large is known by its name alone


def _towns_countries(doc: Doc) -> dict[str, tuple[int, int]]:
    """How many towns of each country a text names: a story set in Kandahar and Herat is
    Afghanistan's even where it names Pakistan (only towns a gazetteer knows by one large
    place; countries themselves are counted by the caller), with the token where the first
    is named."""
    from warlog.geo import gazetteer

    counts: dict[str, tuple[int, int]] = {}
    for ent in doc.ents:
        if ent.label_ != "GPE":
            continue
        if (
            ent.end + 1 < len(doc)
            and doc[ent.end].text == "-"
            and doc[ent.end + 1].lower_ == "based"
        ):
            continue  # "a Geneva-based rights group": where a body sits, not the story's place
        candidates = [c for c in gazetteer().lookup(ent.text) if c.country_code]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: c.population)
        if best.kind == "country":
            continue
        if best.kind == "city" and best.population < _TOWN_POPULATION:
            continue  # a province will do ("officials in Helmand"), a small town may be abroad
        code = side_of(best.country_code or "") or best.country_code or ""
        towns, first = counts.get(code, (0, ent.start))
        counts[code] = (towns + 1, first)
    return counts


def _mention_sides(doc: Doc, memory: SpeakerMemory) -> None:
    """Names the article ties to a state anywhere: "Ecuadorian president Rafael Correa"."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        window = list(doc[max(ent.sent.start, ent.start - 5) : ent.start])
        for at in range(len(window) - 1, -1, -1):
            if window[at].pos_ in ("VERB", "AUX") or window[at].text in (";", ":"):
                window = window[at + 1 :]  # "Israel says Sheikh X": not a title of X
                break
        words = [t for t in window if not t.is_punct]
        if ent.end < ent.sent.end and doc[ent.end].text == ",":
            # "Fuad Siniora, the Lebanese prime minister, ..."
            after = []
            for token in doc[ent.end + 1 : min(ent.sent.end, ent.end + 7)]:
                if token.text in (",", ".", ";") or token.pos_ in ("VERB", "AUX"):
                    break
                after.append(token)
            words = words + after
        side = _side_of_tokens(words)
        family = family_key(ent.text)
        memory.full_names.setdefault(family, ent.text)
        memory.remember_titles(" ".join(t.text for t in words), ent.text)
        if _state_office(" ".join(t.text for t in words)):
            memory.state_officials.add(family)  # "Prime Minister Nouri al-Maliki"
        if side is not None:
            memory.sides_by_name.setdefault(family, side)


def _is_headline(sentence: Span, text: str) -> bool:
    first_break = text.find("\n")
    return (
        sentence.start_char == 0
        and first_break != -1
        and sentence.start_char + len(sentence.text.rstrip()) <= first_break
        and not text[:first_break].rstrip().endswith((".", '"', "”"))
    )


_OPENING_QUOTES = ("\u201c", "``")
_QUOTE_MARKS = ('"', "\u201c", "\u201d", "``", "''")


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indexes of each quotation, marks included. The quote state runs
    over a whole paragraph, not a sentence: a quote opened two sentences back closes at
    ``...," said X``, and the cue after the closing mark is outside. A paragraph break ends
    any open quote (a quote that runs on reopens its mark on the next paragraph)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in doc:
        if token.text in _QUOTE_MARKS:
            opening = opened is None if token.text == '"' else token.text in _OPENING_QUOTES
            if opening:
                opened = token.i
            elif opened is not None:
                spans.append((opened, token.i))
                opened = None
        if "\n" in token.text or "\n" in token.whitespace_:
            if opened is not None and token.i > opened:
                spans.append((opened, token.i))
            opened = None
    if opened is not None:
        spans.append((opened, len(doc) - 1))
    return spans


def _inside(spans: list[tuple[int, int]]) -> set[int]:
    return {i for first, last in spans for i in range(first + 1, last)}


def _evidence(
    article_id: str, sentence: Span, spans: list[tuple[int, int]], cue: Token
) -> Evidence:
    """The cue's sentence, reaching back to where a quote that closes before the cue opened
    (``"... . ...," said X`` is one attribution)."""
    evidence = sentence_evidence(article_id, sentence)
    for first, last in spans:
        if first < sentence.start <= last < cue.i:
            start = int(sentence.doc[first].idx)
            return Evidence(article_id, start, evidence.end)
    return evidence


@register_extractor("claims")
def extract_claims(doc: Doc, article: Article) -> list[Claim]:
    """The claims of a conflict report (none for an article about anything else)."""
    if not is_conflict_text(doc):
        return []
    return attributions(doc, article)


def attributions(doc: Doc, article: Article) -> list[Claim]:
    """Every attribution (reported speech) in any text, conflict or not; what
    ``warlog eval-attribution`` scores against attribution corpora."""
    memory = SpeakerMemory(home_side=home_side(doc))
    _mention_sides(doc, memory)
    tweets = _tweet_claims(doc, article, memory)
    claims: list[Claim] = []
    text: str = doc_text(doc)
    spans = quote_spans(doc)
    quoted = _inside(spans)
    from warlog.ingest.dateline import parse_dateline

    dateline = parse_dateline(text)
    opening = dateline.end if dateline is not None else 0
    for sentence in doc.sents:
        paragraph_start = text.rfind("\n", 0, sentence.start_char) + 1
        tweet = tweets.pop(paragraph_start, None)
        if tweet is not None:
            claims.append(_finish_tweet(doc, tweet, memory))
            memory.remember(claims[-1])
            continue
        last = claims[-1] if claims else None
        if (
            last is not None
            and last.cue == "tweeted"
            and (last.evidence.start <= sentence.start_char < last.evidence.end)
        ):
            continue  # a sentence of a quoted tweet already claimed
        if _is_headline(sentence, text):
            continue
        here: list[Claim] = []
        for cue, subject in _cues(sentence):
            if subject is None or cue.i in quoted or _nobody(subject):
                continue
            issuer = _issuer(subject)
            channel = _channel(sentence, cue, opening)
            if cue.head.lower_ == "as" and cue.head.head.lemma_.lower() == "quote":
                channel = "media"  # whoever quotes a speaker "as saying" is a medium
            if issuer is not None:
                subject, channel = issuer, "statement"
            own, appositions = _subject_parts(subject)
            appositions = _earlier_subjects(subject) + appositions
            if opening:  # "PESHAWAR, Pakistan — Police said": the dateline is no speaker
                own = [t for t in own if t.idx >= opening]
                appositions = [
                    kept for a in appositions if (kept := [t for t in a if t.idx >= opening])
                ]
                if not own and not appositions:
                    continue
                if not own:
                    own, appositions = appositions[0], appositions[1:]
            statement = memory.last_statement
            if (
                issuer is None
                and statement is not None
                and subject.lemma_.lower() in _DOCUMENT_NOUNS
                and _definite(own or [subject])
            ):
                # "the statement continued": the document named before, and its issuer
                resolved: tuple[str, tuple[str, ...], str | None] | None = (
                    statement.speaker,
                    statement.titles,
                    statement.side,
                )
                channel = "statement"
            elif here and _within_content(cue, here[-1]) and _owned_by_speaker(own):
                # "the ministry said its forces had struck military targets and denied
                # hitting homes": the parse gives the denial to "its forces"; the speaker
                # whose words these are denies
                resolved = (here[-1].speaker, here[-1].titles, here[-1].side)
            elif here and len(own) == 1 and own[0].lower_ in ("they", "he", "she"):
                # "X says they condemn ...": the pronoun is the speaker named just before
                resolved = (
                    here[-1].speaker,
                    here[-1].titles,
                    here[-1].side,
                )
            else:
                resolved = resolve_speaker(own, appositions, memory)
            if resolved is None:
                continue
            name, titles, side = resolved
            body = _body_name(subject)
            if body is not None and name.lower() in body.lower():
                name = body  # "the Office for the Coordination of Humanitarian Affairs (OCHA)"
                titles = tuple(title for title in titles if title not in body)
            content = _content_tokens(cue, sentence, subject)
            stance = stance_of(
                cue,
                content + _governing_object(cue),
                side,
                _confirmed_before(name, titles, claims)
                or _armed_group_voice(titles)
                or (_armed_speaker(name) and _state_forces_named(content)),
                speaks_for_group=any("spokes" in title.lower() for title in titles)
                or family_key(name) in lexicon()["collective_speakers"]
                or subject.tag_ in ("NNS", "NNPS")  # "commanders said they ..."
                or _plural_name(subject)  # "the Houthis said they ..."
                or _names_armed_group(name)
                or subject.ent_type_ in ("ORG", "NORP")  # "the SDF said it ..."
                or subject.lemma_.lower() in lexicon()["body_nouns"],  # "the air force"
                state_voice=family_key(name) in lexicon()["collective_speakers"]
                or _state_office(" ".join([name, *titles])),
                speaker_name=" ".join([name, *titles]),
                armed_voice=_armed_group_voice(titles)
                or _names_armed_group(name)
                or family_key(name) in _ENEMY_FIGHTERS
                or any(_names_armed_group(title) for title in titles),
            )
            if stance == "asserts":
                stance = _conjoined_stance(cue, side) or stance
            if cue.lemma_.lower() == "come":
                noun = _speech_noun(cue)
                verb = _SPEECH_NOUNS.get(noun.lemma_.lower()) if noun is not None else None
                stance = str(lexicon()["cues"].get(verb) or "asserts") if verb else stance
                if noun is not None and noun.lemma_.lower() == "statement":
                    channel = "statement"
            if channel == "unknown" and state_media_side(name) is not None:
                channel = "media"  # "KCNA said": a news agency speaks through itself
            claim = Claim(
                speaker=name,
                titles=titles,
                side=side,
                stance=stance,
                channel=channel,
                cue=cue.text if cue.lower_ != "according" else "according to",
                evidence=_evidence(article.id, sentence, spans, cue),
                source=Evidence(article.id, own[0].idx, own[-1].idx + len(own[-1].text))
                if own
                else None,
                cue_span=Evidence(article.id, cue.idx, cue.idx + len(cue.text)),
                content=Evidence(
                    article.id, content[0].idx, content[-1].idx + len(content[-1].text)
                )
                if content
                else None,
            )
            here.append(claim)
        for claim in _merge_sentence(here):
            claims.append(claim)
            memory.remember(claim)
        people = [ent for ent in sentence_ents(sentence) if ent.label_ == "PERSON" and len(ent) > 1]
        if people and not here:
            memory.last_person = (people[-1].start_char, people[-1].text)
    return claims


def _within_content(cue: Token, claim: Claim) -> bool:
    """Whether a cue lies inside the content of a claim told before it."""
    return claim.content is not None and claim.content.start <= cue.idx < claim.content.end


def _owned_by_speaker(own: list[Token]) -> bool:
    """Whether a subject is something of a speaker's own ("its forces", "their fighters"),
    not a speaker of its own."""
    return bool(own) and own[0].lower_ in ("its", "their", "our", "his", "her")


def _nobody(subject: Token) -> bool:
    """A subject that names no speaker: "No group claimed responsibility", "Nobody said"."""
    return subject.lower_ in ("nobody", "none", "noone") or any(
        child.dep_ == "det" and child.lower_ == "no" for child in subject.children
    )


def _finish_tweet(doc: Doc, tweet: Claim, memory: SpeakerMemory) -> Claim:
    """Resolve a quoted tweet's author against earlier mentions and read its stance."""
    family = family_key(tweet.speaker)
    side = memory.sides_by_name.get(family)
    content_span = tweet.content
    if content_span is None:
        return replace(tweet, side=side)
    span = doc.char_span(content_span.start, content_span.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    attack_terms = set(lexicon()["attack_terms"])
    stance = "asserts"
    if any(t.lemma_.lower() in attack_terms for t in tokens):
        mentioned = _agent_of_tweet(tokens)
        if mentioned is not None and side is not None and mentioned != side:
            stance = "accuses"
        elif mentioned is not None and mentioned == side:
            stance = "confirms"
    return replace(tweet, side=side, stance=stance)


def _agent_of_tweet(tokens: list[Token]) -> str | None:
    for token in tokens:
        if token.lower_ == "by" and token.i + 1 < len(token.doc):
            side = side_of_words([token.nbor(1).text])
            if side is not None:
                return side
    return side_of_words([t.text for t in tokens])
