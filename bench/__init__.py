"""Benchmarks: start-up, pack loading and key-press response (``python -m bench``)."""
