"""``warlog serve --allow-ingest``: the upload form runs the library ingest with the rejection
messages of ``warlog ingest``; without the flag there is no such route; uploads come only from
the app's own form (Origin/Referer and Host), within a size limit, and are shown escaped."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import Built

ORIGIN = {"Origin": "http://testserver"}
LIMIT = 20_000
ARTICLE = (
    "Shells hit Stepanakert on Sunday, killing three civilians, officials said. "
    '<script>alert("up")</script> The ministry denied it.'
)
LATIN1 = "Les forces ont frappé la ville, a déclaré le ministère.".encode("latin-1")


def _client(app: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.fixture()
def uploads(built: Built, tmp_path: Path) -> Iterator[Any]:
    from warlog.serve.app import ServeSettings, create_app

    path = tmp_path / "upload.db"
    shutil.copy(built.path, path)
    settings = ServeSettings(
        db=str(path), allow_ingest=True, max_upload_bytes=LIMIT, allowed_hosts=("testserver",)
    )
    app = create_app(settings)
    with _client(app) as client:
        yield client
    app.state.store.close()


def test_without_the_flag_there_is_no_upload_route(client: Any) -> None:
    assert client.get("/ingest").status_code == 404
    assert client.get("/ingest.json").status_code == 404
    posted = client.post("/ingest", files={"files": ("a.txt", b"text")}, headers=ORIGIN)
    assert posted.status_code in (404, 405)
    assert 'href="/ingest"' not in client.get("/").text


def test_the_form_is_a_multipart_post_to_itself(uploads: Any) -> None:
    page = uploads.get("/ingest")
    assert page.status_code == 200
    assert 'method="post" action="/ingest" enctype="multipart/form-data"' in page.text
    assert 'type="file" name="files"' in page.text and "20000" not in page.text
    assert "at most 0.02 MB a request" in page.text
    assert page.headers["referrer-policy"] == "same-origin"  # so the browser sends Origin
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert 'href="/ingest"' in uploads.get("/").text
    about = uploads.get("/ingest.json").json()
    assert about["max_upload_bytes"] == LIMIT and ".jsonl" in about["types"]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "no Origin or Referer"),
        ({"Origin": "http://evil.example"}, "not from 'http://evil.example'"),
        ({"Origin": "null"}, "not from 'null'"),
        ({"Referer": "http://evil.example/page"}, "not from"),
        ({"Origin": "http://rebound.example", "Host": "rebound.example"}, "addressed to"),
    ],
)
def test_a_cross_site_upload_is_refused(uploads: Any, headers: dict[str, str], reason: str) -> None:
    response = uploads.post(
        "/ingest.json", files={"files": ("a.txt", ARTICLE.encode())}, headers=headers
    )
    assert response.status_code == 403
    assert reason in response.json()["detail"]


def test_the_referer_of_the_form_will_do(uploads: Any) -> None:
    response = uploads.post(
        "/ingest.json",
        files={"files": ("empty.txt", b"")},
        headers={"Referer": "http://testserver/ingest"},
    )
    assert response.status_code == 200


def test_bad_forms_are_a_400(uploads: Any) -> None:
    urlencoded = uploads.post("/ingest", data={"published": "2020-01-01"}, headers=ORIGIN)
    assert urlencoded.status_code == 400 and "multipart/form-data" in urlencoded.text
    no_file = uploads.post(
        "/ingest", files={"files": ("", b"")}, data={"published": ""}, headers=ORIGIN
    )
    assert no_file.status_code == 400 and "choose at least one file" in no_file.text
    bad_date = uploads.post(
        "/ingest.json",
        files={"files": ("a.txt", b"x")},
        data={"published": "yesterday"},
        headers=ORIGIN,
    )
    assert bad_date.status_code == 400 and "published" in bad_date.json()["detail"]


def test_an_upload_over_the_limit_is_a_413(uploads: Any) -> None:
    big = b"word " * (LIMIT // 5 + 10)
    response = uploads.post("/ingest", files={"files": ("big.txt", big)}, headers=ORIGIN)
    assert response.status_code == 413
    assert "over the 0.02 MB limit" in response.text


INPUTS = {
    "empty.txt": b"   \n",
    "picture.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
    "latin.txt": LATIN1,
    "report.pdf": b"%PDF-1.4",
    "lines.jsonl": b'{"text": "Shelling in Ganja."}\n{"nope": 1}\n',
}


@pytest.mark.model
def test_rejections_are_those_of_warlog_ingest(
    uploads: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from warlog.cli import app

    files = [("files", (name, data)) for name, data in INPUTS.items()]
    web = uploads.post("/ingest.json", files=files, headers=ORIGIN)
    assert web.status_code == 200
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, data in INPUTS.items():
        (folder / name).write_bytes(data)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(
        app, ["ingest", *INPUTS, "--db", str(tmp_path / "cli.db"), "--json"]
    )
    cli = json.loads(result.stdout)
    assert web.json()["rejected"] == cli["rejected"]
    codes = {r["source"]: r["code"] for r in cli["rejected"]}
    assert codes == {
        "empty.txt": "W101",
        "picture.txt": "W102",
        "latin.txt": "W103",
        "report.pdf": "W109",
        "lines.jsonl:2": codes["lines.jsonl:2"],
    }
    page = uploads.post("/ingest", files=files, headers=ORIGIN)
    for rejection in cli["rejected"]:
        assert rejection["reason"].replace("'", "&#39;") in page.text


@pytest.mark.model
def test_an_uploaded_article_is_stored_shown_escaped_and_not_stored_twice(
    uploads: Any,
) -> None:
    hostile = "<img src=x onerror=alert(1)>.txt"
    files = [("files", ("strike.txt", ARTICLE.encode())), ("files", (hostile, b""))]
    page = uploads.post("/ingest", files=files, headers=ORIGIN)
    assert page.status_code == 200
    assert "1 added, 0 unchanged, 1 rejected" in page.text
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;.txt" in page.text
    assert "<script>" not in page.text
    again = uploads.post("/ingest.json", files=files[:1], headers=ORIGIN).json()
    [unchanged] = again["unchanged"]
    assert again["added"] == [] and unchanged["source"] == "strike.txt"
    article = uploads.get(f"/articles/{unchanged['id']}")
    assert article.status_code == 200  # the read-only side sees what was stored
    assert "&lt;script&gt;alert(&#34;up&#34;)&lt;/script&gt;" in article.text
    assert '<script>alert("up")' not in article.text
    data = uploads.get(f"/articles/{unchanged['id']}.json").json()
    assert '<script>alert("up")</script>' in data["article"]["text"]  # JSON: the text as is


def test_safe_names_and_the_form_parser() -> None:
    from warlog.serve.upload import parse_form, safe_name

    assert safe_name("C:\\Users\\me\\a.txt") == "a.txt"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("a\x00b\n.txt") == "ab.txt"
    assert safe_name("") == "upload"
    with pytest.raises(ValueError, match="multipart/form-data"):
        parse_form("text/plain", b"x")


def test_serve_allow_ingest_takes_an_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from warlog.serve.run import serve

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app))
    lines: list[str] = []
    serve(str(tmp_path / "new.db"), "127.0.0.1", 0, say=lines.append, allow_ingest=True)
    [app] = served
    assert {"/ingest", "/ingest.json"} <= {route.path for route in app.routes}
    assert "uploads at /ingest allowed" in lines[0]
