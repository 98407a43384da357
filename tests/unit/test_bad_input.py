"""Every bad input is reported with its path (and line), a reason and a hint, and skipped;
the good ones are stored. These run without the model (a blank pipeline)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from warlog import errors
from warlog.ingest import iter_sources
from warlog.ingest.readers import RawArticle

GOOD = "Azerbaijan said on Sunday that Armenia shelled Ganja. One civilian was killed."


def _ingest(store: Any, blank_nlp: Any, *paths: Any, **options: Any) -> Any:
    return store.ingest([str(path) for path in paths], nlp=blank_nlp, **options)


def _codes(result: Any) -> list[str]:
    return [rejection.code for rejection in result.rejected]


def test_empty_file(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.EMPTY]
    assert result.rejected[0].source == str(path)
    assert result.rejected[0].hint
    assert store.articles() == []


def test_text_that_is_only_debris_is_empty(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "debris.txt"
    path.write_text("Story continues\npic.twitter.com/abc123\n")
    assert _codes(_ingest(store, blank_nlp, path)) == [errors.EMPTY]


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00\x01\x02def" * 10],
    ids=["pdf", "png", "nul-bytes"],
)
def test_binary_file(tmp_path: Path, store: Any, blank_nlp: Any, data: bytes) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(data)
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.BINARY]


def test_invalid_utf8_names_the_likely_encoding(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(("Les forces armées ont bombardé la ville. " * 20).encode("cp1252"))
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.ENCODING]
    rejection = result.rejected[0]
    assert "not valid UTF-8" in rejection.reason
    assert "--encoding" in rejection.hint


def test_named_encoding_is_used(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Les forces armées ont bombardé la ville.".encode("cp1252"))
    result = _ingest(store, blank_nlp, path, encoding="cp1252")
    assert result.ok
    assert "armées" in store.articles()[0].text


def test_utf16_with_bom_is_read(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    result = _ingest(store, blank_nlp, path)
    assert result.ok and len(result.added) == 1
    assert store.articles()[0].text == GOOD


def test_unknown_encoding_name(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    result = _ingest(store, blank_nlp, path, encoding="no-such-codec")
    assert _codes(result) == [errors.ENCODING]


def test_fifty_megabyte_text_is_rejected(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.TOO_LARGE]
    assert "MB" in result.rejected[0].reason


def test_jsonl_with_one_broken_line(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": GOOD, "url": "https://example.org/1", "published": "2020-10-04"}),
        '{"text": "broken',
        "",
        json.dumps({"text": "Shelling hit Stepanakert on Saturday.", "headline": "Shelling"}),
        json.dumps({"url": "https://example.org/no-text"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = _ingest(store, blank_nlp, path)
    assert len(result.added) == 2
    assert [(r.source, r.code) for r in result.rejected] == [
        (f"{path}:2", errors.BAD_JSON),
        (f"{path}:5", errors.NO_TEXT),
        (f"{path}:6", errors.BAD_JSON),
    ]
    stored = {article.url: article for article in store.articles()}
    assert stored["https://example.org/1"].published is not None
    assert stored["https://example.org/1"].published_source == "field"


def test_jsonl_line_with_unreadable_date(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": GOOD, "published": "sometime soon"}) + "\n")
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.BAD_DATE]
    assert "YYYY-MM-DD" in result.rejected[0].hint


def test_unreadable_path(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD)
    original = Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    result = _ingest(store, blank_nlp, path)
    assert _codes(result) == [errors.UNREADABLE]
    assert "Permission denied" in result.rejected[0].reason


def test_missing_path_and_empty_glob(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    result = _ingest(store, blank_nlp, tmp_path / "nope.txt", tmp_path / "*.nothing")
    assert _codes(result) == [errors.NOT_FOUND, errors.NOT_FOUND]


def test_directory_with_mixed_files(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD)
    (folder / "sub" / "b.json").write_text(
        json.dumps({"text": "Clashes near Tartar.", "title": "T"})
    )
    (folder / "c.json").write_text("{not json")
    (folder / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "e.txt").write_bytes(b"")
    (folder / "f.html").write_text(
        "<html><head><title>Strike</title></head><body><article><p>"
        + "Missiles hit Ganja on Sunday, the ministry said. " * 5
        + "</p></article></body></html>"
    )
    result = _ingest(store, blank_nlp, folder)
    assert len(result.added) == 3
    assert sorted((Path(r.source).name, r.code) for r in result.rejected) == [
        ("c.json", errors.BAD_JSON),
        ("d.png", errors.UNSUPPORTED),
        ("e.txt", errors.EMPTY),
    ]
    headlines = {article.headline for article in store.articles()}
    assert {"T", "Strike"} <= headlines


def test_glob_expands(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(f"{GOOD} ({name})")
    result = _ingest(store, blank_nlp, tmp_path / "*.txt")
    assert len(result.added) == 2


def test_stdin_text_and_jsonl(blank_nlp: Any, store: Any) -> None:
    result = store.ingest(["-"], nlp=blank_nlp, stdin=io.BytesIO(GOOD.encode()))
    assert len(result.added) == 1
    lines = "\n".join(json.dumps({"text": f"{GOOD} {n}"}) for n in range(3)).encode()
    result = store.ingest(["-"], nlp=blank_nlp, stdin=io.BytesIO(lines))
    assert len(result.added) == 3


def test_reingest_is_a_noop(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    copy = tmp_path / "copy.txt"
    copy.write_text(GOOD + "\n\nStory continues\n")  # same article once cleaned
    first = _ingest(store, blank_nlp, path)
    second = _ingest(store, blank_nlp, path, copy)
    assert len(first.added) == 1
    assert second.added == [] and len(second.unchanged) == 2
    assert len(store.articles()) == 1


def test_bad_published_option_fails_before_reading(store: Any, blank_nlp: Any) -> None:
    with pytest.raises(errors.InputError) as caught:
        store.ingest(["does-not-matter.txt"], nlp=blank_nlp, published="tomorrow-ish")
    assert caught.value.code == errors.BAD_DATE


def test_url_is_reported_not_fetched() -> None:
    items = list(iter_sources(["https://example.org/article"]))
    assert isinstance(items[0], errors.InputError)
    assert items[0].code == errors.UNSUPPORTED


def test_json_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "A."}, {"body": "B.", "link": "u"}, {"x": 1}]))
    items = list(iter_sources([path]))
    assert isinstance(items[0], RawArticle) and items[0].source == f"{path}[0]"
    assert isinstance(items[1], RawArticle) and items[1].url == "u"
    assert isinstance(items[2], errors.InputError) and items[2].source == f"{path}[2]"


def test_store_stays_whole_when_a_write_fails(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while writing one article's records rolls that article back entirely."""
    from warlog.store import rows

    path = tmp_path / "a.txt"
    path.write_text(GOOD)

    def explode(_temporal: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(rows, "temporal_row", explode)
    from warlog.model import Evidence, Report, TemporalExpression
    from warlog.pipeline import read

    report = read(GOOD, published="2020-10-04", nlp=blank_nlp)
    broken = Report(
        article=report.article,
        temporals=(TemporalExpression("Sunday", Evidence(report.article.id, 0, 6), None, "x"),),
    )
    with pytest.raises(RuntimeError):
        store.add_report(broken)
    assert store.articles() == []


def test_an_article_the_extractors_fail_on_is_reported_and_skipped(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warlog.pipeline as pipeline

    real = pipeline.analyse

    def fragile(prepared: Any, doc: Any) -> Any:
        if "explode" in prepared.article.text:
            raise ValueError("boom")
        return real(prepared, doc)

    monkeypatch.setattr(pipeline, "analyse", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_text("This one will explode in the extractor.")
    (folder / "good.txt").write_text(GOOD)
    result = _ingest(store, blank_nlp, folder)
    assert len(result.added) == 1
    assert [r.code for r in result.rejected] == ["W500"]
    assert "boom" in result.rejected[0].hint and "bad.txt" in result.rejected[0].source
