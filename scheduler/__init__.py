"""Scheduling: pure next-send maths and the Redis-backed dispatch loop."""
