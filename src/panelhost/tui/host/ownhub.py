"""The embedded hub as the host app drives it: a type the command layer fills in.

The TUI never imports `panelhost.embedded` (an import contract in pyproject.toml says so):
`panelhost host` and `panelhost demo` pass their `LiveHub` in, which has this shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class OwnHub(Protocol):
    """The hub process this app started or re-attached to: stop it, or start it again."""

    @property
    def session_id(self) -> str: ...

    def stop(self, timeout: float = 10) -> bool:
        """Stop the hub (its transcript is written); True once it exits."""
        ...

    def revive_or_explain(self, sessions_dir: Path) -> tuple[OwnHub | None, str | None]:
        """Start it again from its journal if it died: the new hub (None when it still runs
        or cannot restart) and one sentence for the host (None when there is nothing to say)."""
        ...
