"""Read the lexicons and patterns shipped as data files in ``warlog/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """A parsed JSON data file from ``warlog/data`` (read once per process)."""
    text = resources.files("warlog").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)
