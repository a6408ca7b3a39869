"""The files of one session in a sessions directory, named from its session id."""

from __future__ import annotations

import shlex
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SessionFiles:
    """`<id>.journal.jsonl` (the truth), `<id>.json` (transcript), `<id>.key`, `<id>.live.json`."""

    directory: Path
    session_id: str

    @property
    def journal(self) -> Path:
        return self.directory / f"{self.session_id}.journal.jsonl"

    @property
    def transcript(self) -> Path:
        return self.directory / f"{self.session_id}.json"

    @property
    def key(self) -> Path:
        """The host key, mode 0600, unless `--key-file` names another file."""
        return self.directory / f"{self.session_id}.key"

    @property
    def live(self) -> Path:
        """Written while a hub serves this session: how to reach it (for re-attach)."""
        return self.directory / f"{self.session_id}.live.json"


JOURNAL_SUFFIX = ".journal.jsonl"


def session_ids(directory: Path) -> list[str]:
    """Ids of every session with a journal in `directory`."""
    if not directory.is_dir():
        return []
    return sorted(p.name[: -len(JOURNAL_SUFFIX)] for p in directory.glob(f"*{JOURNAL_SUFFIX}"))


def saved_message(transcript: Path) -> str:
    """Where a session's transcript is and how to read it, in commands that work as printed
    from any directory (the demo's sessions directory is a temporary one, unknown to
    `panelhost export ID`)."""
    transcript = transcript.absolute()
    lines = [f"Transcript saved to {transcript}"]
    if Path(tempfile.gettempdir()).absolute() in transcript.parents:
        lines.append("It is in a temporary directory: copy it somewhere to keep it.")
    where = shlex.quote(str(transcript))
    lines += [f"Notes: panelhost export {where} -o notes.md", f"Replay: panelhost replay {where}"]
    return "\n".join(lines)
