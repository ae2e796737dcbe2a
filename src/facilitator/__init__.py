"""Facilitator: run a coalition meeting live from the keyboard and write its minutes."""

__version__ = "0.1.0"
