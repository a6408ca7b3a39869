"""Tests of the host TUI."""
