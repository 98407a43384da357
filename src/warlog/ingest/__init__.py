"""Ingest: read inputs, clean text, parse datelines, give each article its content-hash id."""

from warlog.ingest.article import PreparedArticle, parse_published, prepare
from warlog.ingest.clean import clean_text
from warlog.ingest.dateline import parse_dateline
from warlog.ingest.readers import RawArticle
from warlog.ingest.sources import Upload, iter_sources

__all__ = [
    "PreparedArticle",
    "RawArticle",
    "Upload",
    "clean_text",
    "iter_sources",
    "parse_dateline",
    "parse_published",
    "prepare",
]
