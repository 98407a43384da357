"""Latency of the web app's main requests against the store calls they are built on.

    .venv/bin/python benchmarks/serve_latency.py [--incidents 10000] [--repeat 30]
    .venv/bin/python benchmarks/serve_latency.py --db demo.db        # an existing store
    .venv/bin/python benchmarks/serve_latency.py --save big.db        # keep the built store

Without ``--db`` it first builds a synthetic store of ``--incidents`` incidents, quickly and
without running the NLP pipeline per article: the first ``--originals`` articles of
``--articles`` (default examples/articles) are ingested once, then their records are copied
through the store's own load (``Store.load_reports``, what ``warlog load`` uses) under new
article ids, each copied event moved to a random day of two years, a random town of the
gazetteer (hundreds of towns in dozens of countries) and a random ACLED type; about one
event in four is instead a further report of an incident already made (its day, town and
type), so incidents have one report or more, exactly ``--incidents`` of them.

Then it times, in this same run and over the same store, each request through the whole app
in-process (FastAPI's TestClient: routing, filters, the query, JSON or HTML, gzip off) and
the ``Store`` call the request starts from, called directly: the map page (HTML), the map
and timeline data (``/api/map``) unfiltered and filtered by type, date range (its timeline
is that of the same filters without the dates), country, distance from a place and text,
the paged incident list (``/index.json``), an incident's page and its JSON twin, an actor's
page, and exports of a filter. Prints p50 and p95 in milliseconds over ``--repeat`` runs
(after one warm-up run) and the ratio of the medians (request)/(store call), with the size
of each response; the last line, ``serve_latency: worst_p95_ms=X (REQUEST)``, is the
slowest request's p95.

With ``--browser`` (and Debian's ``/usr/bin/chromium``, driven by Playwright) it then serves
the store over HTTP (uvicorn, on a free port of 127.0.0.1) and opens the map page
``--browser-runs`` times in a fresh page each: the time until the map has drawn its data
(``#map[data-loaded]``), and the longest task the page's main thread ran and the total
blocking time (the time of each task beyond 50 ms, summed) until two seconds after, from
the browser's Long Tasks API: how long the page stays frozen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# (ACLED type, sub-type) pairs the copies are given
ACLED_PAIRS = (
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Looting/property destruction"),
)
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 730  # the copies' events fall on two years of days
REREPORT = 0.25  # the share of copied events that report an incident made already
TOWN_BOX = (-35.0, 60.0, -20.0, 100.0)  # Africa, Europe, the Middle East, South Asia
TOWNS = 600


@dataclass(frozen=True, slots=True)
class Where:
    name: str
    geonameid: int
    lat: float
    lon: float
    country_code: str


def _towns() -> list[Where]:
    """The most populous towns of TOWN_BOX the gazetteer knows by name (one per name)."""
    from warlog.geo.gazetteer import gazetteer, place_named

    found: dict[int, Where] = {}
    for _lat, _lon, name, _population in gazetteer().towns_in(*TOWN_BOX, limit=TOWNS):
        place = place_named(name)
        if place is not None and place.geonameid is not None and place.country_code:
            found.setdefault(
                place.geonameid,
                Where(place.name, place.geonameid, place.lat, place.lon, place.country_code),
            )
    return list(found.values())


def _seed_reports(folder: Path, count: int) -> list[Any]:
    """The reports of the first ``count`` articles of ``folder`` that have an event, read
    once by the pipeline into a scratch store."""
    import warlog
    from warlog.nlp import load_pipeline

    files = sorted(p for p in folder.iterdir() if p.suffix in (".json", ".txt"))
    with tempfile.TemporaryDirectory(prefix="warlog-latency-seed-") as temp:
        chosen = Path(temp) / "articles"
        chosen.mkdir()
        for path in files[: count * 2]:  # some have no event
            shutil.copy(path, chosen / path.name)
        with warlog.open(Path(temp) / "seed.db") as seed:
            seed.ingest([chosen], nlp=load_pipeline())
            reports = [seed.report(a.id) for a in seed.articles()]
    with_events = [r for r in reports if r.events]
    if not with_events:
        sys.exit(f"no article of {folder} has an event")
    return with_events[:count]


def _copy(report: Any, k: int, moves: list[tuple[str, str, str, Where]]) -> Any:
    """Report ``report`` as a new article (copy ``k``), its events moved: for each event in
    order, (day, ACLED type, sub-type, town); the ids its records name each other by
    follow."""
    from warlog.model import DatePrecision, ResolvedDate

    article = report.article
    new_id = hashlib.sha256(f"{article.id}:{k}".encode()).hexdigest()

    def ev(evidence: Any) -> Any:
        return None if evidence is None else replace(evidence, article_id=new_id)

    renamed: dict[str, str] = {}

    def moved(records: tuple[Any, ...], change: Callable[[Any], Any]) -> list[Any]:
        found = []
        for record in records:
            new = change(record)
            renamed[record.id] = new.id
            found.append(new)
        return found

    places = [replace(p, evidence=ev(p.evidence)) for p in report.places]
    temporals = [replace(t, evidence=ev(t.evidence)) for t in report.temporals]
    claims = moved(
        report.claims,
        lambda c: replace(
            c,
            evidence=ev(c.evidence),
            source=ev(c.source),
            cue_span=ev(c.cue_span),
            content=ev(c.content),
        ),
    )
    casualties = moved(report.casualties, lambda c: replace(c, evidence=ev(c.evidence)))
    events = []
    for event, (day, kind, sub_type, town) in zip(report.events, moves, strict=True):
        new = replace(
            event,
            evidence=ev(event.evidence),
            date=ResolvedDate(day, DatePrecision.DAY),
            type=kind,
            sub_type=sub_type,
            place=town.name,
            geonameid=town.geonameid,
            lat=town.lat,
            lon=town.lon,
            country_code=town.country_code,
            geo_precision=1,
            place_approximate=False,
        )
        renamed[event.id] = new.id
        events.append(new)
    actors = moved(report.actors, lambda a: replace(a, evidence=ev(a.evidence)))

    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(renamed.get(v, v) for v in values)

    claims = [replace(c, denies=ids(c.denies)) for c in claims]
    events = [replace(e, claims=ids(e.claims), casualties=ids(e.casualties)) for e in events]
    actors = [
        replace(a, claims=ids(a.claims), events=ids(a.events), casualties=ids(a.casualties))
        for a in actors
    ]
    published = min(day for day, *_ in moves)
    return replace(
        report,
        article=replace(
            article,
            id=new_id,
            raw_hash=new_id,
            text=article.text,  # the same offsets: the evidence spans stay right
            headline=f"{article.headline or 'Report'} (copy {k})",
            published=ResolvedDate(published, DatePrecision.DAY),
        ),
        places=tuple(places),
        temporals=tuple(temporals),
        claims=tuple(claims),
        casualties=tuple(casualties),
        events=tuple(events),
        actors=tuple(actors),
    )


def build_store(path: Path, incidents: int, folder: Path, originals: int, seed: int) -> float:
    """A store at ``path`` of exactly ``incidents`` incidents, as the module describes;
    returns the seconds it took (the pipeline's share included)."""
    import warlog

    began = time.perf_counter()
    rng = random.Random(seed)
    towns = _towns()
    reports = _seed_reports(folder, originals)
    copies: list[Any] = []
    groups: list[list[str]] = []  # each incident's event ids
    made: list[tuple[str, str, str, Where]] = []  # each incident's day, type, sub-type, town
    k = 0
    while len(groups) < incidents:
        for report in reports:
            before = len(groups)  # an article reports an incident of other articles only
            moves, joins = [], []
            for _event in report.events:
                fresh = len(groups) < incidents and (not before or rng.random() >= REREPORT)
                if fresh:
                    day = (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
                    move = (day, *rng.choice(ACLED_PAIRS), rng.choice(towns))
                    made.append(move)
                    groups.append([])
                    joins.append(len(groups) - 1)
                else:  # an incident this article reports no other event of
                    index = rng.randrange(before)
                    while index in joins:
                        index = rng.randrange(before)
                    move = made[index]
                    joins.append(index)
                moves.append(move)
            copy = _copy(report, k, moves)
            if len({e.id for e in copy.events}) < len(copy.events):
                continue  # two events of one article made the same: rare, skipped
            for index, event in zip(joins, copy.events, strict=True):
                groups[index].append(event.id)
            copies.append(copy)
            if len(groups) >= incidents:
                break
        k += 1
    groups = [g for g in groups if g]
    with warlog.open(path) as store:
        store.load_reports(copies, {members[0]: members for members in groups})
    return time.perf_counter() - began


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm-up
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _size(count: int) -> str:
    return f"{count / 1e6:.2f} MB" if count >= 1e6 else f"{count / 1e3:.0f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="time this store instead of building one")
    parser.add_argument("--incidents", type=int, default=10000, help="incidents to build")
    parser.add_argument("--articles", default=str(ROOT / "examples" / "articles"))
    parser.add_argument("--originals", type=int, default=12, help="articles to copy")
    parser.add_argument("--save", help="build the store at this path (and keep it)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--browser", action="store_true", help="time the map in Chromium too")
    parser.add_argument("--browser-runs", type=int, default=5)
    args = parser.parse_args()
    if args.incidents < 1:
        parser.error("--incidents must be 1 or more")
    sys.path.insert(0, str(ROOT / "src"))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from warlog.serve import query
    from warlog.serve.app import ServeSettings, create_app

    with tempfile.TemporaryDirectory(prefix="warlog-latency-") as temp:
        db = args.db
        if db is None:
            target = Path(args.save or Path(temp) / "synthetic.db")
            if target.exists():
                sys.exit(f"{target} exists already: give it as --db, or another --save")
            took = build_store(
                target, args.incidents, Path(args.articles), args.originals, args.seed
            )
            db = str(target)
            print(f"built {target} in {took:.0f} s")
        app = create_app(ServeSettings(db=db, rate_per_second=0))  # latency, not limits
        store = app.state.store
        client = TestClient(app)
        everything = store.incidents()
        print(f"{store.article_count()} articles, {len(everything)} incidents in {db}")
        print(f"{'request':<52} {'p50 ms':>8} {'p95 ms':>8} {'vs store':>9} {'size':>9}")
        worst = (0.0, "")
        for label, path, params, direct in _requests(store, everything, query):

            def request(path: str = path, params: dict[str, str] = params) -> Any:
                response = client.get(path, params=params, headers={"Accept-Encoding": "identity"})
                assert response.status_code == 200, (path, params, response.text[:300])
                return response

            size = len(request().content)
            web = _times(request, args.repeat)
            base = _times(direct, args.repeat)
            ratio = statistics.median(web) / statistics.median(base)
            print(
                f"GET {label:<48} {_p(web, 50):8.1f} {_p(web, 95):8.1f} {ratio:8.2f}x "
                f"{_size(size):>9}",
                flush=True,
            )
            print(f"  {_direct_name(direct):<50} {_p(base, 50):8.1f} {_p(base, 95):8.1f}")
            worst = max(worst, (_p(web, 95), label))
        store.close()
        if args.browser:
            _browser(db, args.browser_runs)
    print(f"serve_latency: worst_p95_ms={worst[0]:.1f} ({worst[1]})")


CHROMIUM = Path("/usr/bin/chromium")
# the page's long tasks (50 ms and more), from before its first script runs
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { window.__longTasks.push(e.duration); });
}).observe({ type: "longtask", buffered: true });
"""


def _browser(db: str, runs: int) -> None:
    """The map page in Chromium: time to the map drawn, longest task, total blocking time."""
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from warlog.serve.app import ServeSettings, create_app

    if not CHROMIUM.exists():
        print(f"no {CHROMIUM}: the browser is not timed")
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(ServeSettings(db=db, port=port, rate_per_second=0))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    loaded, longest, blocking = [], [], []
    markers = areas = "?"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
            )
            for run in range(runs + 1):  # the first warms the server's state up
                context = browser.new_context(viewport={"width": 1300, "height": 1000})
                page = context.new_page()
                page.add_init_script(LONG_TASKS)
                page.set_default_timeout(120_000)
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("#map[data-loaded=true]", state="attached")
                took = (time.perf_counter() - start) * 1000
                page.wait_for_timeout(2000)
                tasks = page.evaluate("window.__longTasks")
                markers = page.get_attribute("#map", "data-markers") or "?"
                areas = page.get_attribute("#map", "data-areas") or "?"
                context.close()
                if run:
                    loaded.append(took)
                    longest.append(max(tasks, default=0.0))
                    blocking.append(sum(t - 50 for t in tasks))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()
    print(f"browser: the map page in Chromium, {markers} markers and {areas} areas, {runs} runs")
    for label, values in (
        ("map drawn after (ms)", loaded),
        ("longest task (ms)", longest),
        ("total blocking time (ms)", blocking),
    ):
        print(f"  {label:<50} {statistics.median(values):8.1f} {max(values):8.1f}  (median, max)")


def _direct_name(direct: Callable[[], object]) -> str:
    return str(getattr(direct, "__doc__", None) or "the store call")


def _requests(
    store: Any, everything: list[Any], query: Any
) -> list[tuple[str, str, dict[str, str], Callable[[], object]]]:
    """(label, path, parameters, the store call it starts from) of each request timed."""
    from collections import Counter

    placed = [i for i in everything if i.lat is not None and i.country_code]
    country = Counter(i.country_code for i in placed).most_common(1)[0][0] if placed else "AM"
    town = Counter(i.place for i in placed if i.country_code == country).most_common(1)
    near = town[0][0] if town else "Ganja"
    dated = sorted(i.date.value for i in everything if i.date)
    since, until = (dated[len(dated) // 3], dated[len(dated) // 2]) if dated else ("", "")
    since, until = since[:10], until[:10]
    actor = max(store.actors(), key=lambda a: a.events).name
    incident = max(everything, key=lambda i: (len(i.reports), i.id))
    word = "killed"
    box = None
    centre = query.centre_of(query.Filters(near=near))
    if centre is not None:
        box = query.box_around(centre.lat, centre.lon, 100.0)
    pages = max(1, -(-len(everything) // 50))

    def incidents() -> object:
        """Store.incidents()"""
        return store.incidents()

    def of_type() -> object:
        """Store.incidents(event_type=)"""
        return store.incidents(event_type="Battles")

    def of_dates() -> object:
        """Store.incidents(since=, until=)"""
        return store.incidents(since=since, until=until)

    def in_box() -> object:
        """Store.incidents(box=)"""
        return store.incidents(box=box)

    def searched() -> object:
        """search_articles() + Store.incidents()"""
        return query.search_articles(store, word), store.incidents()

    def one() -> object:
        """Store.incident()"""
        return store.incident(incident.id)

    def of_actor() -> object:
        """Store.actors(name=) + Store.incidents(actor=)"""
        return store.actors(name=actor), store.incidents(actor=actor)

    def of_country_type() -> object:
        """Store.incidents(event_type=)"""
        return store.incidents(event_type="Explosions")

    return [
        ("/ (the map page, HTML)", "/", {}, incidents),
        ("/api/map", "/api/map", {}, incidents),
        ("/api/map?type=Battles", "/api/map", {"type": "Battles"}, of_type),
        (
            f"/api/map?since={since}&until={until}",
            "/api/map",
            {"since": since, "until": until},
            of_dates,
        ),
        (f"/api/map?country={country}", "/api/map", {"country": country}, incidents),
        (f"/api/map?near={near}&km=100", "/api/map", {"near": near, "km": "100"}, in_box),
        (f"/api/map?q={word}", "/api/map", {"q": word}, searched),
        (
            f"/index.json?page={pages // 2 or 1}",
            "/index.json",
            {"page": str(pages // 2 or 1)},
            incidents,
        ),
        (
            "/index.json?type=Battles&page=2",
            "/index.json",
            {"type": "Battles", "page": "2"},
            of_type,
        ),
        (f"/events/{incident.id[:12]}… (HTML)", f"/events/{incident.id}", {}, one),
        (f"/events/{incident.id[:12]}….json", f"/events/{incident.id}.json", {}, one),
        (f"/actors/{actor[:30]} (HTML)", f"/actors/{actor}", {}, of_actor),
        (
            f"/export/acled.csv?type=Explosions&country={country}",
            "/export/acled.csv",
            {"type": "Explosions", "country": country},
            of_country_type,
        ),
        (
            f"/export/events.geojson?type=Explosions&country={country}",
            "/export/events.geojson",
            {"type": "Explosions", "country": country},
            of_country_type,
        ),
        (
            f"/export/records.jsonl?near={near}&km=100",
            "/export/records.jsonl",
            {"near": near, "km": "100"},
            in_box,
        ),
    ]


if __name__ == "__main__":
    main()
