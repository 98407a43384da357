"""nlp: the spaCy pipeline. spaCy objects never leave nlp/ and extract/."""

from warlog.nlp.pipeline import Language, load_pipeline

__all__ = ["Language", "load_pipeline"]
