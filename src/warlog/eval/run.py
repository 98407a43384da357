"""``warlog eval DIR``: run the pipeline on every gold file and score it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from warlog.errors import InputError
from warlog.eval.predictions import predictions
from warlog.eval.scorer import KINDS, score_files
from warlog.ingest import clean_text
from warlog.nlp import Language
from warlog.pipeline import read

GoldFile = dict[str, Any]


def load_gold(directory: str | Path) -> list[GoldFile]:
    """Every gold file (``*.json``) in ``directory``, sorted by name."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(str(folder), "is not a directory", "Name a folder of gold .json files.")
    files = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(
                str(path), f"is not a readable gold file ({exc})", "Fix or remove it."
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InputError(str(path), "has no 'text'", "See eval/FORMAT.md for the format.")
        data.setdefault("id", path.stem)
        files.append(data)
    if not files:
        raise InputError(str(folder), "holds no .json gold files", "Name a folder of gold files.")
    return files


def _clean_gold(gold: GoldFile) -> dict[str, list[dict[str, Any]]]:
    """Gold records with evidence snippets cleaned as the pipeline cleans text."""
    records: dict[str, list[dict[str, Any]]] = {}
    negative = bool(gold.get("negative_control"))
    for kind in KINDS:
        cleaned: list[dict[str, Any]] = []
        if negative and kind != "places":
            records[kind] = cleaned  # nothing is expected: every prediction is a false positive
            continue
        for record in gold.get(kind, []):
            record = dict(record)
            if isinstance(record.get("evidence"), str):
                record["evidence"] = clean_text(record["evidence"])
            cleaned.append(record)
        records[kind] = cleaned
    return records


def evaluate(
    directory: str | Path,
    strict: bool = False,
    nlp: Language | None = None,
    errors: bool = False,
) -> Any:
    """Scores over every gold file in ``directory`` (FORMAT.md's output keys); with ``errors``,
    every file's missed gold records, unmatched predictions and wrong fields too."""
    triples = []
    for gold in load_gold(directory):
        report = read(gold["text"], published=gold.get("published"), nlp=nlp)
        triples.append((str(gold["id"]), predictions(report), _clean_gold(gold)))
    return score_files(triples, strict=strict, errors=errors)
