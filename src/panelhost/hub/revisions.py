"""What a client of an older protocol revision is shown of revision-3 shapes."""

from __future__ import annotations

import msgspec

from panelhost import protocol as p

EARLY_REVISION = 3
"""The first revision whose clients read the `open_for_questions` session status."""


def knows_early(revision: int | None) -> bool:
    """Whether a client that said `revision` in its hello reads `open_for_questions`."""
    return revision is not None and revision >= EARLY_REVISION


def for_older(session: p.SessionInfo) -> p.SessionInfo:
    """The session as a revision-1/2 client reads it: open for questions shows as live.

    Their decoders know only `live` and `ended`; a live session with nothing on stage and
    an idle timer is exactly what an early session is to them (docs/protocol.md).
    """
    if session.status != "open_for_questions":
        return session
    return msgspec.structs.replace(session, status="live")
