"""Place mentions: GPE, LOC and FAC entities, gazetteer names the NER mislabels ("Ganja" as
PERSON), names the text itself calls places ("the village of Badar", "the Khurais oil field",
gazetteer or not), "X&Y" lists, and the dateline's place. A dotted abbreviation the gazetteer
does not know ("4:00 A.M.") is no place."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from warlog.extract.base import COMPASS_DIRECTIONS, doc_text, once_per_doc, register_extractor
from warlog.extract.sides import country_signal, side_of
from warlog.model import Article, Evidence, PlaceMention
from warlog.resources import load_json

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", ""})
_AMPERSAND_RE = re.compile(r"\b([A-Z][a-z]{2,})&([A-Z][a-z]{2,})\b")
_TITLE_WORDS = frozenset({"president", "minister", "mr", "mrs", "ms", "dr", "general", "spokesman"})
# "the village of Badar", "the town of Srifa": what comes after names a place
_SETTLEMENT_NOUNS = frozenset(
    {
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "hamlet",
        "district",
        "province",
        "governorate",
        "county",
        "neighbourhood",
        "neighborhood",
        "suburb",
    }
)
# "the Khurais oil field", "Bagram air base": a named facility stands for its place
_FACILITY_AFTER = (
    ("oil", "field"),
    ("oil", "fields"),
    ("gas", "field"),
    ("oilfield",),
    ("refinery",),
    ("airport",),
    ("air", "base"),
    ("airbase",),
    ("power", "plant"),
    ("power", "station"),
    ("dam",),
    ("refugee", "camp"),
    ("border", "crossing"),
    # "Wad al-Noura village", "Thayet Kone village in Myaung township"
    ("village",),
    ("township",),
    ("hamlet",),
    # "in Kidal region", "Kunar province": a name the text calls an area is one
    ("region",),
    ("province",),
    ("district",),
    ("governorate",),
    ("prefecture",),
    ("county",),
)
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.){2,3}")
# "in Kidal", "at Sangin", "near Ganja": a name in such a place is one, whoever shares it
_LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "into", "inside", "outside", "across", "throughout", "around"}
)
# "the outskirts of Damascus", "residential areas of Kharkiv": the parts of a place, and
# the directions from one
_PART_NOUNS = (
    frozenset(
        {
            "outskirts",
            "suburbs",
            "suburb",
            "area",
            "areas",
            "part",
            "parts",
            "centre",
            "center",
            "district",
            "districts",
            "neighbourhoods",
            "neighborhoods",
            "streets",
            "edge",
            "heart",
        }
    )
    | COMPASS_DIRECTIONS
)  # "east of El Fasher", "30 km north of Kabul": a direction from it
# "Santos said", "Collins rebuts", "Holloway says": a name that speaks is a person's
_SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "claim",
        "add",
        "confirm",
        "deny",
        "state",
        "announce",
        "continue",
        "rebut",
        "rebute",
        "insist",
        "warn",
        "explain",
        "argue",
        "ask",
        "urge",
        "accuse",
        "call",
        "speak",
        "write",
        "tweet",
    }
)
# "the Bush administration", "the Maliki government": a person's name before these words
_LEADER_NOUNS = frozenset(
    {
        "administration",
        "government",
        "regime",
        "presidency",
        "cabinet",
        "era",
        "loyalists",
        "supporters",
    }
)
_NAME_PARTICLES = ("al-", "el-", "Al-", "El-")
_NAME_LINKS = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "der", "la"})


def context_countries(doc: Doc) -> Counter[str]:
    """Countries the article is about: the country names and demonyms it uses, each with
    how often (a token and the entity that starts at it are one signal). Computed once per
    Doc (the places extractor and the pipeline both ask); each caller gets its own copy."""
    return Counter(once_per_doc(doc, "warlog.context_countries", _context_countries))


def _context_countries(doc: Doc) -> Counter[str]:
    from warlog.geo import gazetteer

    signals: dict[int, str] = {}
    for token in doc:
        if token.text[:1].isupper():
            code = country_signal(token.text)
            if code is not None:
                signals[token.idx] = code
    for ent in doc.ents:
        code = country_signal(ent.text)
        if code is None and ent.label_ == "GPE":
            code = next(
                (
                    c.country_code
                    for c in gazetteer().lookup(ent.text)
                    if c.kind == "country" and c.country_code
                ),
                None,
            )
        if code is not None:
            signals[ent.start_char] = code
    return Counter(signals.values())


def _proper_noun_runs(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of capitalised proper-noun runs outside every entity: names the NER
    missed altogether ("1. Ganja: 4 missiles")."""
    runs: list[tuple[int, int]] = []
    current: list[Token] = []
    for token in [*doc, None]:
        if (
            token is not None
            and not token.ent_type_
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.is_alpha
        ):
            current.append(token)
            continue
        if current and len(current) <= 3 and _locative_context(doc, current[0].i, current[-1].i):
            runs.append((current[0].idx, current[-1].idx + len(current[-1].text)))
        current = []
    return runs


