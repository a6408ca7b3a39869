"""Textual apps: the host, the participant client, the projector screen and replay."""
