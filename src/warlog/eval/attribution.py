"""``warlog eval-attribution DIR``: warlog's claims scored against an attribution corpus.

The corpus is in brat standoff, as PolNeAR (Newell et al., LREC 2018) ships it: ``DIR/text/
NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann`` (the first annotator's file when there
are several), whose ``Source``, ``Cue`` and ``Content`` spans (possibly discontinuous, "a b;c d")
an ``Attribution`` event ties together. PARC 3.0 converted to the same layout is read the same
way. warlog's claims carry the same three spans (``source``, ``cue_span``, ``content``).

Two measures, both standard for the task:
- attributions: a predicted claim matches a gold attribution whose cue it overlaps (one to
  one, in text order); precision, recall and F1 of that matching;
- roles: token-level precision, recall and F1 of the source, cue and content labels (the
  corpus is univocal: a token has at most one label), tokens being whitespace-separated words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.errors import InputError
from warlog.eval.scorer import counts

ROLES = ("source", "cue", "content")
Spans = tuple[tuple[int, int], ...]
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Spans
    cue: Spans
    content: Spans


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


def _spans(field_text: str) -> Spans:
    """ "Content 284 292;325 405" -> ((284, 292), (325, 405))."""
    _label, _, offsets = field_text.partition(" ")
    spans = []
    for part in offsets.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(lines: list[str], where: str) -> tuple[Attribution, ...]:
    """The attributions of one brat ``.ann`` file (events may name spans defined after
    them; a second span of a role, "Content2", joins the first)."""
    spans: dict[str, Spans] = {}
    events: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        parts = line.rstrip("\n").split("\t")
        try:
            if line.startswith("T"):
                spans[parts[0]] = _spans(parts[1])
            elif line.startswith("E"):
                events.append((number, parts[1]))
        except (IndexError, ValueError):
            raise _bad_line(where, number) from None
    found = []
    for number, arguments in events:
        roles: dict[str, Spans] = {}
        try:
            for argument in arguments.split():
                role, _, target = argument.partition(":")
                key = role.rstrip("0123456789").lower()
                roles[key] = roles.get(key, ()) + spans[target]
        except KeyError:
            raise _bad_line(where, number) from None
        found.append(
            Attribution(roles.get("source", ()), roles.get("cue", ()), roles.get("content", ()))
        )
    return tuple(found)


def _bad_line(where: str, number: int) -> InputError:
    return InputError(
        f"{where}:{number}",
        "is not a brat standoff line",
        "Give a corpus in brat standoff (PolNeAR's layout).",
    )


def read_corpus(folder: str | Path) -> Iterator[AnnotatedText]:
    """The annotated texts of a corpus folder (``text/`` and ``attributions/``)."""
    root = Path(folder)
    texts, annotations = root / "text", root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise InputError(
            str(root),
            "has no text/ and attributions/ folders",
            "Give a compartment of PolNeAR (e.g. PolNeAR/data/dev) or a corpus in its layout.",
        )
    chosen: dict[str, Path] = {}
    for path in sorted(annotations.glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0] if "_" in path.stem else path.stem
        if (texts / f"{name}.txt").exists():
            chosen.setdefault(name, path)
        elif (texts / f"{path.stem}.txt").exists():
            chosen.setdefault(path.stem, path)
    for name, path in sorted(chosen.items()):
        text = (texts / f"{name}.txt").read_text(encoding="utf-8")
        lines = path.read_text(encoding="utf-8").splitlines()
        yield AnnotatedText(name, text, parse_ann(lines, str(path)))


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _words(text: str, spans: Spans) -> set[int]:
    """Start offsets of the words inside the spans."""
    return {
        match.start()
        for start, end in spans
        for match in _WORD_RE.finditer(text, start, end)
        if match.end() <= end
    }


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, Any]:
        return counts(self.tp, self.fp, self.fn)


@dataclass
class AttributionScore:
    documents: int = 0
    attributions: _Counts = field(default_factory=_Counts)
    roles: dict[str, _Counts] = field(default_factory=lambda: {r: _Counts() for r in ROLES})

    def add(self, text: str, predicted: list[Attribution], gold: tuple[Attribution, ...]) -> None:
        self.documents += 1
        used: set[int] = set()
        for item in predicted:
            match = next(
                (i for i, g in enumerate(gold) if i not in used and _overlaps(item.cue, g.cue)),
                None,
            )
            if match is None:
                self.attributions.fp += 1
            else:
                used.add(match)
                self.attributions.tp += 1
        self.attributions.fn += len(gold) - len(used)
        for role in ROLES:
            want = set().union(*(_words(text, getattr(g, role)) for g in gold))
            got = set().union(*(_words(text, getattr(p, role)) for p in predicted))
            counts = self.roles[role]
            counts.tp += len(want & got)
            counts.fp += len(got - want)
            counts.fn += len(want - got)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "attributions": self.attributions.as_dict(),
            "roles": {role: counts.as_dict() for role, counts in self.roles.items()},
        }


def predict(text: str, nlp: Any) -> list[Attribution]:
    """warlog's attributions (claims) in a text, with spans on the text as given."""
    from warlog.extract.claims import attributions
    from warlog.ingest.article import sha256
    from warlog.model import Article, Evidence

    article = Article(id=sha256(text), text=text, raw_hash=sha256(text))
    doc = nlp(text)

    def spans(evidence: Evidence | None) -> Spans:
        return ((evidence.start, evidence.end),) if evidence is not None else ()

    return [
        Attribution(spans(claim.source), spans(claim.cue_span), spans(claim.content))
        for claim in attributions(doc, article)
        if claim.cue_span is not None
    ]


def evaluate_attribution(
    folder: str | Path, nlp: Any = None, limit: int | None = None
) -> dict[str, Any]:
    """The scores of warlog's claims on an attribution corpus folder."""
    from warlog.nlp import load_pipeline

    nlp = nlp if nlp is not None else load_pipeline()
    score = AttributionScore()
    for number, item in enumerate(read_corpus(folder)):
        if limit is not None and number >= limit:
            break
        score.add(item.text, predict(item.text, nlp), item.attributions)
    return score.as_dict()
