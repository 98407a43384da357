"""Casualty reports: a number phrase tied to a casualty word (killed, wounded, dead, ...).

Who the victims are comes from the noun the number counts; whose side from a nationality
word on that noun ("Azerbaijani civilians") or "on their side" (settled later against the
claim the figure sits in); the scope from cues in the sentence and the paragraph.
``according_to`` is filled by resolve.attribution from the claims.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from warlog.extract.base import doc_text, register_extractor, sentence_evidence
from warlog.extract.conflict import is_conflict_text
from warlog.extract.numbers import NumberPhrase, find_numbers
from warlog.extract.sides import side_of_words
from warlog.model import Article, CasualtyReport

SPEAKER_SIDE = "@speaker"  # placeholder side: the side of whoever gives the figure
PLACE_SIDE = "@place"  # placeholder side: the country where they fell (resolve.events)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RIGHT_WINDOW = 12
_REPORTING = frozenset({"say", "tell", "report", "claim", "accuse", "deny", "announce", "add"})


@cache
def lexicon() -> dict[str, Any]:
    from warlog.resources import load_json

    data: dict[str, Any] = load_json("casualties.json")
    return data


@cache
def _kind_of_lemma() -> dict[str, str]:
    table: dict[str, str] = {}
    for kind, lemmas in lexicon()["kinds"].items():
        for lemma in lemmas:
            table[lemma] = kind
    return table


@cache
def _victim_of_word() -> dict[str, str]:
    table: dict[str, str] = {}
    for victims, words in lexicon()["victims"].items():
        for word in words:
            table[word] = victims
    return table


def _kind(token: Token) -> str | None:
    table = _kind_of_lemma()
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _victim_phrase(doc: Doc, phrase: NumberPhrase, sentence_end: int) -> list[Token]:
    """The words the number counts: "civilians", "security forces", "others", "of Taliban"."""
    tokens: list[Token] = []
    i = phrase.end
    while i < sentence_end and len(tokens) < 5:
        token = doc[i]
        if (
            token.pos_ in ("ADJ", "NOUN", "PROPN")
            or token.lower_ in ("other", "others", "more")
            or (token.tag_ == "VBN" and token.dep_ == "amod")  # "suspected militants"
        ):
            tokens.append(token)
            i += 1
            if (
                token.lemma_.lower() in _PART_NOUNS
                and i + 1 < sentence_end
                and doc[i].lower_ == "of"
            ):
                i += 1  # "seven members of the security forces": what they are members of
                while i < sentence_end and (doc[i].pos_ == "DET" or doc[i].like_num):
                    i += 1  # "members of one family"
                continue
            if (
                token.pos_ == "NOUN"
                and token.lower_ not in ("security",)
                and (i >= sentence_end or doc[i].pos_ != "NOUN")
            ):
                break
            continue
        if token.lower_ in ("their", "its", "our", "his", "her") and not tokens:
            i += 1  # "13 their soldiers"
            continue
        if token.lower_ == "of" and not tokens and i + 1 < sentence_end:
            i += 1
            if doc[i].pos_ == "DET":
                i += 1
            elif doc[i].lower_ in ("them", "those") and i + 1 < sentence_end:
                i += 1  # "ten of them children"
                if doc[i].lower_ in ("a", "an") and i + 1 < sentence_end:
                    i += 1  # "one of them a child"
            continue
        break
    return tokens


_PART_NOUNS = frozenset({"member", "members"})
_VICTIM_NOUNS = frozenset({"victim", "casualty"})
# verbs of a manner of killing that take "dead" before their object ("shot dead", "beat dead")
_KILLING_MANNERS = frozenset({"shoot", "shot", "stab", "beat", "gun", "hack", "club", "stone"})


def _counts_a_whole(doc: Doc, phrase: NumberPhrase, sentence: Span) -> bool:
    """A number after "members of" counts the whole the victims belong to ("five members
    of one family", "three members of two clans"), not victims."""
    at = phrase.start
    return (
        at - 2 >= sentence.start
        and doc[at - 1].lower_ == "of"
        and doc[at - 2].lemma_.lower() in _PART_NOUNS
    )


def _of_the_victims(doc: Doc, phrase: NumberPhrase, sentence: Span) -> list[Token] | None:
    """The words a part of the victims is said to be ("Three of the victims were children",
    "two of the dead were soldiers"), or None when the number is no such part."""
    after = doc[phrase.end : min(sentence.end, phrase.end + 3)]
    if len(after) < 3 or after[0].lower_ != "of" or after[1].lower_ not in ("the", "those"):
        return None
    noun = after[2]
    if noun.lemma_.lower() not in _VICTIM_NOUNS and _kind(noun) is None:
        return None
    copula = noun.head if noun.dep_ == "pobj" else None
    while copula is not None and copula.dep_ not in ("ROOT", "ccomp") and copula.head is not copula:
        copula = copula.head
    if copula is None or copula.lemma_.lower() != "be":
        return None
    said = [
        t
        for c in copula.children
        if c.dep_ == "attr"
        for t in c.subtree
        if t.pos_ in ("NOUN", "PROPN", "ADJ")
    ]
    return said or None


def _names_victims(words: list[Token]) -> bool:
    """Whether the counted words name who the victims are (not only "injured", "more")."""
    return any(_class_of(t) not in (None, "others") for t in words)


def _victims(words: list[Token], previous: str | None) -> str:
    """The victims' class from the counted words; nouns of two classes coordinated
    ("civilians and militants") are unspecified (eval/ANNOTATION.md)."""
    found = [_class_of(t) for t in words]
    # a conjunct counted by a number of its own ("five soldiers and three civilians") is
    # another figure's
    conjuncts = [c for t in words for c in _unnumbered_conjuncts(t, words)]
    classes = {_class_of(c) for c in conjuncts}
    if {"military", "civilians"} <= set(found) | classes:
        return "unspecified"
    for category in ("military", "civilians"):
        if category in found:
            return category
    if "others" in found and previous is not None:
        return previous
    return "unspecified"


def _class_of(token: Token) -> str | None:
    """The victims' class a word names (data/casualties.json "victims"), by lemma or form."""
    table = _victim_of_word()
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _names_a_class(words: list[Token]) -> bool:
    """Whether some counted word names civilians or the military ("people" names neither)."""
    return any(_class_of(t) in ("military", "civilians") for t in words)


# all of the counted: "most of them civilians", "mostly civilians" leave the toll mixed
_QUANTIFIERS = frozenset({"all", "both"})


def _appended_victims(doc: Doc, phrase: NumberPhrase, sentence: Span) -> list[Token]:
    """The victims a closing apposition names: "..., all of them civilians", "..., both
    soldiers"."""
    after = list(doc[phrase.end : sentence.end])
    for index, token in enumerate(after[:-1]):
        if token.text != "," or after[index + 1].lower_ not in _QUANTIFIERS:
            continue
        rest = after[index + 2 :]
        if len(rest) >= 2 and rest[0].lower_ == "of" and rest[1].lower_ == "them":
            rest = rest[2:]
        words = []
        for word in rest:
            if word.is_punct:
                break
            words.append(word)
        if words and _names_victims(words):
            return words
    return []


def _antecedent_victims(doc: Doc, phrase: NumberPhrase, sentence: Span) -> list[Token]:
    """Whom "them" stands for in "N of them": the last plural person noun before it, in its
    sentence or the one before ("Our forces repulsed the attackers. We killed 23 of them")."""
    if not any(t.lower_ == "them" for t in doc[phrase.end : min(phrase.end + 2, sentence.end)]):
        return []
    start = sentence.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start : phrase.start]):
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and _names_victims([token]):
            return [token]
    return []


