"""The encoding of a non-UTF-8 input is named right on real text (a labelled set of files in
tests/golden/encodings), the rejection names --encoding, and --encoding is a fallback only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOLDEN
from warlog import errors
from warlog.ingest.encodings import guess_encoding

LABELLED = sorted((GOLDEN / "encodings").glob("*.txt"))


def _label(path: Path) -> str:
    return path.name.split(".")[1]


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.name)
def test_guess_reads_the_labelled_file_as_its_label(path: Path) -> None:
    data = path.read_bytes()
    guess = guess_encoding(data)
    assert guess is not None
    assert data.decode(guess) == data.decode(_label(path))
    if _label(path) in ("latin-1", "cp1252") or _label(path).startswith("utf-16"):
        assert guess == _label(path)


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.name)
def test_rejection_names_the_encoding_and_the_option(
    tmp_path: Path, path: Path, store: Any, blank_nlp: Any
) -> None:
    result = store.ingest([str(path)], nlp=blank_nlp)
    [rejection] = result.rejected
    assert rejection.code == errors.ENCODING
    guess = guess_encoding(path.read_bytes())
    assert guess is not None and f"--encoding {guess}" in rejection.hint


def test_utf16_without_bom_is_read_with_the_option(store: Any, blank_nlp: Any) -> None:
    path = GOLDEN / "encodings" / "english.utf-16-le.txt"
    result = store.ingest([str(path)], nlp=blank_nlp, encoding="utf-16-le")
    assert result.ok and "Ganja" in store.articles()[0].text


def test_encoding_is_a_fallback_for_the_inputs_that_are_not_utf8(
    tmp_path: Path, store: Any, blank_nlp: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "latin.txt").write_bytes("Les forces armées ont bombardé Ganja.".encode("cp1252"))
    (folder / "other.json").write_text(
        json.dumps({"text": "Shelling hit Stepanakert — officials said."}, ensure_ascii=False),
        encoding="utf-8",
    )
    result = store.ingest([str(folder)], nlp=blank_nlp, encoding="cp1252")
    assert result.ok and len(result.added) == 2
    texts = sorted(article.text for article in store.articles())
    assert "armées" in texts[0] and "—" in texts[1]


def test_a_byte_order_mark_over_invalid_bytes_is_an_encoding_error(
    tmp_path: Path, store: Any, blank_nlp: Any
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xff\xfe" + "Ganja".encode("utf-16-le") + b"\x00\xdc")  # lone surrogate
    result = store.ingest([str(path)], nlp=blank_nlp)
    assert [r.code for r in result.rejected] == [errors.ENCODING]
    assert "byte-order mark" in result.rejected[0].reason
