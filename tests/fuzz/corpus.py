"""A corpus of hostile inputs, written on demand into a folder: each one broke (or could
break) a run before issue 16. Large ones are generated, not committed."""

from __future__ import annotations

import json
import os
from pathlib import Path

EVENT = "Armenian forces shelled Ganja on Sunday, killing 3 civilians, Azerbaijan's ministry said."


def _json(obj: object) -> bytes:
    return json.dumps(obj).encode()


HOSTILE: dict[str, bytes] = {
    "lone-surrogate.json": b'{"text": "' + EVENT.encode() + b' \\udc80", "title": "\\ud800"}',
    "published-9999.json": _json({"text": EVENT, "published": "9999-12-31"}),
    "published-0001.json": _json({"text": EVENT, "published": "0001-01-01"}),
    "date-9999-in-text.txt": (
        "BAKU, December 31, 9999 - " + EVENT + " On 9999-12-31 and 0001-01-01 more followed."
    ).encode(),
    "figure-2-63.json": _json(
        {
            "text": f"Armenian forces shelled Ganja, killing {2**63} civilians.",
            "published": "2020-10-04",
        }
    ),
    "figure-2-31.json": _json(
        {
            "text": f"Armenian forces shelled Ganja, killing {2**31} civilians.",
            "published": "2020-10-04",
        }
    ),
    "nines.txt": ("Shelling killed " + "9" * 400 + " people in Ganja on Sunday.").encode(),
    "days-ago.json": _json(
        {"text": "Ganja was shelled 99999999999 days ago.", "published": "2020-10-04"}
    ),
    "invisible.txt": "\u200b\u200c\u200d\u2060\ufeff\u2063".encode(),
    "utf16-no-bom.txt": EVENT.encode("utf-16-le"),
    "published-true.json": _json({"text": EVENT, "published": True}),
    "url-number.json": _json({"text": EVENT, "url": 7}),
    "text-number.json": _json({"text": 5}),
    "quotes.txt": ('He said "' + '"' * 2000 + '" after the strike.').encode(),
    "formula.json": _json({"text": EVENT, "title": '=HYPERLINK("http://evil")'}),
    "iframe.json": _json(
        {"text": EVENT + ' <iframe src="javascript:alert(1)"></iframe>', "published": "2020-10-04"}
    ),
    "broken.jsonl": b'{"text": "broken\n' + _json({"text": 5}) + b"\n",
    "entities.html": b"<html><body><p>" + b"&amp;" * 120_000 + b"</p></body></html>",
    "deep.html": b"<html><body>" + b"<div>" * 3_000 + EVENT.encode() + b"</body></html>",
    "control.txt": b"\x1b[31m" + EVENT.encode() + b"\x07\x08\x0b\x0c",
    "latin1.txt": ("Les forces armées ont bombardé Ganja à l'aube. " * 10).encode("latin-1"),
}


def write_corpus(folder: Path) -> list[Path]:
    """Every hostile file in ``folder`` (and a FIFO where the system has them)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in HOSTILE.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    if hasattr(os, "mkfifo"):
        fifo = folder / "fifo.txt"
        os.mkfifo(fifo)
        paths.append(fifo)
    return paths
