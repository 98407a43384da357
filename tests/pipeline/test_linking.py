"""Linking across articles in a real store: incremental, and independent of ingest order."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.model

GROUP_G08 = sorted(EXAMPLES.glob("wn-02[01]-*.json")) + sorted(EXAMPLES.glob("wn-018-*.json"))


def _partition(store: Any) -> set[frozenset[str]]:
    return {frozenset(r.event_id for r in incident.reports) for incident in store.incidents()}


def test_reingest_and_shuffled_orders_give_the_same_incidents(tmp_path: Path, nlp: Any) -> None:
    files = [SEED, *GROUP_G08]
    partitions = []
    for seed in range(3):
        order = files[:]
        random.Random(seed).shuffle(order)
        store = warlog.open(tmp_path / f"s{seed}.db")
        for path in order:  # one article at a time: each links into what is there
            store.ingest([path], nlp=nlp)
        assert store.ingest(files, nlp=nlp).added == []  # re-ingest is a no-op
        partitions.append(_partition(store))
        store.close()
    assert partitions[0] == partitions[1] == partitions[2]


def test_copies_of_one_report_link_into_one_incident(tmp_path: Path, nlp: Any) -> None:
    text = SEED.read_text()
    copy = tmp_path / "copy.json"
    copy.write_text(
        json.dumps(
            {
                "text": text.replace("Story continues", "") + "\n\nAFP contributed.",
                "outlet": "Copy Wire",
            }
        )
    )
    store = warlog.open(tmp_path / "w.db")
    store.ingest([SEED, copy], nlp=nlp)
    ganja = next(i for i in store.incidents() if i.place == "Ganja")
    assert len(ganja.reports) == 2 and "Copy Wire" in ganja.sources
    assert len([i for i in store.incidents() if i.place == "Ganja"]) == 1
    store.close()


def test_reanalysing_a_linked_article_keeps_its_incidents(tmp_path: Path, nlp: Any) -> None:
    from warlog.store.reanalyse import reanalyse

    text = SEED.read_text()
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps({"text": text + "\n\nAFP contributed.", "outlet": "Wire"}))
    store = warlog.open(tmp_path / "w.db")
    store.ingest([SEED, copy], nlp=nlp)
    before = _partition(store)
    ganja = next(i for i in store.incidents() if i.place == "Ganja")
    assert len(ganja.reports) == 2  # the copy's report and the seed's, one incident
    result = reanalyse(store, everything=True, nlp=nlp)
    assert len(result.reanalysed) == 2 and not result.failed
    assert _partition(store) == before
    store.close()


def test_eval_links_on_a_small_gold(tmp_path: Path, nlp: Any) -> None:
    from warlog.eval.links import evaluate_links

    folder = tmp_path / "articles"
    folder.mkdir()
    text = SEED.read_text()
    (folder / "seed.txt").write_text(text)
    (folder / "copy.txt").write_text(text + "\n\nAFP contributed to this report.")
    (folder / "other.json").write_text(
        json.dumps(
            {
                "text": "Clashes in Mogadishu killed 12 fighters on 3 May 2007.",
                "published": "2007-05-04",
            }
        )
    )
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": str(folder), "groups": {"g": ["seed", "copy"]}}))
    scores = evaluate_links(gold, nlp=nlp)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 0, 0) and scores["f1"] == 1.0
    episodes = scores["episodes"]  # the same pair, one level up
    assert (episodes["tp"], episodes["fp"], episodes["fn"]) == (1, 0, 0)


def test_a_ceasefire_joins_the_episode_of_the_war_it_ends(tmp_path: Path, nlp: Any) -> None:
    """wn-021 reports no attack, only the ceasefire taking effect (an Agreement, placed in
    Lebanon): it is in the episode of wn-020's strikes a week earlier."""
    war, ceasefire = (next(EXAMPLES.glob(f"wn-{n}-*.json")) for n in ("020", "021"))
    store = warlog.open(tmp_path / "w.db")
    store.ingest([war, ceasefire], nlp=nlp)
    agreement = next(i for i in store.incidents() if i.sub_type == "Agreement")
    assert (agreement.country_code, agreement.date and agreement.date.value) == ("LB", "2006-08-14")
    episode = next(e for e in store.episodes() if agreement.id in e.incidents)
    assert len(episode.articles) == 2 and episode.first == "2006-08-07"
    store.close()


def test_a_report_of_last_month_does_not_chain_a_days_strikes(tmp_path: Path, nlp: Any) -> None:
    """wn-020's "the bombing of Qana last month" (dated only to July, in Lebanon) matches
    several of wn-018's strikes of 12-14 July; it links to one of them, and wn-018's strikes
    stay distinct incidents."""
    store = warlog.open(tmp_path / "w.db")
    store.ingest(GROUP_G08, nlp=nlp)
    for incident in store.incidents():
        articles = [report.article_id for report in incident.reports]
        assert len(articles) == len(set(articles)), incident
    store.close()


def test_an_agreement_takes_no_casualty_figures(nlp: Any) -> None:
    """wn-021's "has cost over 1,200 people their lives ... In Lebanon" is the war's toll,
    not the ceasefire's: the agreement has no figures, and ACLED's fatalities are 0."""
    data = json.loads(next(EXAMPLES.glob("wn-021-*.json")).read_text())
    report = warlog.read(data["text"], published=data["published"], nlp=nlp)
    [agreement] = [e for e in report.events if e.sub_type == "Agreement"]
    assert agreement.casualties == ()
