"""The episode page and its JSON twin; every incident page links to its episode."""

from __future__ import annotations

import json
from typing import Any

import pytest

import warlog
from tests.web.conftest import Built
from warlog.export.views import episode_object


def _episode_id(built: Built) -> str:
    store = warlog.open(built.path, read_only=True)
    try:
        [episode] = store.episodes()
    finally:
        store.close()
    return episode.id


def test_episode_json_twin_lists_its_incidents_in_time_order(client: Any, built: Built) -> None:
    episode_id = _episode_id(built)
    data = client.get(f"/episodes/{episode_id}.json").json()
    store = warlog.open(built.path, read_only=True)
    try:
        episode, incidents = store.episode(episode_id)
    finally:
        store.close()
    assert data["episode"] == json.loads(json.dumps(episode_object(episode)))
    assert [row["id"] for row in data["events"]] == [i.id for i in incidents]
    assert [row["date"] for row in data["events"]] == ["2020-10-04", "2020-10-05"]
    assert [row["type"] for row in data["events"]] == ["Explosions/Remote violence", "Protests"]
    assert [row["fatalities"] for row in data["events"]] == [12, 0]
    assert {"status", "place", "lat", "lon", "casualty_summary"} <= data["events"][0].keys()
    accept = client.get(f"/episodes/{episode_id}", headers={"Accept": "application/json"})
    assert accept.json() == data


def test_episode_page_shows_incidents_a_map_and_links(client: Any, built: Built) -> None:
    episode_id = _episode_id(built)
    page = client.get(f"/episodes/{episode_id}")
    assert page.status_code == 200
    text = page.text
    assert 'id="mini-map"' in text and 'src="/static/episode.js"' in text
    assert text.index("2020-10-04") < text.index("2020-10-05")
    for event in (built.hostile.events[0], built.plain.events[0]):
        assert f'href="/events/{event.id}"' in text
    assert "Ganja" in text and "Yerevan" in text and "contested" in text
    assert f'href="/episodes/{episode_id}.json"' in text  # the twin
    assert "<script>" not in text
    assert client.get("/static/episode.js").status_code == 200


def test_every_incident_page_links_to_its_episode(client: Any, built: Built) -> None:
    episode_id = _episode_id(built)
    for event in (built.hostile.events[0], built.plain.events[0]):
        page = client.get(f"/events/{event.id}")
        assert f'href="/episodes/{episode_id}" id="episode-link"' in page.text


@pytest.mark.parametrize("path", ["/episodes/ep-nope", "/episodes/ep-nope.json"])
def test_an_unknown_episode_is_a_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if path.endswith(".json"):
        assert response.json() == {"detail": "[W225] no episode 'ep-nope'; see `warlog episodes`"}
    else:
        assert "Not found" in response.text and "no episode" in response.text