def _numbered(noun: Token) -> bool:
    return any(d.dep_ == "nummod" or d.like_num or d.lower_ in ("a", "an") for d in noun.children)


def _unnumbered_conjuncts(noun: Token, words: list[Token]) -> list[Token]:
    """The nouns coordinated with a counted one that no number of their own counts, up to
    the next that has one ("17 soldiers and 16 volunteers, civilians who ...": the civilians
    are the volunteers', not the soldiers')."""
    found = []
    for conjunct in sorted(noun.conjuncts, key=lambda c: c.i):
        if conjunct in words:
            continue
        if _numbered(conjunct):
            if conjunct.i > noun.i:
                break
            continue
        if conjunct.pos_ == "NOUN":
            found.append(conjunct)
    return found


def _counts_people(victim_words: list[Token]) -> bool:
    """A number counts people when it counts nothing ("killed five") or a person word."""
    if not victim_words:
        return True
    table = _victim_of_word()
    return any(
        (t.lemma_.lower() in table or t.lower_ in table or _kind(t) is not None)
        for t in victim_words
        if t.pos_ != "ADJ" or t.lower_ in ("other", "more", "dead", "wounded", "injured")
    ) or all(t.pos_ in ("ADJ", "PROPN") for t in victim_words)


def _kind_for(
    doc: Doc,
    phrase: NumberPhrase,
    victim_words: list[Token],
    sentence: Span,
    sub_count_of: str | None = None,
    earlier_kind: str | None = None,
) -> str | None:
    """The casualty kind a number counts, or None when it counts no casualties.
    ``sub_count_of`` is the kind of the figure before it in the sentence, which a sub-count
    ("including 10 children") takes; ``earlier_kind`` that of the article's figure before it,
    which "among the victims were ..." counts part of."""
    # the number is the object of a casualty verb right before it: "killed an estimated 30,000"
    before = phrase.start - 1
    while before >= sentence.start and (
        doc[before].pos_ == "DET"
        or doc[before].lower_ in ("another", "only", "just")
        or doc[before].is_quote  # killed "more than 50 soldiers", as the group put it
    ):
        before -= 1
    if (
        before > sentence.start
        and doc[before].lower_ == "dead"
        and doc[before - 1].lemma_.lower() in _KILLING_MANNERS
    ):
        return "killed"  # "gunmen shot dead three policemen"
    if before >= sentence.start:
        verb = doc[before]
        if verb.lemma_.lower() in lexicon()["object_verbs"] or verb.lower_ in ("killing", "killed"):
            return (
                _kind(verb)
                or lexicon()["object_verb_kinds"].get(verb.lemma_.lower())
                or (_kind_after(doc, phrase.end, sentence.end))
            )
    # "the death of 11 people and wounding 44 others": the noun the number depends on
    if before >= sentence.start + 1 and doc[before].lower_ == "of":
        noun = doc[before - 1]
        if noun.lemma_.lower() in ("death", "body", "corpse", "life", "killing"):
            return "killed"
    partitive = doc[phrase.end : min(sentence.end, phrase.end + 3)]
    if (
        len(partitive) == 3
        and partitive[0].lower_ == "of"
        and partitive[1].lower_ in ("the", "those")
        and partitive[2].lemma_.lower() in _VICTIM_NOUNS
        and _of_the_victims(doc, phrase, sentence) is not None
    ):
        # "Killing 12 people. Three of the victims were children": a part of that toll
        return sub_count_of or earlier_kind
    if (
        sub_count_of is not None
        and phrase.start > sentence.start
        and doc[phrase.start - 1].lower_ in ("including", "among")
    ):
        # "killing 27 people, including nine children, and wounding 130": a part of the
        # figure before, whatever verb follows the list
        return sub_count_of
    predicate = _kind_after(doc, phrase.end, sentence.end) or _governing_kind(doc, phrase)
    if len(partitive) == 3 and partitive[0].lower_ == "of" and partitive[1].lower_ == "the":
        # "two of the wounded later died": what became of them, else what they were
        predicate = _kind_after(doc, phrase.end + 3, sentence.end) or predicate
    if predicate is not None and _own_predicate_is_other(doc, phrase, victim_words):
        predicate = None  # "20 people were arrested, and two officers were injured"
    # the counted noun itself says it: "35 bodies", "18 dead"; but a hostage's fate is what
    # the predicate says ("34 hostages were killed"), and a freed one is no casualty
    for word in victim_words:
        kind = _kind(word)
        if kind is not None and word.pos_ != "ADJ":
            if kind == "captured" and _released(doc, phrase.end, sentence.end):
                return None
            fate = _kind_after(doc, word.i + 1, sentence.end)
            if kind == "captured" and fate is not None:
                return fate
            return kind
    if predicate is not None:
        return predicate
    # a sub-count of a figure before it: "11 civilians, including 10 children"
    if sub_count_of is not None and _is_sub_count(doc, phrase, sentence):
        return sub_count_of
    # a counted noun coordinated with the figure before it: "killing three soldiers and two
    # civilians"
    if sub_count_of is not None and _counts_a_conjunct(doc, phrase, victim_words):
        return sub_count_of
    # "among the dead were three police officers"
    among = doc[max(sentence.start, phrase.start - 6) : phrase.start]
    for token in among:
        if token.lower_ == "among" and token.i + 2 < phrase.start:
            counted = doc[token.i + 2] if doc[token.i + 1].lower_ == "the" else None
            kind = _kind(counted) if counted is not None else None
            if kind is not None:
                return kind
            if counted is not None and counted.lemma_.lower() in _VICTIM_NOUNS:
                # "killing 10 people. Among the victims were three children"
                return sub_count_of or earlier_kind
    # "the dead included 14 children and nine women": what the dead include
    included = _included_by(doc, phrase)
    if included is not None:
        kind = _kind(included)
        if kind is not None:
            return kind
        if included.lemma_.lower() in _VICTIM_NOUNS:
            return sub_count_of or earlier_kind
    # "the death toll rose to 39", "death tolls ... exceeded 100", "the bodies of ... three"
    window = doc[max(sentence.start, phrase.start - 14) : phrase.start]
    if _puts_the_figure_at(doc, phrase, sentence) and not any(
        t.lower_ in lexicon()["toll_words"] for t in window
    ):
        # "over 1,000 deaths, with the Associated Press putting the figure at over 1,100":
        # another source's figure for the toll named before it; "put the number of injured
        # at 30": the kind it names
        return _counted_kind(doc[phrase.start - 1].head) or sub_count_of or earlier_kind
    if any(t.lower_ in lexicon()["toll_words"] for t in window):
        return "killed"
    for token in window:  # "the number of dead reached 40", "the count of injured"
        counted_kind = _kind(doc[token.i + 2]) if token.i + 2 < phrase.start else None
        of = doc[token.i + 1].lower_ == "of"
        if token.lemma_.lower() in ("number", "count", "tally") and of and counted_kind:
            return counted_kind
    near = doc[max(sentence.start, phrase.start - 6) : phrase.start]
    for token in near:
        if (
            token.lemma_.lower() in ("body", "death", "corpse", "life")
            and token.nbor(1).lower_ == "of"
        ):
            return "killed"
    return None


