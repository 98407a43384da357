"""Tie casualty figures to the claims they sit in, and fold repeats of one figure.

A figure in a sentence with a claim is according to that claim's speaker; a figure in the
next sentence of the same paragraph without a claim of its own carries the same source (a
tally paragraph). "On their side" takes the speaker's side. The same figure repeated by the
same source (headline and body) is one report (eval/ANNOTATION.md).
"""

from __future__ import annotations

import re
from dataclasses import replace

from warlog.extract.casualties import SPEAKER_SIDE
from warlog.model import CasualtyReport, Claim

_VICTIM_RANK = {"unspecified": 0, "civilians": 1, "military": 1}


def _claim_for(casualty: CasualtyReport, claims: tuple[Claim, ...], text: str) -> Claim | None:
    """The claim a figure sits in: of the claims of its sentence, the one whose content holds
    the number ("U.S. officials said 10 were killed, while witnesses said at least 39
    civilians died": 39 is the witnesses')."""
    start = casualty.evidence.start
    here = [c for c in claims if c.evidence.start <= start < c.evidence.end]
    if len(here) > 1 and casualty.number_text:
        number = text.find(casualty.number_text, start, casualty.evidence.end)
        holding = [
            c for c in here if c.content is not None and c.content.start <= number < c.content.end
        ]
        if number >= 0 and holding:
            return min(holding, key=lambda c: c.content.end - c.content.start if c.content else 0)
    return here[0] if here else None


def attribute(
    casualties: tuple[CasualtyReport, ...], claims: tuple[Claim, ...], text: str
) -> tuple[CasualtyReport, ...]:
    attributed: list[CasualtyReport] = []
    carried: Claim | None = None
    carried_end = -1
    for casualty in casualties:
        claim = _claim_for(casualty, claims, text)
        if claim is None and carried is not None:
            between = text[carried_end : casualty.evidence.start]
            if "\n\n" not in between and len(between) < 400:
                claim = carried
        if claim is not None:
            carried, carried_end = claim, casualty.evidence.end
        side = casualty.side
        if side == SPEAKER_SIDE:
            side = claim.side if claim is not None else None
        if side is None and claim is not None and casualty.victims == "civilians":
            side = claim.side
        attributed.append(
            replace(
                casualty,
                side=side,
                according_to=claim.speaker if claim is not None else None,
                according_to_side=claim.side if claim is not None else None,
            )
        )
    return fold_repeats(attributed, text)


def _same_figure(a: CasualtyReport, b: CasualtyReport, headline: bool = False) -> bool:
    """Whether two reports give one figure from one source; a headline's figure, with no
    source, is the body's whatever its source ("Drone strike kills five" over "killed five
    suspected militants, an official said")."""
    sourceless_headline = headline and (a.according_to is None or b.according_to is None)
    return (
        a.kind == b.kind
        and (a.best, a.low if a.best is None else None)
        == (b.best, b.low if b.best is None else None)
        and (a.according_to_side == b.according_to_side or sourceless_headline)
        and _same_source(a.according_to, b.according_to)
        and (a.victims == b.victims or "unspecified" in (a.victims, b.victims))
    )


def _same_source(a: str | None, b: str | None) -> bool:
    """Two sources are one unless both are named and differ ("local witnesses" and
    "Ahmed Fouad" are two; "Ahmed Fouad" and "Fouad" one; an unnamed retelling, such as the
    headline's, is the named source's figure)."""
    if a is None or b is None:
        return True
    last_a, last_b = a.lower().split()[-1:], b.lower().split()[-1:]
    return a.lower() == b.lower() or last_a == last_b


def _better(a: CasualtyReport, b: CasualtyReport) -> CasualtyReport:
    """The more informative of two reports of one figure (later wins a tie: body over
    headline), with what the other adds: "Gunmen kill 20 villagers" over "killing at least
    20 people, residents said" is 20 civilians, at least, according to the residents."""
    score_a = (_VICTIM_RANK[a.victims], a.qualifier != "exact", a.according_to is not None)
    score_b = (_VICTIM_RANK[b.victims], b.qualifier != "exact", b.according_to is not None)
    best, other = (a, b) if score_a > score_b else (b, a)
    if best.qualifier == "exact" and other.qualifier != "exact" and best.best == other.best:
        best = replace(best, qualifier=other.qualifier, low=other.low, high=other.high)
    if best.according_to is None and other.according_to is not None:
        best = replace(
            best, according_to=other.according_to, according_to_side=other.according_to_side
        )
    if best.side is None and other.side is not None:
        best = replace(best, side=other.side)
    return best


_UPDATE_RE = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|later|updated|revised|now)\b", re.I)


def fold_repeats(casualties: list[CasualtyReport], text: str = "") -> tuple[CasualtyReport, ...]:
    """The same figure from the same source told again is one report, unless the sentences
    tell two tolls apart: "strikes that killed 9 people and wounded 14. Another airstrike ...
    killed 6 people and wounded 14" are two incidents' 14 wounded."""
    told: dict[tuple[int, int], list[CasualtyReport]] = {}
    for casualty in casualties:
        told.setdefault((casualty.evidence.start, casualty.evidence.end), []).append(casualty)

    def tolls_differ(a: CasualtyReport, b: CasualtyReport) -> bool:
        if a.evidence == b.evidence:
            return False  # one sentence's figure named twice is one report (and one id)
        if any(
            _headline(e.start, e.end) or _UPDATE_RE.search(text[e.start : e.end])
            for e in (a.evidence, b.evidence)
        ):
            return False  # a headline's toll, or a toll that "rose": the same incident's
        return any(
            x.kind == y.kind and x.victims == y.victims and (x.best, x.low) != (y.best, y.low)
            for x in told[(a.evidence.start, a.evidence.end)]
            for y in told[(b.evidence.start, b.evidence.end)]
        )

    def _headline(start: int, end: int) -> bool:
        # the article's first line with no closing stop: "Air strike kills 9, wounds 14"
        first_line = text[start:end].split("\n", 1)[0].rstrip()
        return start == 0 and not first_line.endswith((".", "!", "?", '"', "\u201d"))

    kept: list[CasualtyReport] = []
    for casualty in casualties:
        for index, existing in enumerate(kept):
            headline = any(
                _headline(c.evidence.start, c.evidence.end) for c in (existing, casualty)
            )
            if _same_figure(existing, casualty, headline) and not tolls_differ(existing, casualty):
                kept[index] = _better(existing, casualty)
                break
        else:
            kept.append(casualty)
    return tuple(kept)
