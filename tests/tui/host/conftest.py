"""Fixtures for the host TUI tests: real links to a real hub on 127.0.0.1."""

from ...client.linkkit import open_link

__all__ = ["open_link"]