_LOCATIVE_BEFORE = frozenset({":", ",", "and", "of", "in", "at", "near", "to", "from", "on", "."})


def _locative_context(doc: Doc, first: int, last: int) -> bool:
    """A run reads as a place: after a preposition, a list comma, or labelling a list item."""
    at = first - 1
    while at > 0 and doc[at].lower_ in _AREA_ADJECTIVES:
        at -= 1  # "in central Peshawar", "in northern Kunar"
    before = doc[at].lower_ if at >= 0 else ""
    after = doc[last + 1].text if last + 1 < len(doc) else ""
    return before in _LOCATIVE_BEFORE or after == ":"


_AREA_ADJECTIVES = frozenset(
    {
        "central",
        "downtown",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "north",
        "south",
        "east",
        "west",
        "greater",
        "rural",
        "suburban",
        "outer",
    }
)


def _named_as_place(doc: Doc, first: int, last: int) -> bool:
    """Whether the text itself calls the tokens first..last a place: "the village of X",
    "the X oil field"."""
    if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in _SETTLEMENT_NOUNS:
        return True
    after = tuple(t.lower_ for t in doc[last + 1 : last + 3])
    return any(after[: len(words)] == words for words in _FACILITY_AFTER)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The first and last token of a character span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end - 1) if span is not None else (0, -1)


def _unknown_abbreviation(text: str) -> bool:
    """ "A.M." read as a place: a dotted abbreviation the gazetteer does not know ("U.S."
    it does)."""
    from warlog.geo import gazetteer

    return _DOTTED_RE.fullmatch(text) is not None and not gazetteer().lookup(text)


def _is_gazetteer_place(text: str, countries: set[str]) -> bool:
    """A name the NER did not call a place, accepted when the gazetteer has it in context."""
    from warlog.geo import gazetteer

    if len(text) < 3 or (text.isupper() and len(text) <= 4):
        return False  # "Li", "CMB", "BIG": initials and acronyms are rarely towns
    for candidate in gazetteer().lookup(text):
        if candidate.kind in ("country", "region"):
            return True
        if candidate.country_code in countries:
            return True
    return False


def _with_name_head(doc: Doc, ent: Span, start: int, end: int) -> int:
    """Where a place's name starts when the parse left its first word out: "the police
    station of Bab Ezzouar" tagged "Ezzouar" (Arabic and other names open with a word of
    their own, Bab, Ras, Tel, Deir, Khan, Beit): the capitalised word before it is taken in
    when the longer name is a place of the gazetteer and the shorter one names none."""
    if ent.start == 0 or ent.start_char != start:
        return start
    before = doc[ent.start - 1]
    if not before.is_title or not before.is_alpha or before.is_stop or before.ent_type_:
        return start
    from warlog.geo import gazetteer

    text = doc_text(doc)
    longer = text[before.idx : end]
    if gazetteer().lookup(longer) and not gazetteer().lookup(text[start:end]):
        return before.idx
    return start


def _with_first_word(doc: Doc, ent: Span, start: int, end: int) -> int:
    """Where a name the parse did not call a place starts: "Dera Ismail Khan" tagged a
    person "Ismail Khan" is the district's whole name where the gazetteer has it."""
    if ent.start == 0 or ent.start_char != start:
        return start
    before = doc[ent.start - 1]
    if not before.is_title or not before.is_alpha or before.is_stop or before.ent_type_:
        return start
    from warlog.geo import gazetteer

    return before.idx if gazetteer().lookup(doc_text(doc)[before.idx : end]) else start


def _rank_word(surface: str) -> bool:
    """A military or police rank, or its abbreviation ("Brig.", "Gen.", "Col.")."""
    return surface.lower().rstrip(".") in _RANK_WORDS


_RANK_WORDS = frozenset(
    {"brig", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "adm", "cmdr", "lt. gen"}
    | {"brigadier", "colonel", "lieutenant", "major", "captain", "sergeant", "admiral"}
)


_ATTACK_VERBS = frozenset(
    {"shell", "strike", "hit", "bomb", "attack", "target", "pound", "raid", "capture", "seize"}
)
NOTABLE_TOWN_POPULATION = 100_000


def _struck_or_located(ent: Span) -> bool:
    """An entity the sentence strikes ("shelled Ganja") or puts something in ("in Ganja")."""
    head = ent.root
    if not ent.text[:1].isupper() or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"):
        return False  # "the bush", "the Conception" (a boat)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _ATTACK_VERBS:
        return True
    return _part_of_place(head) or (
        head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "into")
    )


def _part_of_place(head: Token) -> bool:
    """ "the outskirts of Damascus", "residential areas of Kharkiv": a name whose part the
    sentence names is a place."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _PART_NOUNS


def _notable_town(text: str) -> bool:
    """A town of 100,000 people or more, wherever it is: a big enough name to trust when the
    parse calls it a person and the article names no country of its."""
    from warlog.geo import gazetteer

    return any(
        c.kind == "city" and c.population >= NOTABLE_TOWN_POPULATION
        for c in gazetteer().lookup(text)
    )


LOCATED_TOWN_POPULATION = 10_000


def _located_town(text: str) -> bool:
    """A town of 10,000 people or more by its own name, not a people's name: enough to trust
    a name the parse calls a people or a person when the sentence puts something in it
    ("bombed rebel positions in Kidal")."""
    from warlog.extract.sides import side_of
    from warlog.geo import gazetteer
    from warlog.resolve.name_forms import same_name

    if not text[:1].isupper() or side_of(text) is not None:
        return False
    return any(
        c.kind == "city" and c.population >= LOCATED_TOWN_POPULATION and same_name(c.name, text)
        for c in gazetteer().lookup(text)
    )


_LEADING = ("the ", "The ")
_TRAILING = ("'s", "\u2019s", "'")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading article or a trailing possessive ("the Soviet Union's"), nor
    the line breaks an entity may run into ("Lahore\n\n" before a dateline)."""
    surface = text[start:end]
    stripped = surface.strip()
    if stripped != surface:
        start += len(surface) - len(surface.lstrip())
        end = start + len(stripped)
        surface = stripped
    for prefix in _LEADING:
        if surface.startswith(prefix):
            start += len(prefix)
            surface = surface[len(prefix) :]
    for suffix in _TRAILING:
        if surface.endswith(suffix) and len(surface) > len(suffix):
            end -= len(suffix)
            surface = surface[: -len(suffix)]
    trailing = _TRAILING_WORD_RE.search(surface)
    if trailing is not None and trailing.start() > 0:
        end -= len(surface) - trailing.start()  # "Macomia in" (of "Macomia in Mozambique")
    return start, end


_TRAILING_WORD_RE = re.compile(r"\s+(?:in|of|at|near|and|on|from|to)$")


@cache
def _person_titles() -> frozenset[str]:
    data = load_json("claims.json")
    return frozenset(
        [*data["person_titles"], *(k.rstrip(".") for k in data["title_abbreviations"]), "pm"]
    )


def _titled_surnames(doc: Doc) -> set[str]:
    """Family names of people named in full after a title, whatever entity the parse made of
    them ("Ivory Coast PM Guillaume Soro" tagged a place): "Soro"."""
    from warlog.geo import gazetteer

    names: set[str] = set()
    titles = _person_titles()
    for token in doc[:-2]:
        if token.lower_.rstrip(".") not in titles:
            continue
        run = []
        for word in doc[token.i + 1 : token.i + 5]:
            if word.pos_ != "PROPN" or not word.is_alpha or not word.text[:1].isupper():
                break
            run.append(word.text)
        if len(run) >= 2 and not any(c.kind != "city" for c in gazetteer().lookup(run[-1])):
            names.add(run[-1].lower())
    return names


