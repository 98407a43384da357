"""``warlog serve``: the analyst's web app (FastAPI + Jinja2), read only unless started with
``--allow-ingest`` (then an upload form, warlog.serve.upload).

Every HTML page has a JSON twin at the same URL plus ``.json`` (or with ``Accept:
application/json``) in the record shapes of the JSONL export. One app object is built from
:class:`ServeSettings`; tests drive it in-process with FastAPI's TestClient."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from warlog import __version__
from warlog import settings as settings_table
from warlog.errors import StoreError, StoreErrors
from warlog.export.jsonl import Grouping, casualty_object, claim_object
from warlog.export.views import (
    actor_summary_object,
    article_view,
    claims_with_evidence,
    episode_view,
    incident_rows,
    incident_view,
    place_summary_object,
)
from warlog.serve import pages, query
from warlog.serve.query import Filters
from warlog.store import Store

if TYPE_CHECKING:
    from warlog.model import Incident
    from warlog.serve.state import StoreState

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
PAGE_SIZE = 50
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STANCES = ("asserts", "accuses", "denies", "confirms")
KINDS = ("killed", "injured", "missing", "captured", "displaced")
TYPE_CLASSES = {name: f"t{index}" for index, name in enumerate(query.ACLED_TYPES)}


def _setting(name: str) -> Any:
    return field(default_factory=lambda: settings_table.get_int(name))


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What the app is built from: the store, where ``warlog serve`` listens, whether it
    takes uploads (``--allow-ingest``) and its request limits (warlog.settings)."""

    db: str
    host: str = "127.0.0.1"
    port: int = 8765
    page_size: int = PAGE_SIZE
    allow_ingest: bool = False
    max_upload_bytes: int = _setting("serve_max_upload_bytes")
    max_request_bytes: int = _setting("serve_max_request_bytes")
    rate_per_second: float = _setting("serve_rate_per_second")
    rate_burst: int = _setting("serve_rate_burst")
    # the map's markers at most; beyond, counts per area (warlog.serve.query.map_data)
    map_points: int = _setting("serve_map_points")
    # the Host header values an upload may come to (DNS rebinding); empty: this machine's
    # names at ``port`` (any host when listening on all addresses)
    allowed_hosts: tuple[str, ...] = ()

    def upload_hosts(self) -> frozenset[str] | None:
        """The hosts an upload may be addressed to; None: any (listening on all addresses)."""
        if self.allowed_hosts:
            return frozenset(h.lower() for h in self.allowed_hosts)
        if self.host in ("0.0.0.0", "::", ""):
            return None
        names = {self.host, "localhost", "127.0.0.1", "[::1]"}
        return frozenset(f"{name}:{self.port}".lower() for name in names)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["type_class"] = lambda name: TYPE_CLASSES.get(name, "t-other")
    environment.globals["version"] = __version__
    return environment


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _filters(request: Request) -> Filters:
    """The filters of the URL; a malformed one, or a "near" place the gazetteer does not
    know, is a 400 with the message (an error page, or ``{"detail": ...}``)."""
    try:
        filters = Filters.of(dict(request.query_params))
        query.centre_of(filters)
    except ValueError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    return filters


UPLOAD_PATHS = frozenset({"/ingest", "/ingest.json"})


