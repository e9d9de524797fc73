"""Benchmarks: each prints a table; results and commands live in docs/PERFORMANCE.md."""
