"""Journal write failures (disk full, read-only directory): refuse the change, keep serving."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from panelhost.journal import read_journal
from tests.processes import ServeProcess, serve_command, start_serve
from tests.reliability.peers import join

JOURNAL_ROOM = 16 * 1024
"""Bytes any one file of the hub may grow to: room for a session's start and a few questions."""


def _file_size_limit(size: int) -> Callable[[], None]:
    """A preexec_fn: writes past `size` bytes fail with EFBIG (as on a full disk), no signal."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))

    return limit


def _start_limited(sessions_dir: Path, size: int) -> ServeProcess:
    """`panelhost serve` whose files cannot grow past `size` bytes; waits until it listens."""
    return start_serve(sessions_dir, preexec_fn=_file_size_limit(size))


async def test_a_full_disk_refuses_the_change_and_the_hub_keeps_serving(tmp_path):
    serve = _start_limited(tmp_path, JOURNAL_ROOM)
    try:
        host = await join(serve, role="host", name="Maya")
        ana = await join(serve)
        journal = tmp_path / f"{serve.session_id}.journal.jsonl"
        accepted: list[int] = []
        refused = None
        for i in range(100):  # the limit is reached long before
            reply = await host.request("ask", text=f"{i:03d} " + "x" * 290)
            if reply["type"] == "error":
                refused = reply
                break
            accepted.append(reply["id"])
        assert refused is not None and refused["code"] == "unavailable", refused
        assert "try again later" in refused["message"]

        # Smaller changes may still fit; once they do not, they are refused the same way.
        voted: list[int] = []
        for question_id in accepted:
            reply = await ana.request("vote", question_id=question_id)
            if reply["type"] == "error":
                assert reply["code"] == "unavailable", reply
                break
            voted.append(question_id)
        else:
            raise AssertionError("every vote fitted: the limit was never reached")
        size_after_refusal = journal.stat().st_size

        # Nothing refused changed: not on disk, not in the state that is served.
        again = await join(serve, token=ana.token)  # resuming needs no write
        state = again.welcome["state"]
        assert [q["id"] for q in state["questions"]] == accepted
        assert sorted(state["my_votes"]) == voted
        assert [q["votes"] for q in state["questions"]] == [
            1 if q in voted else 0 for q in accepted
        ]
        viewer = await join(serve, role="viewer", name="Room screen")  # never journaled
        assert len(viewer.welcome["state"]["questions"]) == len(accepted)
        # A newcomer needs an identity written: refused with the same one clear reason.
        newcomer = await join_refused(serve)
        assert newcomer["code"] == "unavailable"
        # What the hub has is still consistent: every acknowledged question, no torn line.
        assert journal.stat().st_size == size_after_refusal
        recovered = read_journal(journal)
        assert recovered.warning is None
        asked = [e for e in recovered.events if type(e).__name__ == "QuestionAsked"]
        assert [e.question_id for e in asked] == accepted
        votes = [e for e in recovered.events if type(e).__name__ == "VoteAdded"]
        assert [e.question_id for e in votes] == voted
    finally:
        code = serve.terminate()
    assert code == 0


async def join_refused(serve) -> dict:
    from tests.hub.wire import hello
    from tests.reliability.peers import hello_message

    ws, reply = await hello(serve.url, hello_message(serve, "participant", "Newcomer"))
    await ws.close()
    return reply


def test_a_full_disk_at_start_gives_one_line_and_exit_2(tmp_path):
    result = subprocess.run(
        serve_command(tmp_path / "sessions"),
        preexec_fn=_file_size_limit(0),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert "File too large" in message
    # Nothing half-made is left behind to trip the next start.
    assert list((tmp_path / "sessions").iterdir()) == []


@contextlib.contextmanager
def _read_only(directory: Path) -> Iterator[None]:
    """Make `directory` refuse new files, also for root (immutable flag), or skip."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(directory)]).returncode != 0:
        pytest.skip("cannot make a directory read-only for root here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


def test_a_read_only_sessions_directory_gives_one_line_and_exit_2(tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    with _read_only(sessions):
        result = subprocess.run(serve_command(sessions), capture_output=True, text=True, timeout=30)
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert str(sessions) in message
