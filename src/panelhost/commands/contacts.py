"""`export ID --follow-ups` and `sessions --forget-contacts ID`: the host's private lists."""

from __future__ import annotations

from pathlib import Path

from panelhost.cli import UsageError
from panelhost.sessionfiles import JOURNAL_SUFFIX, SessionFiles


def session_files(target: str, given_dir: Path | None) -> SessionFiles:
    """The files of the session `target` names: a session id, or a path to its journal."""
    from panelhost.transcript import TranscriptError
    from panelhost.transcript.locate import sessions_dir

    path = Path(target).expanduser()
    if path.name.endswith(JOURNAL_SUFFIX) and path.is_file():
        return SessionFiles(path.parent, path.name[: -len(JOURNAL_SUFFIX)])
    if "/" in target or "\\" in target:
        raise UsageError(f"{target}: give a session id or its .journal.jsonl (contacts live there)")
    try:
        directory = sessions_dir(given_dir)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    files = SessionFiles(directory, target)
    if not files.journal.is_file():
        raise UsageError(
            f"no journal for session {target!r} in {directory} (panelhost sessions lists them)"
        )
    return files


def export(target: str, given_dir: Path | None, output: Path | None) -> int:
    from panelhost.transcript.contacts import ContactsError, export_follow_ups

    files = session_files(target, given_dir)
    try:
        written = export_follow_ups(files, output)
    except ContactsError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write the follow-ups ({exc.strerror})") from None
    if not written:
        print(f"no follow-ups in session {files.session_id}")
        return 0
    for path in written:
        print(f"wrote {path} (private: mode 0600)")
    print(f"forget them once forwarded: panelhost sessions --forget-contacts {files.session_id}")
    return 0


def forget(target: str, given_dir: Path | None) -> int:
    from panelhost.transcript.contacts import ContactsError, forget_contacts

    files = session_files(target, given_dir)
    try:
        forgotten = forget_contacts(files)
    except ContactsError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{files.journal}: cannot rewrite it ({exc.strerror})") from None
    print(
        f"forgot the contact details of {forgotten} follow-up{'s' if forgotten != 1 else ''}"
        f" of session {files.session_id}"
        " (journal rewritten, exports deleted)"
    )
    return 0
