"""The one spaCy pipeline warlog parses with, loaded once per process."""

from __future__ import annotations

import importlib
from functools import cache
from typing import cast

from spacy.language import Language
from spacy.tokenizer import Tokenizer

from warlog import settings
from warlog.errors import ModelMissingError


@cache
def load_pipeline(package: str | None = None) -> Language:
    """The English pipeline from its pip package (never downloaded at run time)."""
    name = package or settings.get_str("spacy_model")
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ModelMissingError(name.replace("_", "-")) from None
    from warlog.nlp.attribute_rules import index_attribute_ruler
    from warlog.nlp.components import PARAGRAPHS

    nlp = cast(Language, module.load())
    index_attribute_ruler(nlp)
    split_glued_lists(nlp)
    keep_title_abbreviations(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def split_glued_lists(nlp: Language) -> None:
    """Split "Ganja:4+Smerch" and "Khizi&Absheron" (tweets glue list items) into tokens."""
    from spacy.util import compile_infix_regex

    infixes = [
        *(nlp.Defaults.infixes or ()),
        r"(?<=[A-Za-z])[:](?=[0-9A-Za-z])|(?<=[A-Za-z0-9])[+&](?=[A-Za-z])",
    ]
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def keep_title_abbreviations(nlp: Language) -> None:
    """A title's abbreviation is one token ("Maj.", "Capt.", "Sgt."), so its full stop does not
    end the sentence before the name it precedes ("spokesman Maj. Tom Holloway says")."""
    from spacy.symbols import ORTH

    from warlog.resources import load_json

    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for abbreviation in load_json("claims.json")["title_abbreviations"]:
        for form in (abbreviation, abbreviation.capitalize(), abbreviation.upper()):
            tokenizer.add_special_case(form, [{ORTH: form}])
