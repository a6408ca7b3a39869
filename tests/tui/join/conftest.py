"""Fixtures for the participant TUI tests: real links to a real hub."""

from ...client.linkkit import open_link

__all__ = ["open_link"]
