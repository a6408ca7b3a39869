"""The host's own hub: a `panelhost serve` child process that outlives the TUI, and re-attach.

The hub runs in its own process (and session group) so a slow repaint never delays fan-out,
and a crash or a closed terminal never ends the session for the room. Each running hub
writes `<id>.live.json` in the sessions directory; `panelhost host` finds it there again.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from panelhost.livefile import read_live_file
from panelhost.reachable import JoinAddresses, join_addresses
from panelhost.sessionfiles import SessionFiles

LOGGED = "panelhost serve: "
"""How the hub's log lines start (its startup lines do not)."""


class EmbeddedHubError(Exception):
    """The hub process could not start; one line saying why."""


@dataclass(frozen=True, slots=True)
class LiveHub:
    """How to reach a hub that serves a session on this machine."""

    session_id: str
    url: str
    code: str
    key_file: Path
    pid: int
    bind: str
    port: int
    join_written: JoinAddresses | None = None
    """Where the room reaches it, as the hub itself printed and wrote it."""
    sessions_dir: Path | None = None
    """Where its journal and transcript are (the directory of its live file)."""

    @property
    def join(self) -> JoinAddresses:
        """The join addresses the hub wrote; worked out here for a hub that wrote none."""
        if self.join_written is not None:
            return self.join_written
        secure = self.url.startswith("wss:")
        return join_addresses(self.bind, self.port, secure=secure)

    @property
    def key(self) -> str:
        return self.key_file.read_text().strip()

    def stop(self, timeout: float = 10) -> bool:
        """SIGTERM the hub (clients get 1001, the transcript is written); True once it exits.

        A hub that died long ago may have left its pid to another process: that one is
        never signalled.
        """
        if not _is_hub(self.pid):
            return True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(self.pid):
                return True
            time.sleep(0.05)
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child that exited but was not reaped yet is a zombie: not alive for us.
    with contextlib.suppress(ChildProcessError, OSError):
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            return False
    return True


def _is_hub(pid: int) -> bool:
    """Alive, and (where /proc tells) a `panelhost serve` process, not a reused pid."""
    if not _alive(pid):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc here: trust the live file
    return b"panelhost" in command and b"serve" in command


def _read_live(path: Path, sessions_dir: Path) -> LiveHub | None:
    """The hub a live file describes, if it can be trusted (see panelhost.livefile)."""
    info = read_live_file(path, sessions_dir)
    if info is None:
        return None
    try:
        return LiveHub(
            session_id=str(info["session_id"]),
            url=str(info["url"]),
            code=str(info["code"]),
            key_file=Path(info["key_file"]),
            pid=int(info["pid"]),
            bind=str(info["bind"]),
            port=int(info["port"]),
            join_written=JoinAddresses.from_json(info),
            sessions_dir=path.parent,
        )
    except (ValueError, KeyError, TypeError):
        return None


def live_hubs(sessions_dir: Path) -> list[LiveHub]:
    """Hubs serving a session from `sessions_dir` whose process is alive, newest first."""
    if not sessions_dir.is_dir():
        return []
    found = []
    for path in sorted(sessions_dir.glob("*.live.json"), key=_mtime, reverse=True):
        hub = _read_live(path, sessions_dir)
        if hub is not None and _is_hub(hub.pid):
            found.append(hub)
    return found


