"""The host's `o`: the projector view for this session, opened beside the host screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from panelhost.tui.host.ownhub import Projector
    from panelhost.tui.screen.launch import Launched


def join_target(join_command: str | None) -> tuple[str, str] | None:
    """`panelhost join ADDRESS CODE` -> (ADDRESS, CODE); None when the code is not known."""
    words = (join_command or "").split()
    if len(words) < 4 or words[:2] != ["panelhost", "join"] or words[-1].startswith("<"):
        return None
    return words[-2], words[-1]


def projector_for(url: str, join_command: str | None) -> Projector | None:
    """What `o` runs for a hub at `url`; None when the join code is not known here."""
    target = join_target(join_command)
    if target is None:
        return None
    address, code = target

    def open_projector() -> Launched:
        from panelhost.tui.screen.launch import open_screen_window

        return open_screen_window(url, code, join_address=address)

    return open_projector
