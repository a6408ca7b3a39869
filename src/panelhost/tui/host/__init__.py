"""The host's Textual app (`panelhost host` and `panelhost demo`)."""

from panelhost.tui.host.app import HostApp, HostClock, HostOptions, HostResult, make_host_app

__all__ = ["HostApp", "HostClock", "HostOptions", "HostResult", "make_host_app"]