def _counted_kind(put: Token) -> str | None:
    """The kind a figure noun names ("the number of injured"), of "put ... at"."""
    for noun in put.children:
        if noun.dep_ != "dobj":
            continue
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for counted in prep.children:
                    kind = _kind(counted)
                    if kind is not None:
                        return kind
    return None


def _puts_the_figure_at(doc: Doc, phrase: NumberPhrase, sentence: Span) -> bool:
    """Whether the number is what a source "put the figure at" ("putting the number at")."""
    at = doc[phrase.start - 1] if phrase.start > sentence.start else None
    if at is None or at.lower_ != "at" or at.head.lemma_.lower() != "put":
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _FIGURE_NOUNS for c in at.head.children)


def _counts_a_conjunct(doc: Doc, phrase: NumberPhrase, victim_words: list[Token]) -> bool:
    """Whether the number's noun is a conjunct of a noun counted by a number of its own,
    right after it ("three soldiers and two civilians", "12 soldiers, four rebels")."""
    if not victim_words or phrase.start == 0 or doc[phrase.start - 1].lower_ not in ("and", ","):
        return False
    noun = victim_words[-1]
    if noun.dep_ != "conj" or noun.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        c.dep_ == "nummod" or c.like_num or c.lower_ in ("a", "an") for c in noun.head.children
    )


