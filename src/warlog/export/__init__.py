"""export: the store's records in formats researchers already use."""

from warlog.export.jsonl import report_objects, write_jsonl, write_store_jsonl

__all__ = ["report_objects", "write_jsonl", "write_store_jsonl"]
