"""The host's Textual app (`panelhost host` and `panelhost demo`)."""

from panelhost.tui.host.app import HostApp, make_host_app
from panelhost.tui.host.options import HostClock, HostOptions, HostResult, HostStats

__all__ = ["HostApp", "HostClock", "HostOptions", "HostResult", "HostStats", "make_host_app"]