def _own_predicate_is_other(doc: Doc, phrase: NumberPhrase, victim_words: list[Token]) -> bool:
    """Whether the counted noun is the subject of a verb of its own whose clause holds no
    casualty word: the casualty word further right belongs to another clause ("Twenty
    people were arrested, and two police officers were injured")."""
    noun = victim_words[-1] if victim_words else doc[phrase.end - 1]
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    if verb.pos_ != "VERB" or _kind(verb) is not None or verb.lemma_.lower() in _REPORTING:
        return False
    other_clauses = {
        t.i
        for c in verb.children
        if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for t in c.subtree
    }
    return not any(_kind(t) is not None for t in verb.subtree if t.i not in other_clauses)


def _governing_kind(doc: Doc, phrase: NumberPhrase) -> str | None:
    """The casualty verb whose subject the counted noun is, however long the subject ("17
    soldiers and 16 Volunteers for the Defence of the Homeland (VDP), civilians who fight
    alongside the army, were killed"): past the words the window reads."""
    noun = _counted_noun(doc, phrase)
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ not in ("nsubjpass", "nsubj") or noun.head.pos_ != "VERB":
        return None
    return _kind(noun.head)


def _kind_after(doc: Doc, start: int, end: int) -> str | None:
    for token in doc[start : min(end, start + _RIGHT_WINDOW)]:
        raising = token.i + 1 < end and (
            token.nbor(1).lower_ == "to"  # "reported to have died"
            or _kind(token.nbor(1)) is not None  # "were reported killed"
            or (token.nbor(1).text == "," and token.dep_ == "parataxis")  # ", the army said,"
        )
        if (token.lemma_.lower() in _REPORTING and not raising) or token.text in (
            ";",
            ":",
        ):
            return None
        kind = _kind(token)
        if kind is not None:
            return kind
        after = token.nbor(1).lower_ if token.i + 1 < end else ""
        if token.lemma_.lower() == "lose" and after in ("to", "their", "his", "her"):
            return "killed"
    return None


