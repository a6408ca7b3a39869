"""`panelhost serve --opens-early` says the session is open for questions, also resumed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.processes import serve_command


def started_lines(*command: str) -> list[str]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not lines or not lines[-1].startswith("journal"):
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else "serve exited"
            lines.append(line.strip())
    finally:
        process.terminate()
        process.wait(10)
    return lines


def test_serve_says_open_for_questions_until_the_panel_goes_live(tmp_path: Path) -> None:
    lines = started_lines(*serve_command(tmp_path, "--opens-early", "--title", "EM night"))
    status = [line for line in lines if line.startswith("status")]
    assert status == [
        "status   open for questions: students ask and vote; a host's L (go live) starts it"
    ]
    session_id = next(line for line in lines if line.startswith("session")).split()[1]
    resumed = started_lines(*serve_command(tmp_path, "--resume", session_id))
    assert any(line.startswith("status   open for questions") for line in resumed)
    plain = started_lines(*serve_command(tmp_path / "other"))
    assert not any(line.startswith("status") for line in plain)
