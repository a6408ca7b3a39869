"""Target 5, journal: acknowledged votes per second with fsync group commit, and recovery.

Throughput runs the hub's own path in-process, without sockets: `LiveSession.submit`
(decide, one journal line written, state applied) on the event loop thread while a worker
thread fsyncs what the previous group wrote, as the hub's commit loop does. A vote counts
as acknowledged once an fsync that covers it has returned. Recovery writes a journal of
N synthetic events and times `LiveSession.resume` (read every line, check seqs, fold).

    python -m benchmarks.journal                  # 5 s of votes; a 200,000-event journal
"""

from __future__ import annotations

import argparse
import contextlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.common import percentile, sessions_root, table, write_result
from benchmarks.sessiongen import synthetic_session
from panelhost import protocol as p
from panelhost.core import Actor
from panelhost.core.rules import create_identity
from panelhost.hub.config import HubConfig
from panelhost.hub.fanout import Batch
from panelhost.hub.session import LiveSession
from panelhost.journal import encode_event
from panelhost.sessionfiles import SessionFiles

CHUNK = 50
"""Votes submitted between two looks at whether the running fsync has returned."""


def group_commit(seconds: float, tmpfs: bool, voters: int = 1000) -> dict[str, Any]:
    """Submit votes as fast as the loop can while fsyncs run behind; count acknowledged ones."""
    session = LiveSession.create(HubConfig(sessions_dir=sessions_root(tmpfs)), 0)
    now = 1_795_000_000_000
    actors = []
    for i in range(voters):
        event = create_identity(session.state, f"p-{i}", "participant", f"p{i}", None, now)
        session.commit(event, None)
        actors.append(Actor(f"p-{i}", "participant"))
    host = Actor(None, "host")
    question_ids = []
    for i in range(20):
        answer = session.submit(host, p.Ask(text=f"question {i}?"), now, Batch())
        assert isinstance(answer, p.Ok) and answer.id is not None
        question_ids.append(answer.id)
    session.journal.sync()
    voted: set[tuple[int, int]] = set()
    sync_times: list[float] = []
    groups: list[int] = []
    acked = submitted = turn = 0
    in_flight = 0
    running: Future[float] | None = None

    def timed_sync() -> float:
        start = time.perf_counter()
        session.journal.sync()
        return time.perf_counter() - start

    with ThreadPoolExecutor(1) as worker:
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            batch = Batch()
            group = 0
            while True:
                for _ in range(CHUNK):
                    voter = turn % voters
                    question = question_ids[(turn // voters + voter) % len(question_ids)]
                    turn += 1
                    key = (voter, question)
                    if key in voted:
                        voted.discard(key)
                        request: p.Request = p.Unvote(question_id=question)
                    else:
                        voted.add(key)
                        request = p.Vote(question_id=question)
                    answer = session.submit(actors[voter], request, now, batch)
                    assert isinstance(answer, p.Ok), answer
                group += CHUNK
                if running is None or running.done():
                    break
            if running is not None:
                sync_times.append(running.result())
                acked += in_flight
                groups.append(in_flight)
            in_flight = group
            submitted += group
            running = worker.submit(timed_sync)
        assert running is not None
        sync_times.append(running.result())
        acked += in_flight
        groups.append(in_flight)
        wall = time.perf_counter() - start
    session.journal.close()
    return {
        "tmpfs": tmpfs,
        "acked_votes": acked,
        "acked_votes_per_s": round(acked / wall),
        "fsyncs_per_s": round(len(sync_times) / wall, 1),
        "votes_per_fsync_mean": round(sum(groups) / max(len(groups), 1), 1),
        "fsync_p50_ms": round(percentile(sync_times, 50) * 1000, 3),
        "fsync_p99_ms": round(percentile(sync_times, 99) * 1000, 3),
    }


def recovery(events: int, tmpfs: bool, repeats: int = 3) -> dict[str, Any]:
    """Write a journal of `events` synthetic events, then time resuming it."""
    made = synthetic_session(events=events, questions=max(1, events // 100))
    directory = sessions_root(tmpfs)
    session_id = "2026-11-18-benchmark"
    files = SessionFiles(directory, session_id)
    data = b"".join(encode_event(event) for event in made)
    Path(files.journal).write_bytes(data)
    config = HubConfig(sessions_dir=directory)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        session = LiveSession.resume(config, session_id)
        times.append(time.perf_counter() - start)
        assert session.state.seq == len(made)
        session.journal.close()
    return {
        "events": len(made),
        "journal_mib": round(len(data) / 2**20, 1),
        "resume_s_median": round(sorted(times)[len(times) // 2], 3),
        "resume_s_best": round(min(times), 3),
    }


def run(seconds: float, events: int) -> dict[str, Any]:
    return {
        "measured": "in-process: LiveSession.submit and fsync, no sockets, no clients",
        "group_commit": [group_commit(seconds, tmpfs=False), group_commit(seconds, tmpfs=True)],
        "recovery": recovery(events, tmpfs=False),
    }


def report(result: dict[str, Any]) -> str:
    head = ["sessions on", "acked votes/s", "fsyncs/s", "votes/fsync", "fsync p50 ms", "p99 ms"]
    rows = [
        [
            "tmpfs" if g["tmpfs"] else "disk",
            g["acked_votes_per_s"],
            g["fsyncs_per_s"],
            g["votes_per_fsync_mean"],
            g["fsync_p50_ms"],
            g["fsync_p99_ms"],
        ]
        for g in result["group_commit"]
    ]
    r = result["recovery"]
    recovery_rows = [[r["events"], r["journal_mib"], r["resume_s_median"], r["resume_s_best"]]]
    return (
        "journal group commit, IN-PROCESS (LiveSession.submit + fsync; no sockets, no"
        " clients: the journal's ceiling, not the hub's; goal: >= 20,000 acknowledged votes/s)\n"
        + table(head, rows)
        + "\n\nrecovery (goal: a 200,000-event journal in <= 1 s)\n"
        + table(["events", "MiB", "resume s (median)", "best"], recovery_rows)
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--name", default="journal")
    args = parser.parse_args(argv)
    result = run(args.seconds, args.events)
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