def _counted_noun(doc: Doc, phrase: NumberPhrase) -> Token:
    """The noun a number phrase counts ("14 children": "children"), else its last word."""
    token = doc[phrase.end - 1]
    return token.head if token.dep_ in ("nummod", "quantmod") else token


def _included_by(doc: Doc, phrase: NumberPhrase) -> Token | None:
    """The subject of the "include" whose object the number counts ("the dead included 14
    children and nine women": "dead"), or None."""
    noun = _counted_noun(doc, phrase)
    while noun.dep_ == "conj":
        noun = noun.head
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() != "include":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


_SUB_COUNT_CUES = frozenset({"including", "among", "includes", "include"})
_RELEASE_LEMMAS = frozenset({"free", "release", "rescue", "safe", "liberate", "escape"})


def _is_sub_count(doc: Doc, phrase: NumberPhrase, sentence: Span) -> bool:
    """ "including 10 children", "among them two women", "five of them": a part of the
    figure before it."""
    before = doc[max(sentence.start, phrase.start - 3) : phrase.start]
    if any(t.lower_ in _SUB_COUNT_CUES for t in before):
        return True
    # a later item of the list a cue opens: "including four women and three children"
    i = phrase.start - 1
    if i >= sentence.start and doc[i].lower_ in ("and", ","):
        while i >= max(sentence.start, phrase.start - 12):
            token = doc[i]
            if token.lower_ in _SUB_COUNT_CUES:
                return True
            if not (token.like_num or token.pos_ in ("NOUN", "ADJ", "DET", "CCONJ", "PUNCT")):
                break
            if token.text in (".", ";", ":"):
                break
            i -= 1
    after = doc[phrase.end : min(sentence.end, phrase.end + 2)]
    return [t.lower_ for t in after] == ["of", "them"]