def live_hubs_anywhere(*directories: Path) -> list[LiveHub]:
    """Live hubs in `directories` and in every sessions directory a hub has served from."""
    from panelhost.live_registry import known_sessions_dirs

    found: list[LiveHub] = []
    seen: set[Path] = set()
    for directory in (*directories, *known_sessions_dirs()):
        resolved = directory.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        found += [hub for hub in live_hubs(directory) if hub.pid not in {h.pid for h in found}]
    return found


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def spawn_hub(sessions_dir: Path, serve_args: list[str], timeout: float = 20) -> LiveHub:
    """Start `panelhost serve` detached from this terminal; return it once it listens."""
    sessions_dir.mkdir(parents=True, exist_ok=True)
    log_path = sessions_dir / f".hub-{os.getpid()}-{time.monotonic_ns()}.log"
    command = [
        sys.executable,
        "-m",
        "panelhost",
        "serve",
        "--sessions-dir",
        str(sessions_dir),
        *serve_args,
    ]
    # the log holds the join line: private from its first byte
    with os.fdopen(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # Ctrl+C or a closed terminal do not reach the hub
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = log_path.read_text()
        session_id = _field(output, "session")
        if session_id is not None and _field(output, "journal") is not None:
            hub = _read_live(SessionFiles(sessions_dir, session_id.split()[0]).live, sessions_dir)
            if hub is not None:
                _keep_log(log_path, sessions_dir, hub.session_id)
                return hub
        if process.poll() is not None:
            log_path.unlink(missing_ok=True)
            lines = [line for line in output.strip().splitlines() if line.strip()]
            reason = lines[-1] if lines else f"exit code {process.returncode}"
            raise EmbeddedHubError(reason.removeprefix("panelhost serve: "))
        time.sleep(0.05)
    process.kill()
    raise EmbeddedHubError(f"the hub did not start within {timeout:.0f} s (log: {log_path})")


def revive(hub: LiveHub, sessions_dir: Path, wait_s: float = 15) -> LiveHub | None:
    """Start `hub` again from its journal if its process is gone (a failed fsync exits it).

    None while the old process still runs (the link reconnects to it by itself); the hub
    someone else already restarted; else a new one with `--resume`, on the same address and
    port, so every client's reconnect finds it. Raises EmbeddedHubError with its reason.
    """
    deadline = time.monotonic() + wait_s
    while _is_hub(hub.pid):
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)
    for live in live_hubs(sessions_dir):
        if live.session_id == hub.session_id:
            return live
    resume = ["--resume", hub.session_id, "--bind", hub.bind, "--port", str(hub.port)]
    return spawn_hub(sessions_dir, resume)


def revive_or_explain(
    hub: LiveHub, sessions_dir: Path, wait_s: float = 15
) -> tuple[LiveHub | None, str | None]:
    """`revive`, and one sentence for the host: what happened, or why it cannot restart."""
    why = last_words(sessions_dir, hub.session_id)
    try:
        revived = revive(hub, sessions_dir, wait_s)
    except EmbeddedHubError as exc:
        return None, (
            f"The hub stopped and could not be restarted: {exc}. Fix that, then run "
            f"panelhost host --resume {hub.session_id}"
        )
    if revived is None or revived.pid == hub.pid:
        return None, None  # still running: the link reconnects by itself
    stopped = f"The hub stopped ({why})" if why else "The hub stopped"
    return revived, (
        f"{stopped}; it was restarted from its journal. Everyone reconnects by themselves."
    )


def _field(output: str, name: str) -> str | None:
    for line in output.splitlines():
        key, _, value = line.partition(" ")
        if key == name:
            return value.strip()
    return None


def _keep_log(log_path: Path, sessions_dir: Path, session_id: str) -> None:
    """Name the hub's log after its session; a restarted hub keeps the last one's as
    `<id>.hub.previous.log` (it says why that hub stopped)."""
    kept = sessions_dir / f"{session_id}.hub.log"
    with contextlib.suppress(OSError):
        if kept.exists():
            kept.replace(sessions_dir / f"{session_id}.hub.previous.log")
        log_path.replace(kept)


def last_words(sessions_dir: Path, session_id: str) -> str | None:
    """The last thing a hub of this session logged (why it stopped), if anything."""
    try:
        lines = (sessions_dir / f"{session_id}.hub.log").read_text(errors="replace").splitlines()
    except OSError:
        return None
    said = [line.strip().removeprefix(LOGGED) for line in lines if line.startswith(LOGGED)]
    return said[-1][:300] if said else None
