"""nlp: the spaCy pipeline. spaCy objects never leave nlp/ and extract/."""

from spacy.language import Language

from warlog.nlp.pipeline import load_pipeline

__all__ = ["Language", "load_pipeline"]