def _released(doc: Doc, start: int, end: int) -> bool:
    """ "four hostages were freed", "one hostage ... confirmed safe"."""
    return any(
        t.lemma_.lower() in _RELEASE_LEMMAS or t.lower_ in _RELEASE_LEMMAS
        for t in doc[start : min(end, start + _RIGHT_WINDOW)]
    )


_FIGURE_NOUNS = frozenset({"figure", "number", "toll", "count", "tally", "total"})
_SINGLE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})


def _among_the(verb: Token) -> str | None:
    """The kind of "be among the dead", "be among those killed" (None for another verb)."""
    if verb.lemma_.lower() != "be":
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for group in prep.children:
            if group.dep_ != "pobj":
                continue
            for word in (group, *group.children):
                if word is group or word.dep_ in ("acl", "amod", "relcl"):
                    kind = _kind(word)
                    if kind in ("killed", "injured", "captured", "missing"):
                        return kind
    return None


def _single_victims(doc: Doc, sentence: Span) -> list[NumberPhrase]:
    """ "A soldier was killed", "killed a civilian": one person of a victim class, the
    subject or object of a casualty verb, is a figure of 1 ("a" is FORMAT.md's exact cue)."""
    found = []
    table = _victim_of_word()
    for token in sentence:
        if (
            token.lower_ == "another"
            and token.dep_ in ("nsubj", "nsubjpass")
            and _kind(token.head) in ("killed", "injured")
            and token.head.dep_ == "conj"
        ):
            # "one person was killed and another wounded": one more of the same victims
            found.append(NumberPhrase(token.i, token.i, token.i + 1, 1, "exact", 1, 1))
            continue
        if token.lower_ not in ("a", "an") or token.dep_ != "det":
            continue
        noun = token.head
        if noun.i != token.i + 1 and not all(
            t.pos_ in ("ADJ", "PROPN", "NOUN") for t in doc[token.i + 1 : noun.i]
        ):
            continue
        role = noun
        while role.dep_ == "conj" and role.head.i < role.i:
            role = role.head  # "Two policemen and a civilian were killed"
        if noun.lemma_.lower() not in table or table[noun.lemma_.lower()] not in (
            "civilians",
            "military",
        ):
            continue
        if role.dep_ in ("nsubj", "attr") and noun is role and _among_the(role.head) is not None:
            # "a senior commander was among those killed", "a commander and his driver were
            # among the dead": one person, and each conjoined one
            people = 1 + sum(1 for c in noun.conjuncts if c.tag_ in ("NN", "NNP"))
            if people == 1 + len(noun.conjuncts):
                found.append(
                    NumberPhrase(token.i, token.i, token.i + 1, people, "exact", people, people)
                )
            continue
        if role.dep_ not in _SINGLE_ROLES:
            continue
        verb = role.head
        if role.dep_ == "nsubj" and any(c.dep_ in ("dobj", "conj") for c in verb.children):
            continue  # "a suicide bomber killed 11": the doer of an active verb, no victim
        if _kind(verb) in ("killed", "injured") and verb.pos_ == "VERB":
            found.append(NumberPhrase(token.i, token.i, token.i + 1, 1, "exact", 1, 1))
    return found


