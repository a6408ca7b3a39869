"""Widgets shared by the Textual apps."""
