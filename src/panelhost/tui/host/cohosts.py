"""Other host screens on the same session: what this host is told when they come and go."""

from __future__ import annotations


def host_screens_notice(before: int | None, after: int | None) -> str | None:
    """What to tell this host when the hub's count of host screens moved from `before` to
    `after` (None: not known yet, or a hub that does not count them); None: nothing new."""
    if after is None:
        return None
    known = before if before is not None else 1  # a first welcome: this screen alone
    if after == known:
        return None
    if after > known:
        others = after - 1
        who = (
            "Another host screen is attached"
            if others == 1
            else f"{others} other host screens are attached"
        )
        return f"{who}: {after} host screens on this session."
    if after == 1:
        return "The other host screen left: this is the only one on this session now."
    return f"A host screen left: {after} host screens on this session."


def host_screens_words(hosts: int | None) -> str | None:
    """For the status line: `2 host screens` when this screen is not alone, else nothing."""
    return f"{hosts} host screens" if hosts is not None and hosts > 1 else None


class HostScreens:
    """The count of host screens this host was last told, so each change is told once."""

    def __init__(self) -> None:
        self.told: int | None = None

    def heard(self, hosts: int | None) -> str | None:
        """The notice for the count the hub now reports, if it moved."""
        notice = host_screens_notice(self.told, hosts)
        if hosts is not None:
            self.told = hosts
        return notice
