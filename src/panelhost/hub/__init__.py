"""The hub: serves one session over WebSockets (PROTOCOL.md), journals it, fans changes out."""

from panelhost.hub.config import HubConfig, Limits
from panelhost.hub.listener import HubStartError
from panelhost.hub.server import Hub

__all__ = ["Hub", "HubConfig", "HubStartError", "Limits"]
