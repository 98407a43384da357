from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SEED = EXAMPLES / "2020-10-04-baku-ganja-strikes.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def blank_nlp() -> Any:
    """A tokenizer-only English pipeline: no model, no entities."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real English pipeline (tests using it are marked `model`)."""
    from warlog.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    import warlog

    opened = warlog.open(tmp_path / "test.db")
    yield opened
    opened.close()
