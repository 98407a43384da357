"""The web app in a real browser: Playwright for Python driving Debian's Chromium (never a
downloaded browser). The server runs in a thread on a free port, over the hand-built store."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import Built

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium: install Debian's (apt-get install -y chromium); .ci/run does",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    from warlog.serve.app import ServeSettings

    port = _free_port()
    yield from _serve(ServeSettings(db=str(built.path), port=port))


def _serve(settings: Any) -> Iterator[str]:
    import uvicorn

    from warlog.serve.app import create_app

    port = settings.port
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000
        )
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    opened.set_default_timeout(15_000)
    yield opened
    context.close()
    assert errors == [], errors  # no script errors, no resource the CSP refused


def test_map_filter_incident_claim_sentence(page: Any, base_url: str, built: Built) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "2"
    assert page.locator(".leaflet-interactive").count() >= 2  # basemap and markers drawn
    assert page.locator("#timeline rect.bar").count() == 2
    assert page.locator("#killed-chart rect").count() == 1  # 12 killed, side AZ

    page.select_option("#f-type", "Protests")  # the form submits on change
    page.wait_for_url("**/?*type=Protests*")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.locator("#incidents tbody tr").count() == 1

    page.goto(base_url + "/")
    page.click(f'#incidents a[href="/events/{built.event.id}"]')
    page.wait_for_url(f"**/events/{built.event.id}")
    am = page.locator('.column[data-side="AM"]')
    az = page.locator('.column[data-side="AZ"]')
    assert am.locator(".claim.stance-denies .who").inner_text().startswith("<b>Ministry</b>")
    assert az.locator(".claim.stance-accuses").count() == 1
    assert page.locator("#status").inner_text() == "contested"
    page.wait_for_selector("#mini-map .leaflet-interactive", state="attached")

    denial = built.hostile.claims[1]
    am.locator("a.to-sentence").click()
    page.wait_for_url(f"**/articles/{built.hostile.article.id}#claim-{denial.id}")
    sentence = page.locator(f"#claim-{denial.id}")
    assert sentence.is_visible()
    assert "targeted" in (sentence.get_attribute("class") or "")
    assert sentence.inner_text() == "The <b>Ministry</b> denied the claims."
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_timeline_brush_sets_the_dates(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.6, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**/?*since=*")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.input_value("input[name=since]") > "2020-10-04"


def test_text_search_and_near_filter_the_map(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    page.fill("#f-q", '"police said"')
    page.press("#f-q", "Enter")
    page.wait_for_url("**/?q=%22police+said%22")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.locator("#incidents tbody tr").count() == 1
    assert page.input_value("#f-q") == '"police said"'

    page.goto(base_url + "/")
    page.fill("#f-near", "Ganja")
    page.fill("#f-km", "30")
    page.press("#f-near", "Enter")
    page.wait_for_url("**/?*near=Ganja*")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.locator("path.near-area").count() == 1  # the circle searched


def test_timeline_brush_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    brush = page.locator("#timeline rect.brush")
    assert "arrow keys" in (brush.get_attribute("aria-label") or "")
    assert brush.get_attribute("tabindex") == "0"
    page.focus("#apply")
    for _ in range(10):  # Tab reaches the brush after the form and the page's links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('brush')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('brush')")
    assert brush.get_attribute("aria-valuetext") == "2020-10-04 to 2020-10-05"

    page.keyboard.press("Shift+ArrowLeft")  # narrow: the end moves a day back
    assert brush.get_attribute("aria-valuetext") == "2020-10-04 to 2020-10-04"
    page.keyboard.press("Enter")
    page.wait_for_url("**/?since=2020-10-04&until=2020-10-04")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    # focus comes back to the brush; an arrow moves the range, and a pause applies it
    assert page.evaluate("document.activeElement.classList.contains('brush')")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/?since=2020-10-05&until=2020-10-05")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.input_value("input[name=since]") == "2020-10-05"
    page.keyboard.press("ArrowRight")  # at the timeline's end it stays
    page.keyboard.press("Shift+ArrowRight")
    assert brush.get_attribute("aria-valuetext") == "2020-10-05 to 2020-10-05"


def test_incident_to_its_episode_and_its_map(page: Any, base_url: str, built: Built) -> None:
    page.goto(base_url + f"/events/{built.event.id}")
    page.click("#episode-link")
    page.wait_for_url("**/episodes/ep-*")
    page.wait_for_selector("#mini-map[data-markers]", state="attached")
    assert page.get_attribute("#mini-map", "data-markers") == "2"
    assert page.locator("#episode-incidents tbody tr").count() == 2
    page.click(f'#episode-incidents a[href="/events/{built.plain.events[0].id}"]')
    page.wait_for_url(f"**/events/{built.plain.events[0].id}")


@pytest.fixture(scope="module")
def crowded_url(crowded: Path) -> Iterator[str]:
    from warlog.serve.app import ServeSettings

    yield from _serve(ServeSettings(db=str(crowded), port=_free_port(), map_points=10))


def test_a_crowded_map_draws_the_latest_and_counts_the_rest(page: Any, crowded_url: str) -> None:
    from tests.web.conftest import CROWDED_INCIDENTS

    page.goto(crowded_url + "/")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "10"
    areas = int(page.get_attribute("#map", "data-areas") or "0")
    assert 0 < areas < CROWDED_INCIDENTS - 10
    assert page.locator("path.area-marker").count() == areas
    status = page.inner_text("#map-status")
    assert f"{CROWDED_INCIDENTS} incidents" in status
    assert f"the latest 10 as markers, {CROWDED_INCIDENTS - 10} more counted per area" in status
    assert page.locator("#timeline rect.bar").count() == CROWDED_INCIDENTS  # one a day
    assert page.locator("#incidents tbody tr").count() == 50  # a page of the list

    page.select_option("#f-type", "Protests")  # a filter narrows what is counted
    page.wait_for_url("**/?*type=Protests*")
    page.wait_for_selector("#map[data-loaded=true]", state="attached")
    assert page.get_attribute("#map", "data-markers") == "10"
    assert "40 incidents" in page.inner_text("#map-status")
    assert "30 more counted per area" in page.inner_text("#map-status")


@pytest.fixture()
def upload_url(built: Built, tmp_path: Path) -> Iterator[str]:
    import shutil

    from warlog.serve.app import ServeSettings

    path = tmp_path / "upload.db"
    shutil.copy(built.path, path)
    yield from _serve(ServeSettings(db=str(path), port=_free_port(), allow_ingest=True))


@pytest.mark.model
def test_the_upload_form_ingests_in_a_browser(page: Any, upload_url: str, tmp_path: Path) -> None:
    article = tmp_path / "strike.txt"
    article.write_text("Shells hit Stepanakert on Sunday, killing three civilians, officials said.")
    empty = tmp_path / "<img src=x onerror=alert(1)>.txt"
    empty.write_text("")
    page.goto(upload_url + "/ingest")
    page.set_input_files("#ingest-files", [str(article), str(empty)])
    page.click("#ingest-submit")  # the browser's own Origin header lets it through
    page.wait_for_selector("#ingest-result")
    assert "1 added, 0 unchanged, 1 rejected" in page.inner_text("#ingest-result h2")
    assert "[W101] <img src=x onerror=alert(1)>.txt: is empty." in page.inner_text(
        "#ingest-rejected"
    )
    page.click("#ingest-added a")
    page.wait_for_url("**/articles/*")
    assert "Stepanakert" in page.inner_text(".article-text")
