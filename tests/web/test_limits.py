"""Request limits: a token bucket per client address (an injected clock, no sleeping) and a
maximum request body size, on every route."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import Built
from warlog.serve.limits import RateLimiter, TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_gives_its_burst_then_its_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=2, burst=3, clock=clock)
    assert [bucket.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take() == pytest.approx(0.5)  # one token comes in half a second
    clock.now += 0.25
    assert bucket.take() == pytest.approx(0.25)
    clock.now += 0.25
    assert bucket.take() == 0.0
    clock.now += 100  # refilled, but never above the burst
    assert [bucket.take() for _ in range(4)][-1] > 0


def test_the_limiter_keeps_one_bucket_per_client_and_forgets_the_oldest() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=1, burst=1, clock=clock, max_clients=2)
    assert limiter.wait("a") == 0 and limiter.wait("a") == pytest.approx(1)
    assert limiter.wait("b") == 0  # another address has its own bucket
    assert limiter.wait("c") == 0  # "a" is forgotten: the oldest of three
    assert limiter.wait("a") == 0
    assert RateLimiter(rate=0, burst=1, clock=clock).wait("a") == 0  # no limit


def _client(app: Any, **options: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app, **options)


@pytest.fixture()
def limited(built: Built) -> Iterator[tuple[Any, Clock]]:
    from warlog.serve.app import ServeSettings, create_app

    clock = Clock()
    settings = ServeSettings(
        db=str(built.path), rate_per_second=2, rate_burst=5, max_request_bytes=1000
    )
    app = create_app(settings, clock=clock)
    with _client(app) as client:
        yield client, clock
    app.state.store.close()


def test_too_many_requests_are_a_429_with_retry_after(limited: tuple[Any, Clock]) -> None:
    client, clock = limited
    codes = [client.get("/favicon.ico").status_code for _ in range(5)]
    assert codes == [204] * 5
    refused = client.get("/")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert refused.text.startswith("too many requests from your address: at most 2 a second")
    assert refused.headers["x-content-type-options"] == "nosniff"
    twin = client.get("/index.json")
    assert twin.status_code == 429 and "try again in 1 s" in twin.json()["detail"]
    clock.now += 0.5  # one token back
    assert client.get("/index.json").status_code == 200
    assert client.get("/index.json").status_code == 429
    clock.now += 10
    assert [client.get("/favicon.ico").status_code for _ in range(6)] == [204] * 5 + [429]


def test_another_address_is_not_limited_by_the_first(limited: tuple[Any, Clock]) -> None:
    client, _clock = limited
    for _ in range(6):
        client.get("/favicon.ico")
    assert client.get("/favicon.ico").status_code == 429
    other = _client(client.app, client=("192.0.2.7", 4000))
    assert other.get("/favicon.ico").status_code == 204


def test_a_body_over_the_limit_is_a_413_on_every_route(limited: tuple[Any, Clock]) -> None:
    client, clock = limited
    for path in ("/", "/index.json", "/events/x"):
        clock.now += 10
        response = client.post(path, content=b"x" * 1001)
        assert response.status_code == 413, path
        assert "over the 0.001 MB limit" in response.text
    clock.now += 10
    small = client.post("/", content=b"x" * 10)
    assert small.status_code == 405  # within the limit: the route's own answer

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(5):
            yield b"y" * 400

    clock.now += 10
    streamed = client.post("/ingest.json", content=chunks())
    assert streamed.status_code in (404, 405, 413)
    assert client.get("/").status_code == 200


def test_a_streamed_upload_over_the_limit_is_cut_off(built: Built, tmp_path: Any) -> None:
    import shutil

    from warlog.serve.app import ServeSettings, create_app

    path = tmp_path / "up.db"
    shutil.copy(built.path, path)
    settings = ServeSettings(
        db=str(path),
        allow_ingest=True,
        max_upload_bytes=3000,
        max_request_bytes=100,
        allowed_hosts=("testserver",),
    )
    app = create_app(settings)

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"z" * 1000

    with _client(app) as client:
        headers = {"Origin": "http://testserver", "Content-Type": "multipart/form-data; b=x"}
        response = client.post("/ingest.json", content=chunks(), headers=headers)
        assert response.status_code == 413
        assert "0.003 MB" in response.json()["detail"]
        assert client.post("/", content=b"x" * 200).status_code == 413  # 100 bytes elsewhere
    app.state.store.close()
