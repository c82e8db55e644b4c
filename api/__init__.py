"""The read-only open-data API (``/api/v1/``) and the personal API tokens that sign callers in."""