def person_surnames(doc: Doc) -> frozenset[str]:
    """The family names of the people the text names in full ("Tom Collins", "Juan Manuel
    Santos", "Nouri al-Maliki": "Collins", "Santos", "Maliki"), lower-cased. A full name is
    proper nouns only ("Rethinking Egypt", "The George Twickenham" and "Historic Dublin" are
    a headline, a pub and a quarter), a country or an area is no one's family name, and
    neither is a name the text puts something in ("in Sochi")."""
    from warlog.geo import gazetteer

    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(
            t.pos_ != "PROPN" and not (t.is_punct or t.lower_ in _NAME_LINKS) for t in ent
        ):
            continue
        # capitalised words: "al-Zuhor" (a particle and a name) is no full name
        words = [t.text for t in ent if t.is_alpha and t.text[:1].isupper()]
        if len(words) >= 2 and not any(c.kind != "city" for c in gazetteer().lookup(words[-1])):
            names.add(words[-1].lower())
    names.update(_titled_surnames(doc))
    # a name the text also puts something in is a place ("in Sochi", "in Historic Dublin")
    located = {
        t.lower_
        for t in doc
        if t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE_PREPOSITIONS and t.lower_ in names
    }
    return frozenset(names - located)


def _located(ent: Span) -> bool:
    """Whether the sentence puts something in the entity ("in Kidal", "at Freedom Plaza")."""
    head = ent.root
    return _part_of_place(head) or (
        head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPOSITIONS
    )


METONYM_CITY_POPULATION = 1_000_000


def _speaks_as_place(name: str) -> bool:
    """A name that may speak for its government ("Chad said", "the White House said",
    "Moscow says"): a country, an area, a landmark, or a city of a million people."""
    from warlog.geo import gazetteer
    from warlog.resolve.geocode import is_landmark

    return is_landmark(name) or any(
        c.kind != "city" or c.population >= METONYM_CITY_POPULATION
        for c in gazetteer().lookup(name)
    )


def _read_as_person(ent: Span, surnames: frozenset[str]) -> bool:
    """A name the text uses for a person, not a place: the family name of someone it names
    in full ("Collins rebuts" after "Colonel Tom Collins"), unless the sentence puts
    something in it ("in Collins"); or a name the parse calls a person (or a body) that
    speaks ("Holloway said") or that heads a government ("the Bush administration")."""
    name = ent.text
    for particle in _NAME_PARTICLES:
        name = name.removeprefix(particle)
    for suffix in _TRAILING:
        name = name.removesuffix(suffix)
    if name.lower() in surnames and not _located(ent):
        return True
    if ent.label_ not in ("PERSON", "ORG") or name.isupper() or _speaks_as_place(name):
        return False  # (a dateline in capitals: "MAKHACHKALA -- ... said")
    head = ent.root
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in _SPEECH_LEMMAS:
        return True
    return ent.label_ == "PERSON" and head.dep_ == "compound" and head.head.lower_ in _LEADER_NOUNS


# words of a body, a force or an office: "United States Coast Guard", "Russian Black Sea
# Fleet", "Ivory Coast PM Guillaume Soro" name a country's body or officer, not a place
_BODY_WORDS = frozenset(
    {
        "guard",
        "navy",
        "army",
        "fleet",
        "police",
        "forces",
        "military",
        "pm",
        "president",
        "minister",
        "premier",
        "government",
        "party",
        "ministry",
        "command",
        "corps",
    }
)
# a compass word alone ("into the North", "the South retaliated") is no place's name; "the
# West" is read as the West
_BARE_DIRECTIONS = frozenset({"north", "south", "east"})
_DANGLING_RE = re.compile(r"\s+(?:and|or|&)$")