def _further_kinds(doc: Doc, phrase: NumberPhrase, kind: str) -> list[str]:
    """What else a second verb of the same subject did to the people a figure counts:
    "were abducted and later killed" (a conjoined verb with no subject or figure of its
    own, "were killed and 26 injured" being another figure's). Only after a capture or a
    disappearance: "were wounded and later died" are deaths, not also wounded people."""
    if kind not in ("captured", "missing"):
        return []
    noun = _counted_noun(doc, phrase)
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    verb = noun.head
    further = []
    for conjunct in verb.children:
        if conjunct.dep_ != "conj" or conjunct.pos_ != "VERB":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children):
            continue
        if any(t.like_num for t in doc[verb.i : conjunct.i + 1]):
            continue
        other = _kind(conjunct)
        if other in ("killed", "injured") and other != kind and other not in further:
            further.append(other)
    return further


def _is_age(doc: Doc, phrase: NumberPhrase, sentence: Span) -> bool:
    """ "children of 12, 13 and 14 years old", "aged 12", "a 58-year-old": an age."""
    if phrase.start > sentence.start and doc[phrase.start - 1].lower_ == "aged":
        return True
    after = [t.lower_ for t in doc[phrase.end : min(sentence.end, phrase.end + 8)]]
    for index, word in enumerate(after):
        if _kind_of_lemma().get(word) is not None:
            return False  # "12 killed, aged ..." is a figure
        if word == "old" and index > 0 and after[index - 1] in ("years", "year", "-"):
            return True
    return False


# a toll still counting: "have been killed", "has died", "have left ... dead"
_RUNNING_TOTAL_RE = re.compile(
    r"\b(?:have|has) (?:now )?(?:been )?(?:killed|died|wounded|injured|left)\b"
)


def _scope(sentence_text: str, published_year: int | None) -> str | None:
    lowered = sentence_text.lower()
    cues = lexicon()
    if any(cue in lowered for cue in cues["historical_cues"]):
        return "historical"
    if _RUNNING_TOTAL_RE.search(lowered) and any(cue in lowered for cue in cues["cumulative_cues"]):
        return "cumulative"  # "have been killed since the invasion in February 2022"
    if published_year is not None:
        years = [int(y) for y in _YEAR_RE.findall(sentence_text)]
        if years and max(years) <= published_year - 2:
            return "historical"
    if re.search(r"\b(clashes|fighting|war|conflict)\b.*\b(have|has) (killed|left)\b", lowered):
        return "cumulative"
    if any(cue in lowered for cue in cues["incident_cues"]):
        return "incident"
    return None


def _side(doc: Doc, phrase: NumberPhrase, victim_words: list[Token], sentence: Span) -> str | None:
    side = side_of_words([t.text for t in victim_words])
    if side is not None:
        return side
    side = _side_of_their_place(victim_words)
    if side is not None:
        return side
    after = doc[phrase.end : min(sentence.end, phrase.end + 8)].text.lower()
    if any(cue in after for cue in lexicon()["speaker_side_cues"]):
        return SPEAKER_SIDE
    if _are_state_forces(victim_words):
        return PLACE_SIDE
    return None


def _side_of_their_place(victim_words: list[Token]) -> str | None:
    """The side a place named with the victims gives them: "two civilians in the northern
    Israeli town of Miron" are Israel's (a demonym of the place, not a country's name
    alone, which may be where foreigners were)."""
    for word in victim_words:
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            demonyms = [t.text for t in prep.subtree if t.ent_type_ == "NORP" and t.dep_ == "amod"]
            side = side_of_words(demonyms) if demonyms else None
            if side is not None:
                return side
    return None


@cache
def _state_force_words() -> tuple[frozenset[str], frozenset[str]]:
    table = lexicon()["state_forces"]
    return frozenset(table["nouns"]), frozenset(table["not_state"])


