"""One journal, one writer: a second hub on a live session refuses to start, naming the first."""

from __future__ import annotations

import subprocess

from panelhost.journal import read_journal
from tests.processes import serve_command, start_serve
from tests.reliability.peers import join


async def test_a_second_hub_on_a_live_session_refuses_and_the_first_keeps_its_journal(tmp_path):
    first = start_serve(tmp_path)
    try:
        host = await join(first, role="host", name="Maya")
        asked = await host.request("ask", text="Hub A's question")
        assert asked["type"] == "ok"
        journal = tmp_path / f"{first.session_id}.journal.jsonl"
        before = journal.read_bytes()

        second = subprocess.run(
            serve_command(tmp_path, "--resume", first.session_id),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 2, second.stderr
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in lines[0], lines
        assert f"already served by another hub (pid {first.process.pid}" in lines[0]
        assert first.url in lines[0]
        assert second.stdout == ""  # it never said it listens

        # the refusal touched nothing: not a byte of the journal (no torn-tail truncation)
        assert journal.read_bytes() == before
        again = await host.request("ask", text="Hub A goes on")
        assert again["type"] == "ok" and again["id"] == asked["id"] + 1
        texts = [e.text for e in read_journal(journal).events if hasattr(e, "text")]
        assert texts[-2:] == ["Hub A's question", "Hub A goes on"]
    finally:
        assert first.terminate() == 0
    # once the first is gone, the session resumes normally
    resumed = start_serve(tmp_path, "--resume", first.session_id)
    assert resumed.terminate() == 0
