"""Cells and text that are safe where researchers open them.

A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` from a headline runs
when the file is opened): such a cell is written with a leading apostrophe, which the
spreadsheet shows as text and does not evaluate. Plain numbers ("-3", "+1.5") are left as
they are. Markdown output escapes article-derived text, so HTML in an article
(``<iframe src="javascript:...">``) is shown, not rendered, and ``|`` cannot break a table.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]|#!])")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet will not evaluate: text that would be a formula gets a
    leading apostrophe; other values are returned as they are."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _NUMBER_RE.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: spreadsheet_safe(value) for key, value in row.items()}


def markdown_text(value: object) -> str:
    """Article-derived text for Markdown: HTML shown as text, Markdown syntax escaped, one
    line (a table cell or a list item stays whole)."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
