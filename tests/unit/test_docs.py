"""Every setting is documented, with its environment variable and default (datasette style)."""

from __future__ import annotations

from tests.conftest import ROOT
from warlog.settings import SETTINGS


def test_every_setting_is_in_the_usage_docs() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = next(
            (line for line in usage.splitlines() if line.startswith(f"| {setting.name} |")), ""
        )
        assert row, f"docs/usage.md has no row for the setting {setting.name}"
        assert f"`{setting.env}`" in row and f"| {setting.default} |" in row.replace("`", ""), row


def test_the_settings_table_has_a_row_for_each_setting_and_no_other() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    assert rows[0] == "name"
    assert sorted(rows[1:]) == sorted(setting.name for setting in SETTINGS)


def test_the_library_docs_name_every_method_of_warlog() -> None:
    from warlog import Warlog

    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage.split("\n## Library\n", 1)[1].split("\n## ", 1)[0]
    public = [
        name
        for name, value in vars(Warlog).items()
        if not name.startswith("_") and callable(value) and name != "from_settings"
    ]
    missing = [name for name in public if f"`{name}(" not in section]
    assert not missing, missing


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:15])
    assert "make demo" in first_screen and "make test" in first_screen


def test_the_docs_speak_of_warlog_not_of_work_sessions() -> None:
    """Reference pages state what warlog does and scores; history is in CHANGELOG.md."""
    import re

    pattern = re.compile(
        r"(?i)\b(first|second|third|fourth|fifth|sixth|this|that|same|next|last|work)"
        r"(\W+day's)? session"
    )
    pages = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    found = [
        f"{page.name}: {match.group(0)}"
        for page in pages
        for match in pattern.finditer(page.read_text(encoding="utf-8"))
    ]
    assert not found, found
