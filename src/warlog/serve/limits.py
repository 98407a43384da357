"""Request limits of ``warlog serve``: a per-client rate (a token bucket per client address,
in memory) and a maximum request body size, as one small ASGI middleware.

The client is the address of the connection (``scope["client"]``); ``X-Forwarded-For`` is not
trusted, so behind a reverse proxy every client is the proxy's address: limit there instead."""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

Clock = Callable[[], float]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenBucket:
    """``burst`` tokens at most, refilled at ``rate`` a second; a request takes one."""

    __slots__ = ("_clock", "_updated", "burst", "rate", "tokens")

    def __init__(self, rate: float, burst: int, clock: Clock) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self._clock = clock
        self._updated = clock()

    def take(self) -> float:
        """0 when a token was taken; else the seconds until one will be there."""
        now = self._clock()
        self.tokens = min(self.burst, self.tokens + (now - self._updated) * self.rate)
        self._updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class RateLimiter:
    """A token bucket per client key; the least recently seen are forgotten beyond
    ``max_clients`` (a forgotten client starts again with a full bucket). A rate of 0 or
    less is no limit."""

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Clock = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def wait(self, client: str) -> float:
        """0 when ``client`` may make a request now; else the seconds to wait."""
        if self.rate <= 0:
            return 0.0
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = TokenBucket(self.rate, self.burst, self._clock)
            while len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(client)
        return bucket.take()


class RequestLimits:
    """The rate limit (429 with ``Retry-After``), then the body limit (413) of the path
    (``body_limit``): a declared ``Content-Length`` over it is refused before the app runs; a
    body sent in chunks is cut off when it passes the limit (the app is told the client
    left, and its answer replaced)."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: RateLimiter,
        body_limit: Callable[[str], int],
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.body_limit = body_limit
        self.headers = dict(headers or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.limiter.wait(client[0] if client else "unknown")
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            rate = f"{self.limiter.rate:g}"
            message = (
                f"too many requests from your address: at most {rate} a second, "
                f"{self.limiter.burst} at once; try again in {seconds} s"
            )
            await self._refuse(scope, send, 429, message, {"Retry-After": str(seconds)})
            return
        limit = self.body_limit(scope.get("path", ""))
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, 413, _too_large(limit))
            return
        received = 0
        cut = False  # the body passed the limit: the app was told the client left
        started = False

        async def counted_receive() -> Message:
            nonlocal received, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut = True
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if cut and not started:
                return  # the app's answer to a cut-off body: replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except Exception:
            if not cut or started:
                raise
        if cut and not started:
            await self._refuse(scope, send, 413, _too_large(limit))

    async def _refuse(
        self,
        scope: Scope,
        send: Send,
        status: int,
        message: str,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        path = str(scope.get("path", ""))
        accept = _header(scope, b"accept") or ""
        if path.endswith(".json") or path.startswith("/api/") or "application/json" in accept:
            body = json.dumps({"detail": message}).encode()
            media = "application/json"
        else:
            body = (message + "\n").encode()
            media = "text/plain; charset=utf-8"
        headers = {**self.headers, **(extra or {})}
        raw = [
            (b"content-type", media.encode()),
            (b"content-length", str(len(body)).encode()),
            *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _too_large(limit: int) -> str:
    return (
        f"the request body is over the {limit / 1e6:g} MB limit of this server; send less "
        "(WARLOG_SERVE_MAX_REQUEST_BYTES, WARLOG_SERVE_MAX_UPLOAD_BYTES raise it)"
    )
