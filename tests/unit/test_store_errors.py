"""Every StoreError carries a numbered message of one table (warlog.errors.StoreErrors), every
message of the table is raised somewhere, and docs/usage.md lists the table as it is."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from warlog.errors import Message, StoreError, StoreErrors

SOURCES = sorted((ROOT / "src" / "warlog").rglob("*.py"))


def _store_error_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "StoreError"
            ):
                calls.append((path, node))
    return calls


def _table_code(call: ast.Call) -> str | None:
    """The code of ``StoreError(StoreErrors.W2xx, ...)``, or None for any other first
    argument."""
    if not call.args:
        return None
    first = call.args[0]
    if (
        isinstance(first, ast.Attribute)
        and isinstance(first.value, ast.Name)
        and first.value.id == "StoreErrors"
    ):
        return first.attr
    return None


def test_every_store_error_raised_carries_a_code_of_the_table() -> None:
    calls = _store_error_calls()
    assert len(calls) >= 25
    bare = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, call in calls
        if _table_code(call) is None
    ]
    assert not bare, f"StoreError raised without a StoreErrors message: {bare}"
    codes = {message.code for message in StoreErrors.messages()}
    unknown = [code for _, call in calls if (code := _table_code(call)) not in codes]
    assert not unknown


def test_every_code_of_the_table_is_used() -> None:
    used = {_table_code(call) for _, call in _store_error_calls()}
    unused = [m.code for m in StoreErrors.messages() if m.code not in used]
    assert not unused, f"codes in StoreErrors that nothing raises: {unused}"


def test_the_codes_are_numbered_store_codes_and_unique() -> None:
    messages = StoreErrors.messages()
    assert all(re.fullmatch(r"W2\d\d", m.code) for m in messages)
    assert all(m.code not in ("W200", "W201") for m in messages)  # the bare and W201 codes
    assert len({m.template for m in messages}) == len(messages)


def test_the_fields_the_callers_pass_are_the_fields_of_the_template() -> None:
    import string

    by_code = {m.code: m for m in StoreErrors.messages()}
    for path, call in _store_error_calls():
        code = _table_code(call)
        assert code is not None
        wanted = {
            name for _, name, _, _ in string.Formatter().parse(by_code[code].template) if name
        }
        given = {keyword.arg for keyword in call.keywords}
        assert given == wanted, f"{path.relative_to(ROOT)}:{call.lineno} {code}"


def test_the_user_sees_the_code_and_the_message() -> None:
    error = StoreError(StoreErrors.W224, incident_id="abc")
    assert error.code == "W224"
    assert str(error) == "[W224] no event 'abc'; see `warlog events`"
    assert error.message == "no event 'abc'; see `warlog events`"
    bare = StoreError("something else")
    assert (bare.code, str(bare)) == ("W200", "[W200] something else")


def test_a_store_error_keeps_its_code_through_a_pickle() -> None:
    """Errors of a Dask worker come back pickled."""
    error = pickle.loads(pickle.dumps(StoreError(StoreErrors.W210)))
    assert isinstance(error, StoreError)
    assert str(error) == str(StoreError(StoreErrors.W210))


def test_the_code_is_shown_by_the_store(tmp_path: Path) -> None:
    import warlog

    with warlog.open(tmp_path / "w.db") as store:
        with pytest.raises(StoreError, match=r"^\[W221\] no article id starts with 'abcd'"):
            store.resolve_article_id("abcd")
        with pytest.raises(StoreError) as caught:
            store.incident("nosuchevent")
        assert caught.value.code == "W224"


def docs_rows() -> list[str]:
    """The table's rows as docs/usage.md writes them."""
    return [f"| {m.code} | {m.template} |" for m in StoreErrors.messages()]


def test_the_usage_docs_list_the_table() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage.split("## Store errors", 1)[1].split("\n## ", 1)[0]
    documented = [line for line in section.splitlines() if re.match(r"\| W2\d\d \|", line)]
    expected = docs_rows()
    assert documented == expected, (
        "docs/usage.md's store error table differs from warlog.errors.StoreErrors; its rows "
        "should be:\n" + "\n".join(expected)
    )


def test_message_is_a_plain_value() -> None:
    assert isinstance(StoreErrors.W202, Message)
    assert StoreErrors.W202.code == "W202"
    assert "W202" in repr(StoreErrors.W202)
