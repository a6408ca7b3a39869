"""The hub: serves one session over WebSockets (PROTOCOL.md), journals it, fans changes out."""

from panelhost.hub.config import HubConfig, Limits
from panelhost.hub.server import Hub, HubStartError

__all__ = ["Hub", "HubConfig", "HubStartError", "Limits"]
