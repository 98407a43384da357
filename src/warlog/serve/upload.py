"""``warlog serve --allow-ingest``: an upload form (``/ingest``) that runs the library ingest
of ``warlog ingest`` on the files sent, with its rejection messages.

Cross-site requests: the form takes only a POST of ``multipart/form-data``, and only when its
``Origin`` header (or, lacking one, its ``Referer``) names this server, as the ``Host`` it was
sent to; a browser always sends ``Origin`` with a POST, so a page of another site cannot
post to it, and a ``Host`` other than this machine's names (DNS rebinding) is refused too.
There is no session or cookie to steal, so no per-form token is needed. The form's pages
are served with ``Referrer-Policy: same-origin`` (every other page: ``no-referrer``), under
which a browser sends the page's origin, not ``null``, with the form."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from email import policy
from email.parser import BytesParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from warlog.errors import InputError, WarlogError
from warlog.ingest import Upload
from warlog.ingest.feeds import FEED_SUFFIXES
from warlog.ingest.readers import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from warlog.serve.app import ServeSettings

FORM_HEADERS = {"Referrer-Policy": "same-origin"}
ACCEPTED = sorted(s for s in SUPPORTED_SUFFIXES | FEED_SUFFIXES if s)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def refusal(request: Request, hosts: frozenset[str] | None) -> str | None:
    """Why an upload request is not this app's own form (None: it is)."""
    host = request.headers.get("host", "").lower()
    if hosts is not None and host not in hosts:
        return (
            f"this server takes uploads addressed to {', '.join(sorted(hosts))}, not "
            f"'{host}'; open the form at one of those addresses"
        )
    origin = request.headers.get("origin")
    referer = request.headers.get("referer")
    sender = origin if origin is not None else referer
    if sender is None:
        return (
            "an upload must come from this app's form: the request has no Origin or "
            "Referer header (from a script, send Origin: http://HOST:PORT)"
        )
    if urlsplit(sender).netloc.lower() != host:
        return f"an upload must come from this app's form, not from '{sender}'"
    return None


def safe_name(filename: str) -> str:
    """The name a file is ingested under: its base name, without control characters."""
    base = re.split(r"[/\\]", filename)[-1]
    base = _UNSAFE_NAME.sub("", base).strip()[:200]
    return base or "upload"


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, str], list[Upload]]:
    """The text fields and files of a ``multipart/form-data`` body (the standard library's
    MIME parser; a file input left empty is no file)."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise ValueError("send the form as multipart/form-data")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise ValueError("the form could not be read (no parts)")
    fields: dict[str, str] = {}
    files: list[Upload] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            if filename or data:
                files.append(Upload(safe_name(filename), data))
        elif isinstance(name, str):
            fields[name] = data.decode("utf-8", errors="replace").strip()
    return fields, files


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(status_code=413, detail=_too_large(limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(status_code=413, detail=_too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return (
        f"the upload is over the {limit / 1e6:g} MB limit of one request; send fewer or "
        "smaller files (or raise WARLOG_SERVE_MAX_UPLOAD_BYTES)"
    )


def add_ingest_routes(
    app: FastAPI,
    settings: ServeSettings,
    render: Callable[..., Response],
    wants_json: Callable[[Request], bool],
) -> None:
    """``GET /ingest`` (the form), ``POST /ingest`` (the upload) and their JSON twins."""
    import warlog
    from warlog.ingest import parse_published
    from warlog.store.ingest import ingest_summary

    writing = threading.Lock()  # one ingest at a time: a store has one writer
    hosts = settings.upload_hosts()
    about = {
        "max_upload_bytes": settings.max_upload_bytes,
        "types": ACCEPTED,
        "fields": {
            "files": "one or more files (multipart/form-data)",
            "published": "optional: the publication date (YYYY-MM-DD) of every article",
            "encoding": "optional: read the files in this encoding instead of UTF-8",
        },
    }

    def form(request: Request, status: int = 200, **context: Any) -> Response:
        response = render(
            request,
            "ingest.html",
            status=status,
            max_mb=f"{settings.max_upload_bytes / 1e6:g}",
            accepted=ACCEPTED,
            **{"result": None, "fields": {}, **context},
        )
        response.headers.update(FORM_HEADERS)
        return response

    @app.get("/ingest.json", summary="What the upload form takes (with --allow-ingest)")
    def ingest_about() -> JSONResponse:
        return JSONResponse(about)

    @app.get("/ingest", summary="The upload form (with --allow-ingest)")
    def ingest_form(request: Request) -> Response:
        if wants_json(request):
            return JSONResponse(about)
        return form(request)

    def run(files: list[Upload], published: str | None, encoding: str | None) -> Any:
        with writing, warlog.Warlog(db=settings.db) as writer:
            return writer.ingest(files, published=published, encoding=encoding)

    async def upload(request: Request) -> Response:
        reason = refusal(request, hosts)
        if reason is not None:
            raise HTTPException(status_code=403, detail=reason)
        body = await _body(request, settings.max_upload_bytes)
        try:
            fields, files = parse_form(request.headers.get("content-type", ""), body)
        except ValueError as error:
            raise HTTPException(status_code=400, detail=str(error)) from None
        if not files:
            raise HTTPException(status_code=400, detail="choose at least one file to ingest")
        published = fields.get("published") or None
        encoding = fields.get("encoding") or None
        try:
            if published is not None:
                parse_published(published, "published")
            result = await run_in_threadpool(run, files, published, encoding)
        except InputError as error:
            raise HTTPException(status_code=400, detail=str(error)) from None
        except WarlogError as error:
            raise HTTPException(status_code=500, detail=str(error)) from None
        summary = ingest_summary(result)
        if request.url.path.endswith(".json") or wants_json(request):
            return JSONResponse(summary)
        return form(request, result=result, fields=fields)

    app.add_api_route(
        "/ingest", upload, methods=["POST"], summary="Ingest uploaded files (with --allow-ingest)"
    )
    app.add_api_route(
        "/ingest.json", upload, methods=["POST"], summary="The same, answered as JSON"
    )
