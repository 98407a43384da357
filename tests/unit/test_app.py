"""warlog.Warlog end to end: settings, pipeline and store in one object, and the data of
each view, on a store of its own made from two short reports."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warlog
from tests.conftest import SEED
from warlog import ConfigError, StoreError, Warlog, settings
from warlog.cli import app as cli
from warlog.export import views

KHARKIV = (
    "KHARKIV, Ukraine (AP) — Russian forces shelled Kharkiv on Sunday, killing three "
    "civilians, Ukrainian officials said. Russia denied targeting civilians."
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[Warlog]:
    folder = tmp_path_factory.mktemp("app")
    kharkiv = folder / "kharkiv.txt"
    kharkiv.write_text(KHARKIV, encoding="utf-8")
    with Warlog(db=folder / "w.db", nlp=nlp) as app:
        result = app.ingest([SEED])
        assert len(result.added) == 1 and not result.rejected
        result = app.ingest([kharkiv], published="2022-03-06")
        assert len(result.added) == 1 and not result.rejected
        yield app


# -- settings ------------------------------------------------------------------------------


def test_settings_come_from_overrides_then_the_environment_then_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WARLOG_LINK_KM_TOWN", "45")
    app = Warlog(db="elsewhere.db", link_day_window="3")
    assert app.setting("db") == "elsewhere.db"
    assert app.setting("link_day_window") == 3  # a number, as its default
    assert app.setting("link_km_town") == 45
    assert app.setting("episode_gap_days") == 7
    assert set(app.settings) == {s.name for s in settings.SETTINGS}
    assert Warlog.from_settings({"batch_size": 4}).setting("batch_size") == 4


def test_a_warlogs_settings_apply_to_its_calls_only() -> None:
    app = Warlog(episode_gap_days=1)
    with settings.applied(app.settings):
        assert settings.get_int("episode_gap_days") == 1
    assert settings.get_int("episode_gap_days") == 7


def test_an_unknown_setting_or_a_bad_number_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no setting named 'link_days'"):
        Warlog(link_days=3)
    with pytest.raises(ConfigError, match="link_day_window='two' is not a whole number"):
        Warlog(link_day_window="two")


def test_nothing_is_opened_before_it_is_used(tmp_path: Path) -> None:
    app = Warlog(db=tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(StoreError):
        app.events()
    with pytest.raises(ConfigError, match="unknown format 'xml'"):
        app.export("xml", io.StringIO())


@pytest.mark.model
def test_read_needs_no_store(tmp_path: Path, nlp: object) -> None:
    app = Warlog(db=tmp_path / "never.db", read_only=True, nlp=nlp)
    report = app.read(KHARKIV, published="2022-03-06")
    assert [e.place for e in report.events] == ["Kharkiv"]
    assert report == warlog.read(KHARKIV, published="2022-03-06", nlp=nlp)
    assert not (tmp_path / "never.db").exists()


# -- filters and views on a store ----------------------------------------------------------


@pytest.mark.model
def test_country_is_where_an_incident_happened_and_side_who_did_it(stored: Warlog) -> None:
    everything = stored.incidents()
    assert {i.country_code for i in everything} == {"AZ", "UA"}
    in_ukraine = stored.incidents(country="ua")
    assert [i.place for i in in_ukraine] == ["Kharkiv"]
    by_armenia = stored.incidents(side="AM")
    assert by_armenia and all(i.actor1_side == "AM" for i in by_armenia)
    assert all(i.country_code == "AZ" for i in by_armenia)
    assert stored.incidents(country="AM") == []
    assert stored.incidents(since="2022-01-01") == in_ukraine
    contested = stored.incidents(status="contested")
    assert all(i.status == "contested" for i in contested)
    with pytest.raises(ConfigError, match="--side 'Armenia' is not a two-letter"):
        stored.incidents(side="Armenia")


@pytest.mark.model
def test_the_store_filters_mean_what_the_app_filters_do(stored: Warlog) -> None:
    store = stored.store
    assert store.incidents(country="UA") == stored.incidents(country="UA")
    assert store.incidents(side="AM") == stored.incidents(side="AM")
    assert store.incidents(country="AM") == []
    assert {e.country_code for e in store.events(country="AZ")} == {"AZ"}
    assert {e.actor1_side for e in store.events(side="AM")} == {"AM"}
    assert store.episodes(country="UA") == stored.episodes(country="UA")
    assert store.episodes(side="AM") == stored.episodes(side="AM")
    with pytest.raises(ConfigError, match="--country 'Ukraine' is not a two-letter"):
        store.incidents(country="Ukraine")


@pytest.mark.model
def test_the_events_list_is_each_incidents_object(stored: Warlog) -> None:
    rows = stored.events(country="AZ")
    assert [r["id"] for r in rows] == [i.id for i in stored.incidents(country="AZ")]
    assert all(r["record"] == "incident" for r in rows)


@pytest.mark.model
def test_each_page_is_the_views_data(stored: Warlog) -> None:
    incident = stored.incidents(country="UA")[0]
    page = stored.incident(incident.id)
    assert page["incident"]["id"] == incident.id and len(page["reports"]) == 1
    assert page == stored.show(incident.id) == views.show_object(stored.store, incident.id)

    article_id = incident.reports[0].article_id
    article = stored.article(article_id[:8])
    assert article["article"]["id"] == article_id
    assert [e["place"] for e in article["events"]] == ["Kharkiv"]

    [episode] = stored.episodes(country="UA")
    assert stored.episode(episode.id)["episode"]["id"] == episode.id

    actor = stored.actors(name="Russia")[0]
    page = stored.actor(actor.name)
    assert page["actor"]["name"] == actor.name and page["actor"]["record"] == "actor_summary"
    with pytest.raises(StoreError, match="W227"):
        stored.actor("Nobody At All")


@pytest.mark.model
def test_find_says_what_an_id_names(stored: Warlog) -> None:
    incident = stored.incidents(country="UA")[0]
    found = stored.find(incident.id)
    assert found.kind == "incident" and found.record == incident and len(found.reports) == 1
    report = found.reports[0]
    assert stored.find(report.article.id).kind == "article"
    assert stored.find(report.claims[0].id).kind == "claim"
    assert stored.find(report.actors[0].id).kind == "actor"
    [episode] = stored.episodes(country="UA")
    assert stored.find(episode.id).incidents == [incident]


@pytest.mark.model
def test_claims_and_casualties(stored: Warlog) -> None:
    denials = stored.claims(stance="denies", side="RU")
    assert [claim.speaker for claim, _sentence in denials] == ["Russia"]
    assert denials[0][1] == "Russia denied targeting civilians."
    assert all(c.kind == "killed" for c in stored.casualties(kind="killed"))


@pytest.mark.model
def test_export_writes_to_a_stream_or_a_file(stored: Warlog, tmp_path: Path) -> None:
    out = io.StringIO()
    count = stored.export("jsonl", out)
    kinds = {json.loads(line)["record"] for line in out.getvalue().splitlines()}
    assert count > 0 and {"article", "event", "incident"} <= kinds
    path = tmp_path / "events.csv"
    assert stored.export("acled", path) == len(stored.incidents())
    assert path.read_text(encoding="utf-8").startswith("event_id_cnty")
    with pytest.raises(ConfigError, match="needs --record"):
        stored.export("csv", io.StringIO())


@pytest.mark.model
def test_the_cli_renders_what_warlog_returns(stored: Warlog) -> None:
    db = str(stored.settings["db"])
    runner = CliRunner()
    listed = runner.invoke(cli, ["events", "--db", db, "--country", "UA", "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout) == stored.events(country="UA")
    by_side = runner.invoke(cli, ["events", "--db", db, "--side", "AM", "--json"])
    assert [r["id"] for r in json.loads(by_side.stdout)] == [
        i.id for i in stored.incidents(side="AM")
    ]
    table = runner.invoke(cli, ["events", "--db", db, "--country", "UA"])
    assert table.exit_code == 0 and "1 events" in table.output and "Kharkiv" in table.output
    episodes = runner.invoke(cli, ["episodes", "--db", db, "--side", "AM", "--json"])
    assert [e["id"] for e in json.loads(episodes.stdout)] == [
        e.id for e in stored.episodes(side="AM")
    ]
    bad = runner.invoke(cli, ["events", "--db", db, "--side", "Armenia"])
    assert bad.exit_code == 2 and "--side 'Armenia'" in bad.output
