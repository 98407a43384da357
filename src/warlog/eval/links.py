"""``warlog eval-links GOLD.json``: pairwise precision/recall/F1 of cross-article linking.

The gold names groups of articles that report the same event. warlog ingests every article
of the gold's folder into a fresh store; a pair of articles is *linked* when at least one
incident holds a report from each. True pairs are linked pairs inside one group; false pairs
are linked pairs across groups (or with an article of no group); missed pairs are pairs of a
group that nothing links. The same is scored one level up, for articles linked through a common
episode (warlog.link.episodes), the level of a gold whose groups are campaigns ("the same short
military episode") rather than single incidents.
"""

from __future__ import annotations

import json
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

from warlog.errors import InputError
from warlog.eval.scorer import counts
from warlog.nlp import Language


def linked_pairs(store: Any, incidents: list[Any]) -> dict[str, set[frozenset[str]]]:
    """Article pairs through a common incident and through a common episode, from one read
    of the incidents."""
    from warlog.link import group_episodes

    stems = {a.id: Path(a.source or a.id).stem for a in store.articles()}
    groups = {
        "event": [tuple(r.article_id for r in i.reports) for i in incidents],
        "episode": [episode.articles for episode in group_episodes(incidents)],
    }
    found: dict[str, set[frozenset[str]]] = {}
    for level, members_of in groups.items():
        pairs: set[frozenset[str]] = set()
        for members in members_of:
            articles = sorted({stems[article_id] for article_id in members})
            pairs.update(frozenset(pair) for pair in combinations(articles, 2))
        found[level] = pairs
    return found


def score_pairs(predicted: set[frozenset[str]], groups: dict[str, list[str]]) -> dict[str, Any]:
    gold = {frozenset(pair) for members in groups.values() for pair in combinations(members, 2)}
    tp = len(predicted & gold)
    fp = len(predicted - gold)
    fn = len(gold - predicted)
    return {
        "groups": len(groups),
        "gold_pairs": len(gold),
        **counts(tp, fp, fn),
        "false_pairs": sorted(sorted(pair) for pair in predicted - gold),
        "missed_pairs": sorted(sorted(pair) for pair in gold - predicted),
    }


def evaluate_links(gold_path: str | Path, nlp: Language | None = None) -> dict[str, Any]:
    import warlog

    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"is not a readable linking gold ({exc})", "Fix it.") from None
    folder = Path(gold.get("articles", "."))
    if not folder.is_absolute():
        folder = (Path.cwd() / folder) if (Path.cwd() / folder).is_dir() else path.parent / folder
    with tempfile.TemporaryDirectory() as scratch:
        store = warlog.open(Path(scratch) / "links.db")
        try:
            store.ingest([folder], nlp=nlp)
            pairs = linked_pairs(store, store.incidents())
        finally:
            store.close()
    return {
        **score_pairs(pairs["event"], gold["groups"]),
        "episodes": score_pairs(pairs["episode"], gold["groups"]),
    }
