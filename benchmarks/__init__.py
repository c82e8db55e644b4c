"""Performance scripts (not timed tests): run as ``python -m benchmarks.<name>``."""
