"""The revisions, one per schema version (see warlog.store.migrations)."""