def _body_of_country(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name of a country's body or officer ("United States Coast Guard") is the country
    ("United States"): the span of the country's name, or an empty span when it is a
    demonym ("Russian Black Sea Fleet": no place). None for any other name."""
    from warlog.extract.sides import side_of
    from warlog.geo import gazetteer

    words = list(re.finditer(r"[\w'.-]+", text[start:end]))
    if len(words) < 2 or not any(w.group(0).lower() in _BODY_WORDS for w in words[1:]):
        return None
    for size in range(len(words) - 1, 0, -1):
        head = text[start : start + words[size - 1].end()]
        if any(c.kind == "country" for c in gazetteer().lookup(head)):
            return start, start + len(head)
        if size == 1 and side_of(head) is not None:
            return start, start  # a demonym
    return None


def _coordinated_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """ "North and South Korea": the names that share a last word are read by the one
    written in full ("South Korea"); the other is named elsewhere or not at all."""
    match = re.fullmatch(r"[A-Z]\w+ and ([A-Z]\w+ [A-Z]\w+)", text[start:end])
    return (start + match.start(1), end) if match else (start, end)


_QUALIFIED_RE = re.compile(r"([^,]+?),\s+([^,]+)")


def _qualified_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One entity that is a town and its area ("Washington, DC", "Dublin, Georgia") is two
    mentions, each a place the gazetteer reads, so the area can qualify the town."""
    from warlog.resolve.geocode import has_reading

    match = _QUALIFIED_RE.fullmatch(text, start, end)
    if match is None or not all(has_reading(match.group(g)) for g in (1, 2)):
        return [(start, end)]
    return [(match.start(1), match.end(1)), (match.start(2), match.end(2))]


def _heading_word(ent: Span) -> bool:
    """A common noun alone on its line ("Background", "Reaction"): a section heading the
    recogniser took for a place."""
    text: str = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line.strip() == ent.text and all(t.pos_ == "NOUN" for t in ent)


def _listed_with_places(
    doc: Doc, mentions: dict[tuple[int, int], PlaceMention], surnames: frozenset[str]
) -> list[tuple[int, int]]:
    """Names listed with places ("struck Ghaziyeh, Nabatiyeh and Naqoura"): a capitalised
    proper noun coordinated with a place found is a place too, whether or not the
    recogniser or the gazetteer knows it (a village the gazetteer lacks is then placed
    approximately). Only lists with two places found, or one in a list of three or more
    names; never a person's or an organisation's name."""
    text: str = doc_text(doc)
    found_tokens: dict[int, tuple[int, int]] = {}
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found_tokens[span.root.i] = (start, end)
    added: list[tuple[int, int]] = []
    seen: set[int] = set()
    for root in list(found_tokens):
        token = doc[root]
        top = token
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        members = [top, *(t for t in top.subtree if t.dep_ == "conj" and _conj_of(t, top))]
        known = sum(1 for m in members if m.i in found_tokens)
        if known < 2 and not (known == 1 and len(members) >= 3):
            continue  # two places listed, or one in a list of three or more names
        for member in members:
            if member.i in found_tokens or member.i in seen:
                continue
            seen.add(member.i)
            words = [t for t in member.subtree if t.dep_ in ("compound",) or t.i == member.i]
            words = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
            if not words or member not in words or member.ent_type_ in ("DATE", "TIME"):
                continue
            between = text[min(top.idx, member.idx) : max(top.idx, member.idx)]
            if "\n" in between or member.sent.start != top.sent.start:
                continue  # a heading the parse joined to the list before it
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            if text[start:end].lower() in surnames or member.ent_type_ == "ORG":
                continue
            if any(s <= start < e or start <= s < end for s, e in mentions):
                continue
            added.append((start, end))
    return added


def _conj_of(token: Token, top: Token) -> bool:
    """Whether a token is a conjunct of ``top``'s coordination (conj links all the way up)."""
    while token.dep_ == "conj" and token.i != top.i:
        token = token.head
    return bool(token.i == top.i)


_AREA_KINDS = frozenset({"country", "region", "admin1", "admin2", "continent"})


def _joined_names(
    text: str, mentions: dict[tuple[int, int], PlaceMention]
) -> dict[tuple[int, int], PlaceMention]:
    """Two names joined by "and" that together name one country or area are one place
    ("Jammu and Kashmir", "Trinidad and Tobago", "Sao Tome and Principe"), and two joined
    by "of" that together name a place of the gazetteer ("Port of Spain"): the parse may
    tag them as two."""
    from warlog.geo import gazetteer

    spans = sorted(mentions)
    for (start, end), (next_start, next_end) in pairwise(spans):
        joint = text[end:next_start]
        if joint not in (" and ", " of ") or (start, end) not in mentions:
            continue  # not joined, or already joined to the name before it
        joined = text[start:next_end]
        candidates = gazetteer().lookup(joined)
        if not any(joint == " of " or c.kind in _AREA_KINDS for c in candidates):
            continue
        first = mentions.pop((start, end))
        del mentions[(next_start, next_end)]
        mentions[(start, next_end)] = PlaceMention(
            text=joined,
            label=first.label,
            evidence=Evidence(first.evidence.article_id, start, next_end),
        )
    return mentions


@register_extractor("places")
def extract_places(doc: Doc, article: Article) -> list[PlaceMention]:
    text: str = doc_text(doc)
    mentions: dict[tuple[int, int], PlaceMention] = {}
    countries = set(context_countries(doc))
    surnames = person_surnames(doc)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            if ent.label_ not in MISLABELLED or len(ent.text) > 40:
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in _TITLE_WORDS:
                continue
            if _read_as_person(ent, surnames):
                continue
            start, end = trim_span(text, ent.start_char, ent.end_char)
            if _rank_word(text[start:end]):
                continue  # "Brig." of "Brig. Gen. Yahya Saree"
            start = _with_first_word(doc, ent, start, end)
            if start >= end or not (
                _is_gazetteer_place(text[start:end], countries)
                or (_struck_or_located(ent) and _notable_town(text[start:end]))
                or (not countries and _located(ent) and _located_town(text[start:end]))
                or (
                    _named_as_place(doc, ent.start, ent.end - 1)
                    # "the town of Miron" tagged a group: a place unless a people's name
                    and (ent.label_ != "NORP" or side_of(ent.text) is None)
                )
            ):
                continue
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="GAZETTEER", evidence=Evidence(article.id, start, end)
            )
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        if start >= end or _unknown_abbreviation(text[start:end]) or _heading_word(ent):
            continue
        dangling = _DANGLING_RE.search(text, start, end)
        if dangling is not None:
            end = dangling.start()  # "North and" (of "North and South Korea")
        start = _with_name_head(doc, ent, start, end)
        surface = text[start:end]
        if _rank_word(surface):
            continue  # "Brig." of "Brig. Gen. Yahya Saree", tagged a place
        if not any(ch.isupper() for ch in surface) or surface.lower() in _BARE_DIRECTIONS:
            continue  # "mosques", "the west coast", "the North": no proper name
        if _read_as_person(ent, surnames):
            continue  # "the arrival of Soro", "Trump spoke with Erdogan"
        start, end = _body_of_country(text, start, end) or _coordinated_tail(text, start, end)
        if start >= end:
            continue
        for part_start, part_end in _qualified_parts(text, start, end):
            mentions[(part_start, part_end)] = PlaceMention(
                text=text[part_start:part_end],
                label=ent.label_,
                evidence=Evidence(article.id, part_start, part_end),
            )
    for start, end in _proper_noun_runs(doc):
        if any(s <= start < e or start <= s < end for s, e in mentions):
            continue
        if text[start:end].lower() in surnames:
            continue
        first, last = _token_range(doc, start, end)
        if (
            _is_gazetteer_place(text[start:end], countries)
            or _named_as_place(doc, first, last)
            or (last >= 0 and _part_of_place(doc[last]) and _notable_town(text[start:end]))
        ):
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="GAZETTEER", evidence=Evidence(article.id, start, end)
            )
    for start, end in _listed_with_places(doc, mentions, surnames):
        mentions[(start, end)] = PlaceMention(
            text=text[start:end], label="GAZETTEER", evidence=Evidence(article.id, start, end)
        )
    for match in _AMPERSAND_RE.finditer(text):
        for group in (1, 2):
            start, end = match.start(group), match.end(group)
            if _is_gazetteer_place(text[start:end], countries):
                mentions = {k: v for k, v in mentions.items() if not (k[0] <= start < k[1])}
                mentions[(start, end)] = PlaceMention(
                    text=text[start:end],
                    label="GAZETTEER",
                    evidence=Evidence(article.id, start, end),
                )
    mentions = _joined_names(text, mentions)
    place = article.dateline_place
    if place:
        start = text.find(place)
        if start < 0:
            start = text.upper().find(place.upper())
        if 0 <= start < 200 and not any(s <= start < e for s, e in mentions):
            end = start + len(place)
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="DATELINE", evidence=Evidence(article.id, start, end)
            )
    return [mentions[key] for key in sorted(mentions)]
