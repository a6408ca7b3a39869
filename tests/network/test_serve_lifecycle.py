"""`panelhost serve` starting and ending: a refused port leaves nothing; an end is said."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from tests.processes import BlockingPeer, serve_command, start_serve


def test_a_port_in_use_leaves_no_journal_and_names_the_port_option(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            serve_command(sessions, "--title", "EM panel", port=port),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"panelhost serve: port {port} is already in use on 127.0.0.1 (another hub or program "
        "listens there); pick another --port, or --port 0 for any free one\n"
    )
    assert sorted(p.name for p in sessions.iterdir() if not p.name.startswith(".")) == []
    serve = start_serve(sessions, "--title", "EM panel")
    try:
        assert not serve.session_id.endswith("-2")  # the refused start took no id
    finally:
        serve.terminate()


def test_serve_says_where_the_transcript_went_when_a_host_ends_the_session(
    tmp_path: Path,
) -> None:
    serve = start_serve(tmp_path / "sessions", "--title", "EM panel")
    try:
        host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
        host.request("end")
        assert serve.process.stdout is not None
        line = ""
        while not line.startswith("ended"):  # past the page's QR code, printed at start
            read = serve.process.stdout.readline()
            assert read, "serve's output ended without an `ended` line"
            line = read.strip()
        transcript = tmp_path / "sessions" / f"{serve.session_id}.json"
        assert line == (
            f"ended    a host ended the session; transcript {transcript} "
            "(late joiners are told it ended; Ctrl+C stops this hub)"
        )
        assert transcript.exists()
    finally:
        serve.terminate()