def create_app(
    settings: ServeSettings, store: Store | None = None, clock: Callable[[], float] | None = None
) -> FastAPI:
    """The web app over the store of ``settings`` (opened read only), or over ``store``;
    ``clock`` (seconds, monotonic) is the rate limiter's, for tests."""
    import time

    from warlog.serve.limits import RateLimiter, RequestLimits
    from warlog.serve.state import StoreCache
    from warlog.serve.store import open_read_only

    opened = store if store is not None else open_read_only(settings.db)
    cache = StoreCache(opened)  # the incidents, built once per state of the store
    environment = _environment()
    environment.globals["allow_ingest"] = settings.allow_ingest
    app = FastAPI(
        title="warlog",
        version=__version__,
        description="Conflict news as an evidence-linked event database: every page of the "
        "web app as JSON, in the record shapes of `warlog export --format jsonl`.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
    )
    app.state.store = opened
    app.state.cache = cache
    app.state.settings = settings
    app.add_middleware(GZipMiddleware, minimum_size=1000)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        template = environment.get_template(name)
        path = request.url.path
        json_url = None
        if status == 200:
            query_string = f"?{request.url.query}" if request.url.query else ""
            json_url = ("/index.json" if path == "/" else f"{path}.json") + query_string
        html = template.render(request=request, json_url=json_url, **context)
        return HTMLResponse(html, status_code=status)

    def json_wanted(request: Request) -> bool:
        path = request.url.path
        return path.endswith(".json") or path.startswith("/api/") or _wants_json(request)

    @app.exception_handler(StoreError)
    async def not_found(request: Request, error: StoreError) -> Response:
        if json_wanted(request):
            return JSONResponse({"detail": str(error)}, status_code=404)
        return render(request, "error.html", status=404, message=str(error), heading="Not found")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if json_wanted(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        heading = "Not found" if error.status_code == 404 else "Cannot show this"
        return render(
            request,
            "error.html",
            status=error.status_code,
            message=str(error.detail),
            heading=heading,
        )

    # -- the map ------------------------------------------------------------------------

    def listing(request: Request) -> dict[str, Any]:
        filters = _filters(request)
        state = cache.current()
        found = query.select_incidents(opened, filters, state)
        try:
            page = int(request.query_params.get("page", "1"))
        except ValueError:
            raise HTTPException(status_code=400, detail="page must be a whole number") from None
        try:
            shown, pages_count = query.page_of(found, page, settings.page_size)
        except StoreError as error:
            raise HTTPException(status_code=404, detail=str(error)) from None
        casualties = query.casualties_of(opened, shown, state)
        return {
            "filters": filters.params(),
            "near": query.near_of(filters),
            "total": len(found),
            "page": page,
            "pages": pages_count,
            "page_size": settings.page_size,
            "events": incident_rows(shown, casualties, state.grouping),
        }

    @app.get("/index.json", summary="The incident list of the map page (paged, filtered)")
    def index_json(request: Request) -> JSONResponse:
        return JSONResponse(listing(request))

    @app.get("/", response_class=HTMLResponse, summary="Map and timeline of the incidents")
    def index(request: Request) -> Response:
        data = listing(request)
        if _wants_json(request):
            return JSONResponse(data)
        filters = _filters(request)
        params = filters.params()
        return render(
            request,
            "map.html",
            data=data,
            filters=filters,
            facets=cache.current().facets,
            query_string=urlencode(params),
            page_link=lambda n: "/?" + urlencode({**params, "page": n}),
            empty=opened.article_count() == 0,
        )

    @app.get("/api/map", summary="The map's points and the timeline's bars for the filters")
    def map_api(request: Request) -> JSONResponse:
        filters = _filters(request)
        data = query.map_data(opened, filters, cache.current(), settings.map_points or None)
        return JSONResponse(data)

    # -- one incident ---------------------------------------------------------------------

    def incident_data(event_id: str) -> tuple[Any, list[Any], dict[str, Any]]:
        incident, reports = opened.incident(event_id)
        return incident, reports, incident_view(incident, reports, grouping())

    @app.get("/events/{event_id}.json", summary="One incident and each report of it")
    def event_json(event_id: str) -> JSONResponse:
        return JSONResponse(incident_data(event_id)[2])

    @app.get("/events/{event_id}", response_class=HTMLResponse, summary="An incident's page")
    def event_page(request: Request, event_id: str) -> Response:
        incident, reports, data = incident_data(event_id)
        if _wants_json(request):
            return JSONResponse(data)
        return render(
            request,
            "event.html",
            incident=incident,
            page=pages.incident_page(incident, reports),
            episode=episode_of(incident.id),
        )

    # -- episodes ---------------------------------------------------------------------------

    def episode_of(incident_id: str) -> Any:
        """The episode an incident is in."""
        return cache.current().episode_of.get(incident_id)

    def grouping() -> Grouping:
        """Each event's incident and each incident's episode (the records' ``incident_id``
        and ``episode_id``)."""
        return cache.current().grouping

    def episode_data(episode_id: str) -> tuple[Any, list[Any], dict[str, Any]]:
        state = cache.current()
        episode = next((e for e in state.episodes if e.id == episode_id), None)
        if episode is None:  # as Store.episode, over the incidents built already
            raise StoreError(StoreErrors.W225, episode_id=episode_id)
        incidents = state.incidents_of(list(episode.incidents))
        casualties = query.casualties_of(opened, incidents, state)
        return episode, incidents, episode_view(episode, incidents, casualties, state.grouping)

    @app.get("/episodes/{episode_id}.json", summary="An episode and its incidents, in time order")
    def episode_json(episode_id: str) -> JSONResponse:
        return JSONResponse(episode_data(episode_id)[2])

    @app.get("/episodes/{episode_id}", response_class=HTMLResponse, summary="An episode's page")
    def episode_page(request: Request, episode_id: str) -> Response:
        episode, _incidents, data = episode_data(episode_id)
        if _wants_json(request):
            return JSONResponse(data)
        return render(request, "episode.html", episode=episode, events=data["events"])

    # -- one article ----------------------------------------------------------------------

    def article_data(article_id: str) -> tuple[Any, dict[str, Any]]:
        report = opened.report(article_id)
        return report, article_view(report, grouping())

    @app.get("/articles/{article_id}.json", summary="One article and every record found in it")
    def article_json(article_id: str) -> JSONResponse:
        return JSONResponse(article_data(article_id)[1])

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="An article's page")
    def article_html(request: Request, article_id: str) -> Response:
        report, data = article_data(article_id)
        if _wants_json(request):
            return JSONResponse(data)
        page = pages.article_page(report)
        return render(
            request,
            "article.html",
            report=report,
            page=page,
            place_key=page["place_key"],
            date_key=page["date_key"],
        )

    # -- claims and casualty figures (warlog claims, warlog casualties) --------------------

    def paged(request: Request, items: list[Any]) -> tuple[list[Any], int, int]:
        try:
            page = int(request.query_params.get("page", "1"))
            shown, count = query.page_of(items, page, settings.page_size)
        except ValueError:
            raise HTTPException(status_code=400, detail="page must be a whole number") from None
        except StoreError as error:
            raise HTTPException(status_code=404, detail=str(error)) from None
        return shown, page, count

    def option(request: Request, name: str, choices: tuple[str, ...] = ()) -> str | None:
        value = (request.query_params.get(name) or "").strip() or None
        if value is not None and choices and value not in choices:
            raise HTTPException(
                status_code=400, detail=f"{name} must be one of " + ", ".join(choices)
            )
        return value

    def page_links(request: Request, path: str) -> Callable[[int], str]:
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return lambda n: f"{path}?" + urlencode({**params, "page": n})

    def claim_list(request: Request) -> dict[str, Any]:
        stance = option(request, "stance", STANCES)
        side = option(request, "side")
        found = claims_with_evidence(opened, stance=stance, side=side)
        shown, page, count = paged(request, found)
        return {
            "stance": stance,
            "side": side,
            "found": found,
            "shown": shown,
            "page": page,
            "pages": count,
        }

    @app.get("/claims.json", summary="Claims by stance and speaker side (warlog claims --json)")
    def claims_json(request: Request) -> JSONResponse:
        data = claim_list(request)
        return JSONResponse([claim_object(claim) for claim, _evidence in data["found"]])

    @app.get("/claims", response_class=HTMLResponse, summary="Claims with their sentences")
    def claims_page(request: Request) -> Response:
        if _wants_json(request):
            return claims_json(request)
        data = claim_list(request)
        return render(
            request,
            "claims.html",
            total=len(data["found"]),
            items=data["shown"],
            stance=data["stance"],
            side=data["side"],
            page=data["page"],
            pages=data["pages"],
            page_link=page_links(request, "/claims"),
        )

    def casualty_list(request: Request) -> tuple[list[Any], str | None, str | None]:
        side = option(request, "side")
        kind = option(request, "kind", KINDS)
        return opened.casualties(side=side, kind=kind), side, kind

    @app.get("/casualties.json", summary="Casualty figures (warlog casualties --json)")
    def casualties_json(request: Request) -> JSONResponse:
        return JSONResponse([casualty_object(c) for c in casualty_list(request)[0]])

    @app.get("/casualties", response_class=HTMLResponse, summary="Casualty figures per source")
    def casualties_page(request: Request) -> Response:
        if _wants_json(request):
            return casualties_json(request)
        found, side, kind = casualty_list(request)
        shown, page, count = paged(request, found)
        return render(
            request,
            "casualties.html",
            total=len(found),
            items=shown,
            side=side,
            kind=kind,
            page=page,
            pages=count,
            page_link=page_links(request, "/casualties"),
        )

    # -- actors and places ----------------------------------------------------------------

    def incidents_paged(
        request: Request, found: list[Incident], state: StoreState
    ) -> dict[str, Any]:
        """One page of an actor's or a place's incidents, as the incident list pages."""
        shown, page, count = paged(request, found)
        casualties = query.casualties_of(opened, shown, state)
        return {
            "total": len(found),
            "page": page,
            "pages": count,
            "page_size": settings.page_size,
            "events": incident_rows(shown, casualties, state.grouping),
        }

    def actor_data(request: Request, name: str) -> tuple[Any, dict[str, Any]]:
        state = cache.current()
        summary = state.actor_summaries.get(name)
        if summary is None:
            raise StoreError(StoreErrors.W227, name=name)
        found = query.select_incidents(opened, Filters(actor=name), state)
        data = {"actor": actor_summary_object(summary), **incidents_paged(request, found, state)}
        return summary, data

    @app.get("/actors/{name:path}.json", summary="A canonical actor and its incidents (paged)")
    def actor_json(request: Request, name: str) -> JSONResponse:
        return JSONResponse(actor_data(request, name)[1])

    @app.get("/actors/{name:path}", response_class=HTMLResponse, summary="An actor's page")
    def actor_page(request: Request, name: str) -> Response:
        summary, data = actor_data(request, name)
        if _wants_json(request):
            return JSONResponse(data)
        return render(
            request,
            "actor.html",
            actor=summary,
            data=data,
            page_link=page_links(request, "/actors/" + quote(name, safe="")),
        )

    def place_data(request: Request, name: str) -> tuple[Any, dict[str, Any]]:
        place = next((p for p in opened.places() if p.text == name), None)
        if place is None:
            raise StoreError(StoreErrors.W228, name=name)
        state = cache.current()
        found = [
            i
            for i in state.incidents
            if i.place == name or (place.geonameid is not None and i.geonameid == place.geonameid)
        ]
        return place, {
            "place": place_summary_object(place),
            **incidents_paged(request, found, state),
        }

    @app.get(
        "/places/{name:path}.json",
        summary="A place named in the articles and its incidents (paged)",
    )
    def place_json(request: Request, name: str) -> JSONResponse:
        return JSONResponse(place_data(request, name)[1])

    @app.get("/places/{name:path}", response_class=HTMLResponse, summary="A place's page")
    def place_page(request: Request, name: str) -> Response:
        place, data = place_data(request, name)
        if _wants_json(request):
            return JSONResponse(data)
        return render(
            request,
            "place.html",
            place=place,
            data=data,
            page_link=page_links(request, "/places/" + quote(name, safe="")),
        )

    # -- exports of the current filters ---------------------------------------------------

    def download(body: str, media_type: str, name: str) -> Response:
        return Response(
            body,
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get("/export/acled.csv", summary="The filtered incidents as ACLED-style CSV")
    def export_acled(request: Request) -> Response:
        from warlog.export.acled import write_acled

        state = cache.current()
        found = query.select_incidents(opened, _filters(request), state)
        out = io.StringIO()
        write_acled(found, query.casualties_of(opened, found, state), out, state.actor_records)
        return download(out.getvalue(), "text/csv; charset=utf-8", "warlog-acled.csv")

    @app.get("/export/events.geojson", summary="The filtered incidents as GeoJSON")
    def export_geojson(request: Request) -> Response:
        from warlog.export.acled import write_geojson

        state = cache.current()
        found = query.select_incidents(opened, _filters(request), state)
        out = io.StringIO()
        write_geojson(found, out, query.casualties_of(opened, found, state), state.episodes)
        return download(out.getvalue(), "application/geo+json", "warlog-events.geojson")

    @app.get("/export/records.jsonl", summary="Every record of the filtered incidents' articles")
    def export_jsonl(request: Request) -> Response:
        from warlog.export import write_jsonl

        state = cache.current()
        found = query.select_incidents(opened, _filters(request), state)
        articles = dict.fromkeys(r.article_id for i in found for r in i.reports)
        # every incident an event of these articles is in, and the store's episodes (worked
        # out once per state of the store, not per request)
        incidents = [i for i in state.incidents if any(r.article_id in articles for r in i.reports)]
        out = io.StringIO()
        casualties = query.casualties_of(opened, incidents, state)  # those of other articles too
        write_jsonl(
            (opened.report(a) for a in articles), out, incidents, state.episodes, casualties
        )
        return download(out.getvalue(), "application/x-ndjson", "warlog-records.jsonl")

    if settings.allow_ingest:
        from warlog.serve.upload import add_ingest_routes

        add_ingest_routes(app, settings, render, _wants_json)

    def body_limit(path: str) -> int:
        if settings.allow_ingest and path in UPLOAD_PATHS:
            return settings.max_upload_bytes
        return settings.max_request_bytes

    limiter = RateLimiter(settings.rate_per_second, settings.rate_burst, clock or time.monotonic)
    app.state.limiter = limiter
    app.add_middleware(  # the outermost: a refused request costs no page
        RequestLimits, limiter=limiter, body_limit=body_limit, headers=SECURITY_HEADERS
    )
    return app
