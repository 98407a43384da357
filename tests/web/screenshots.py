"""Renew the web app's screenshots in docs/: ``python -m tests.web.screenshots --db demo.db``.

Starts the app on a free port, opens the map, a contested incident and the article of one of
its claims in Debian's Chromium, and writes docs/web-map.png, web-incident.png and
web-article.png."""

from __future__ import annotations

import argparse
import threading
import time

from tests.conftest import ROOT
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="demo.db")
    parser.add_argument("--event", help="the incident to show (default: the most claimed)")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from warlog.serve.app import ServeSettings, create_app

    port = _free_port()
    app = create_app(ServeSettings(db=args.db, port=port))
    store = app.state.store
    event = (
        args.event
        or max(
            (i for i in store.incidents() if i.status == "contested"), key=lambda i: len(i.claims)
        ).id
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    docs = ROOT / "docs"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 980})
            page.goto(base + "/")
            page.wait_for_selector("#map[data-loaded=true]", state="attached")
            page.wait_for_timeout(800)
            page.screenshot(path=str(docs / "web-map.png"))
            page.goto(f"{base}/events/{event}")
            page.wait_for_selector("#mini-map .leaflet-interactive", state="attached")
            page.wait_for_timeout(500)
            page.screenshot(path=str(docs / "web-incident.png"))
            page.locator("a.to-sentence").first.click()
            page.wait_for_load_state()
            page.wait_for_timeout(500)
            page.screenshot(path=str(docs / "web-article.png"))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    for name in ("web-map.png", "web-incident.png", "web-article.png"):
        print(docs / name)


if __name__ == "__main__":
    main()
