"""The join line a hub prints works from another machine (a network namespace with a veth)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.network.netns import offline_machine, or_skip, other_machine
from tests.processes import BlockingPeer, serve_command, start_serve


def test_the_join_lines_serve_prints_work_from_another_machine(tmp_path: Path) -> None:
    with or_skip(other_machine()) as machine:
        serve = start_serve(tmp_path / "sessions", "--bind", "0.0.0.0", "--title", "EM panel")
        try:
            assert serve.joins, "serve printed no join line"
            hosts = [line.split()[2].rsplit(":", 1)[0] for line in serve.joins]
            assert not any(h.startswith("127.") for h in hosts), serve.joins
            # the veth's own address is among them: the room's network is listed
            assert machine.host_address in hosts, serve.joins
            env = {
                **os.environ,
                "XDG_STATE_HOME": str(tmp_path / "state"),
                "XDG_DATA_HOME": str(tmp_path / "data"),
                "PYTHONUNBUFFERED": "1",
            }
            # the best line (the default route's), and the one for the veth's network; any
            # other may be another suite's namespace, there one moment and gone the next
            tried = [serve.joins[0]]
            tried += [line for line in serve.joins[1:] if f" {machine.host_address}:" in line]
            for number, line in enumerate(tried, 1):
                machine.route_to_this_host(line.split()[2].rsplit(":", 1)[0])
                argv = line.split()  # exactly what the hub printed: panelhost join ADDRESS CODE
                assert argv[:2] == ["panelhost", "join"]
                result = machine.run(
                    [sys.executable, "-m", *argv, "--plain", "--name", f"Student {number}"],
                    input=f"ask question {number} from the other machine\n",
                    capture_output=True,
                    env=env,
                    timeout=60,
                )
                assert result.returncode == 0, (line, result.stdout, result.stderr)
            host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
            asked = {(q["author"], q["text"]) for q in host.welcome["state"]["questions"]}
            for number in range(1, len(tried) + 1):
                assert (f"Student {number}", f"question {number} from the other machine") in asked
            host.ws.close()
        finally:
            serve.terminate()


def test_a_machine_on_no_network_shows_loopback_and_says_so(tmp_path: Path) -> None:
    with or_skip(offline_machine()) as machine:
        argv = serve_command(tmp_path, "--bind", "0.0.0.0")
        process = machine.popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert process.stdout is not None
            lines = []
            while not lines or not lines[-1].startswith("journal"):
                line = process.stdout.readline()
                assert line, (lines, process.stderr.read() if process.stderr else "")
                lines.append(line.strip())
        finally:
            process.terminate()
            process.wait(20)
        [join] = [line for line in lines if line.startswith("join ")]
        assert " 127.0.0.1:" in join
        [note] = [line for line in lines if line.startswith("note ")]
        assert "only this machine can join: no network interface is up" in note
