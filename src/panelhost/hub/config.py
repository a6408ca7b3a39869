"""What a hub is told at start: the session to create or resume, where, and its limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Limits:
    """PROTOCOL.md's defaults; tests and benchmarks tune them."""

    max_message_bytes: int = 16 * 1024
    hello_timeout_s: float = 10.0
    ping_interval_s: float | None = 20.0
    ping_timeout_s: float | None = 20.0
    max_unsent_bytes: int = 1024 * 1024
    """A client with more than this waiting unsent is dropped (its transport aborted)."""
    requests_per_second: float = 20.0
    request_burst: int = 40
    flood_messages_per_second: int = 200
    failed_hellos_per_minute: int = 20
    new_identities_per_minute: int = 300
    """New participant or host identities one address may create per minute (each is kept
    for the whole session). A room behind one NAT or proxy shares one address: generous."""
    max_participants: int = 10_000
    max_viewers: int = 200
    """Room screens; they are not participants, so they get a cap of their own."""
    max_connections: int = 20_000
    """Open TCP connections of any kind, greeted or not; past it, HTTP 503 at the upgrade."""


@dataclass(frozen=True, slots=True)
class HubConfig:
    """Options of `panelhost serve` (and of the hub that `panelhost host` embeds)."""

    sessions_dir: Path
    bind: str = "127.0.0.1"
    port: int = 8765
    title: str = "Panel"
    code: str | None = None
    key_file: Path | None = None
    moderation: bool = False
    opens_early: bool = False
    """`--opens-early`: the session starts open for questions; a host's `go_live` starts it."""
    panelists: tuple[tuple[str, str | None], ...] = ()
    resume: str | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    public_url: str | None = None
    """The address students open behind a proxy (`https://panel.example.org`): links, QR
    codes and an allowed origin."""
    allowed_origins: tuple[str, ...] = ()
    """Browser origins admitted besides the hub's own (`--allowed-origin`)."""
    trusted_proxies: tuple[str, ...] = ()
    """Peers (addresses or networks) whose `X-Forwarded-For` names the real client."""
    public_address: str | None = None
    """`--public-address`: what the room types to reach this hub (NAT, a proxy, a DNS name)."""
    limits: Limits = field(default_factory=Limits)
