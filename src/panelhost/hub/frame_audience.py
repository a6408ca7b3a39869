"""Who gets a frame: the audiences fan-out encodes once each (hub/audiences.py sends them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AudienceKind = Literal["all", "hosts", "public", "identity", "public_except", "revision3", "older"]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets a frame: everyone, hosts, participants and viewers, or one identity.

    `public_except` is the public audience minus one identity's connection; `revision3`
    and `older` split everyone by whether their hello said revision 3 (hub/revisions.py).
    """

    kind: AudienceKind
    identity_id: str | None = None


ALL = Audience("all")
HOSTS = Audience("hosts")
PUBLIC = Audience("public")