def _are_state_forces(victim_words: list[Token]) -> bool:
    """Soldiers, police or security forces with no nationality, foreign or non-state word
    beside them ("six soldiers", not "coalition troops" or "rebel forces")."""
    nouns, not_state = _state_force_words()
    words = {t.lower_ for t in victim_words} | {t.lemma_.lower() for t in victim_words}
    return (
        bool(words & nouns)
        and not words & not_state
        and not any(
            t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "ORG", "GPE") for t in victim_words
        )
    )


@register_extractor("casualties")
def extract_casualties(doc: Doc, article: Article) -> list[CasualtyReport]:
    if not is_conflict_text(doc):
        return []
    published_year = article.published.year if article.published else None
    reports: list[CasualtyReport] = []
    paragraph_scope: str | None = None
    paragraph_start = -1
    text: str = doc_text(doc)
    for sentence in doc.sents:
        start_of_paragraph = text.rfind("\n\n", 0, sentence.start_char + 1)
        if start_of_paragraph != paragraph_start:
            paragraph_start = start_of_paragraph
            paragraph_scope = None
        sentence_scope = _scope(sentence.text, published_year)
        previous: CasualtyReport | None = None  # the sentence's figure before this one
        whole: CasualtyReport | None = None  # the sentence's last figure that is no sub-count
        found_here = False
        for phrase in sorted(
            [*find_numbers(doc, sentence), *_single_victims(doc, sentence)], key=lambda p: p.start
        ):
            victim_words = _victim_phrase(doc, phrase, sentence.end)
            told = _of_the_victims(doc, phrase, sentence)
            if told is not None:
                # "Three of the victims were children": what the part of the toll were
                victim_words = told
            if phrase.best is not None and phrase.best >= 1900 and not victim_words:
                continue
            if _counts_a_whole(doc, phrase, sentence):
                continue  # "five members of one family": the five are the figure
            if not _counts_people(victim_words) or (_is_age(doc, phrase, sentence)):
                continue
            kind = _kind_for(
                doc,
                phrase,
                victim_words,
                sentence,
                previous.kind if previous else None,
                reports[-1].kind if reports else None,
            )
            if kind is None:
                continue
            side = _side(doc, phrase, victim_words, sentence)
            sub_count = previous is not None and _is_sub_count(doc, phrase, sentence)
            if (
                side in (None, PLACE_SIDE)
                and previous is not None
                and previous.side not in (None, PLACE_SIDE, SPEAKER_SIDE)
                and sub_count
            ):
                side = previous.side  # "154 Israelis, including 114 soldiers": Israel's
            if not _names_victims(victim_words) and previous is not None:
                # "five civilians were killed and 26 injured": the second figure counts the
                # same victims; after a sub-count ("killing 27 people, including nine
                # children, and wounding 130"), those of the whole
                same = whole if whole is not None and not sub_count else previous
                victims, side = same.victims, side or same.side
            else:
                victims = _victims(victim_words, previous.victims if previous else None)
            if victims == "unspecified" and not _names_a_class(victim_words):
                # "two people were killed and nine wounded, all of them civilians"; "killed 23
                # of them" after "repulsed the attackers": who they were, said elsewhere
                named = _appended_victims(doc, phrase, sentence) or _antecedent_victims(
                    doc, phrase, sentence
                )
                if named:
                    victims = _victims(named, None)
            scope = sentence_scope or paragraph_scope or "incident"
            found_here = True
            previous = CasualtyReport(
                kind=kind,
                best=phrase.best,
                low=phrase.low,
                high=phrase.high,
                qualifier=phrase.qualifier,
                victims=victims,
                side=side,
                scope=scope,
                according_to=None,
                according_to_side=None,
                evidence=sentence_evidence(article.id, sentence),
                number_text=doc[phrase.start : phrase.end].text,
            )
            reports.append(previous)
            if not sub_count:
                whole = previous
            for further in _further_kinds(doc, phrase, kind):
                # "four aid workers were abducted and later killed": four of each
                reports.append(replace(previous, kind=further))
        if found_here and sentence_scope == "cumulative":
            paragraph_scope = "cumulative"
    return reports
