"""The one spaCy pipeline warlog parses with, loaded once per process."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from warlog import settings
from warlog.errors import ModelMissingError

# spaCy has no type stubs; a Language is passed around as Any outside this module.
Language = Any


@cache
def load_pipeline(package: str | None = None) -> Language:
    """The English pipeline from its pip package (never downloaded at run time)."""
    name = package or settings.get_str("spacy_model")
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ModelMissingError(name.replace("_", "-")) from None
    from warlog.nlp.components import PARAGRAPHS

    nlp = module.load()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp
