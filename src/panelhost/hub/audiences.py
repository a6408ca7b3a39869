"""Who is connected, grouped by what they may see, so fan-out never filters per connection."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from websockets.asyncio.server import ServerConnection

from panelhost import protocol as p
from panelhost.hub.frame_audience import ALL, HOSTS, PUBLIC, Audience
from panelhost.hub.limits import FloodCounter, TokenBucket
from panelhost.hub.revisions import knows_early


class Client:
    """One open connection that has said hello."""

    __slots__ = ("address", "bucket", "flood", "identity_id", "name", "revision", "role", "ws")

    def __init__(
        self,
        ws: ServerConnection,
        identity_id: str,
        name: str,
        role: p.Role,
        address: str,
        bucket: TokenBucket,
        flood: FloodCounter,
    ) -> None:
        self.ws = ws
        self.identity_id = identity_id
        self.name = name
        self.role = role
        self.address = address
        self.bucket = bucket
        self.flood = flood
        self.revision: int | None = None
        """The protocol revision its hello named (None: revision 1 or 2)."""


class Audiences:
    """Welcomed clients: one connection per identity, hosts apart from everyone else."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        """identity id -> its one live connection (viewers too, under their own ids)."""
        self.hosts: set[ServerConnection] = set()
        self.public: set[ServerConnection] = set()
        """Participants and viewers: they see the same questions."""
        self.participants = 0
        """Distinct participant identities connected (PROTOCOL.md `participants`)."""
        self.viewers = 0

    def connected(self, identity_id: str) -> bool:
        return identity_id in self.clients

    def add(self, client: Client) -> Client | None:
        """Start sending `client` changes; the connection it replaces (same identity), if any."""
        previous = self.clients.get(client.identity_id)
        if previous is not None:
            self.remove(previous)
        self.clients[client.identity_id] = client
        (self.hosts if client.role == "host" else self.public).add(client.ws)
        self._count(client, +1)
        return previous

    def remove(self, client: Client) -> bool:
        """Stop sending `client` changes; False if it was already gone (or replaced)."""
        if self.clients.get(client.identity_id) is not client:
            return False
        del self.clients[client.identity_id]
        self.hosts.discard(client.ws)
        self.public.discard(client.ws)
        self._count(client, -1)
        return True

    def _count(self, client: Client, delta: int) -> None:
        if client.role == "participant":
            self.participants += delta
        elif client.role == "viewer":
            self.viewers += delta

    def targets(self, audience: Audience) -> Iterable[ServerConnection]:
        """The connections an audience stands for."""
        if audience is ALL:
            return itertools.chain(self.hosts, self.public)
        if audience is HOSTS:
            return self.hosts
        if audience is PUBLIC:
            return self.public
        if audience.kind in ("revision3", "older"):
            early = audience.kind == "revision3"
            return (c.ws for c in self.clients.values() if knows_early(c.revision) == early)
        client = self.clients.get(audience.identity_id or "")
        if audience.kind == "identity":
            return (client.ws,) if client is not None else ()
        excluded = client.ws if client is not None else None
        return (ws for ws in self.public if ws is not excluded)
