"""Fixtures for the client tests."""

from .linkkit import open_link

__all__ = ["open_link"]
