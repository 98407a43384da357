"""Latency of the web app's map data request against the store query it is built on.

    .venv/bin/python benchmarks/serve_latency.py [--db demo.db] [--repeat 50]

Times, in this same run and over the same store: (a) ``GET /api/map`` through the whole app
in-process (FastAPI's TestClient: routing, filters, the incidents, fatalities, timeline, JSON,
gzip off), (b) ``Store.incidents()`` called directly, the query the request starts from; each
unfiltered and with a type filter. Prints p50 and p95 in milliseconds and the ratio (a)/(b).
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="demo.db")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from warlog.serve.app import ServeSettings, create_app

    app = create_app(ServeSettings(db=args.db, rate_per_second=0))  # latency, not limits
    store = app.state.store
    client = TestClient(app)
    print(f"{store.article_count()} articles, {len(store.incidents())} incidents in {args.db}")
    print(f"{'request':<40} {'p50 ms':>8} {'p95 ms':>8} {'vs store':>9}")
    for label, params, event_type in (
        ("all incidents", {}, None),
        ("type=Explosions", {"type": "Explosions"}, "Explosions"),
    ):

        def request(params: dict[str, str] = params) -> object:
            response = client.get(
                "/api/map", params=params, headers={"Accept-Encoding": "identity"}
            )
            assert response.status_code == 200
            return response

        def direct(event_type: str | None = event_type) -> object:
            return store.incidents(event_type=event_type)

        web = _times(request, args.repeat)
        base = _times(direct, args.repeat)
        ratio = statistics.median(web) / statistics.median(base)
        print(f"GET /api/map {label:<27} {_p(web, 50):8.1f} {_p(web, 95):8.1f} {ratio:8.2f}x")
        print(f"Store.incidents() {label:<22} {_p(base, 50):8.1f} {_p(base, 95):8.1f} {1:8.2f}x")
    store.close()


if __name__ == "__main__":
    main()
