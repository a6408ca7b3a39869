"""Target 2, vote storm: 1,000 participants casting 2,000 votes/s in total for 30 s.

Every participant votes and unvotes in turn over a set of questions, paced by one
scheduler so the whole crowd sends `--rate` votes per second. Measured:

- vote to every client: from sending a vote to the moment the last participant received the
  `votes` frame that carries it (the frame just before the voter's `ok` has its batch's seq);
- backlog: send-to-ok latency second by second, and votes sent but not yet answered;
- exact final counts: every participant's counts equal the ledger of acknowledged votes
  and the counts a fresh host is welcomed with;
- hub CPU, and frames sent per vote (what coalescing saves: without it, one per client).

    python -m benchmarks.storm                       # 1,000 clients, 2,000 votes/s, 30 s
    python -m benchmarks.storm --clients 200 --rate 400 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from collections import defaultdict
from typing import Any

import msgspec

from benchmarks import loadgen
from benchmarks.common import (
    cpu_seconds,
    own_cpu_seconds,
    percentile,
    raise_open_files_limit,
    sessions_root,
    start_hub,
    summary_ms,
    table,
    write_result,
)
from benchmarks.hostapp import HostAppProcess
from benchmarks.rawclient import Frame, RawClient

_encode = msgspec.json.Encoder().encode
TICK_S = 0.005


class Ledger:
    """What the load generator sent, what the hub answered, and when frames arrived."""

    def __init__(self) -> None:
        self.sent: dict[int, tuple[float, int, int]] = {}
        """ref -> (time sent, +1 vote or -1 unvote, question id)."""
        self.ok_at: dict[int, float] = {}
        self.batch_of: dict[int, int] = {}
        """ref -> seq of the votes frame that carried it (the last one before its ok)."""
        self.errors: dict[str, int] = defaultdict(int)
        self.counts: dict[int, int] = defaultdict(int)
        """question id -> votes, from acknowledged requests."""
        self.first_arrival: dict[int, float] = {}
        self.last_arrival: dict[int, float] = {}
        self.deliveries: dict[int, int] = defaultdict(int)
        """seq -> how many participants received that votes frame."""
        self.frames = 0

    def on_frame(self, client: RawClient, frame: Frame, now: float) -> None:
        kind = frame.type
        if kind == "votes":
            seq = frame.seq
            self.frames += 1
            self.deliveries[seq] += 1
            self.last_arrival[seq] = now
            if seq not in self.first_arrival:
                self.first_arrival[seq] = now
        elif kind == "ok":
            ref = frame.ref
            if isinstance(ref, int) and ref in self.sent:
                self.ok_at[ref] = now
                self.batch_of[ref] = client.last_seq
                _, delta, question = self.sent[ref]
                self.counts[question] += delta
        elif kind == "error":
            self.errors[frame.code or "?"] += 1
            if isinstance(frame.ref, int):
                self.ok_at[frame.ref] = now


async def run(
    clients: int,
    rate: float,
    seconds: float,
    questions: int,
    tmpfs: bool,
    with_host_app: bool = False,
) -> dict[str, Any]:
    """One storm against a fresh hub; returns the figures.

    With `with_host_app`, the host TUI runs headless in its own process, connected as host,
    while a key is pressed ten times a second: its repaints and key latencies are reported.
    """
    raise_open_files_limit()
    hub = start_hub(sessions_root(tmpfs))
    ledger = Ledger()
    crowd: list[RawClient] = []
    host: RawClient | None = None
    app: HostAppProcess | None = None
    app_figures: dict[str, Any] = {}
    try:
        host = await loadgen.join_host(hub)
        question_ids = await loadgen.ask_questions(host, questions)
        crowd = await loadgen.join_crowd(hub, clients, ledger.on_frame)
        if with_host_app:
            app = await HostAppProcess.start(hub.url, hub.key)
            app.keys(True)
            await asyncio.sleep(2)  # key presses on an idle session, for comparison
            idle = await app.mark()
            first = idle
        voted: list[set[int]] = [set() for _ in crowd]
        cursor = [i % questions for i in range(clients)]  # spread the crowd over the questions
        frames_before = sum(c.frames for c in crowd)
        ref = 0
        outstanding: list[int] = []
        cpu_hub, cpu_own = cpu_seconds(hub.pid), own_cpu_seconds()
        start = time.perf_counter()
        sent = 0
        next_client = 0
        next_sample = start + 1.0
        while True:
            now = time.perf_counter()
            elapsed = now - start
            if elapsed >= seconds:
                break
            due = int(elapsed * rate)
            while sent < due:
                index = next_client
                next_client = (next_client + 1) % clients
                question = question_ids[cursor[index]]
                cursor[index] = (cursor[index] + 1) % questions
                mine = voted[index]
                if question in mine:
                    mine.discard(question)
                    kind, delta = "unvote", -1
                else:
                    mine.add(question)
                    kind, delta = "vote", 1
                ref += 1
                ledger.sent[ref] = (time.perf_counter(), delta, question)
                crowd[index].send_text(_encode({"type": kind, "question_id": question, "ref": ref}))
                sent += 1
            if now >= next_sample:
                outstanding.append(sent - len(ledger.ok_at))
                next_sample += 1.0
            await asyncio.sleep(TICK_S)
        storm_wall = time.perf_counter() - start
        cpu_hub = cpu_seconds(hub.pid) - cpu_hub
        cpu_own = own_cpu_seconds() - cpu_own
        if app is not None:
            last = await app.mark()
            span = last["t"] - first["t"]
            app_figures = {
                "host_app_repaints_per_s": round((last["repaints"] - first["repaints"]) / span, 1),
                "host_app_flushes_per_s": round((last["flushes"] - first["flushes"]) / span, 1),
                "host_app_key": summary_ms(last["keys"]),
                "host_app_key_idle": summary_ms(idle["keys"]),
            }
        # drain: every request answered
        deadline = time.perf_counter() + 60
        while len(ledger.ok_at) < sent and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        drained_s = time.perf_counter() - start - storm_wall
        truth_host = await loadgen.join_host(hub)
        truth = {q: truth_host.counts.get(q, 0) for q in question_ids}
        truth_host.close()
        expected = {q: ledger.counts.get(q, 0) for q in question_ids}
        deadline = time.perf_counter() + 30
        wrong = clients
        while time.perf_counter() < deadline:
            wrong = sum(
                1 for c in crowd if any(c.counts.get(q, 0) != expected[q] for q in question_ids)
            )
            if wrong == 0:
                break
            await asyncio.sleep(0.05)
        frames = sum(c.frames for c in crowd) - frames_before
    finally:
        if app is not None:
            await app.stop()
        loadgen.close_all(crowd)
        if host is not None:
            host.close()
        await asyncio.to_thread(hub.stop)
    figures = _figures(
        ledger,
        clients=clients,
        rate=rate,
        seconds=seconds,
        sent=sent,
        storm_wall=storm_wall,
        drained_s=drained_s,
        cpu_hub=cpu_hub,
        cpu_own=cpu_own,
        frames=frames,
        outstanding=outstanding,
        wrong=wrong,
        truth_matches=truth == expected,
        tmpfs=tmpfs,
    )
    return {**figures, "with_host_app": with_host_app, **app_figures}


def _figures(ledger: Ledger, **facts: Any) -> dict[str, Any]:
    sent, clients = facts["sent"], facts["clients"]
    to_all: list[float] = []
    incomplete = 0
    for ref, seq in ledger.batch_of.items():
        if ledger.deliveries.get(seq, 0) < clients:
            incomplete += 1
            continue
        to_all.append(ledger.last_arrival[seq] - ledger.sent[ref][0])
    ok_latency = [ledger.ok_at[r] - ledger.sent[r][0] for r in ledger.ok_at if r in ledger.sent]
    by_second: dict[int, list[float]] = defaultdict(list)
    start = min((t for t, _, _ in ledger.sent.values()), default=0.0)
    for ref, at in ledger.ok_at.items():
        sent_at = ledger.sent[ref][0]
        by_second[int(sent_at - start)].append(at - sent_at)
    p99_by_second = [round(percentile(by_second[s], 99) * 1000, 1) for s in sorted(by_second)]
    acked = len(ledger.batch_of)
    batches = len(ledger.deliveries)
    wall = facts["storm_wall"]
    return {
        "clients": clients,
        "rate_wanted": facts["rate"],
        "seconds": facts["seconds"],
        "tmpfs": facts["tmpfs"],
        "votes_sent": sent,
        "votes_acked": acked,
        "rate_achieved": round(sent / wall, 1),
        "errors": dict(ledger.errors),
        "vote_to_every_client": summary_ms(to_all),
        "votes_not_seen_by_all": incomplete,
        "send_to_ok": summary_ms(ok_latency),
        "ok_p99_ms_by_second": p99_by_second,
        "outstanding_by_second": facts["outstanding"],
        "drain_after_storm_s": round(facts["drained_s"], 2),
        "clients_with_wrong_final_counts": facts["wrong"],
        "hub_counts_match_ledger": facts["truth_matches"],
        "hub_cpu_share": round(facts["cpu_hub"] / wall, 2),
        "loadgen_cpu_share": round(facts["cpu_own"] / wall, 2),
        "votes_frames_per_second": round(batches / wall, 1),
        "frames_to_participants_per_vote": round(facts["frames"] / max(acked, 1), 2),
        "frames_per_vote_without_coalescing": clients,
    }


def report(result: dict[str, Any]) -> str:
    r = result
    rows = [
        ["votes sent / acked", f"{r['votes_sent']} / {r['votes_acked']}"],
        ["rate achieved (votes/s)", r["rate_achieved"]],
        ["vote to every client p50 / p99 / max ms", _trio(r["vote_to_every_client"])],
        ["send to ok p50 / p99 / max ms", _trio(r["send_to_ok"])],
        ["drain after the storm (s)", r["drain_after_storm_s"]],
        ["clients with wrong final counts", r["clients_with_wrong_final_counts"]],
        ["hub counts match the ledger", r["hub_counts_match_ledger"]],
        ["errors", r["errors"] or "none"],
        ["hub CPU share", r["hub_cpu_share"]],
        ["load generator CPU share", r["loadgen_cpu_share"]],
        ["votes frames (batches) per second", r["votes_frames_per_second"]],
        ["frames to participants per vote", r["frames_to_participants_per_vote"]],
        ["... without coalescing", r["frames_per_vote_without_coalescing"]],
    ]
    title = (
        f"vote storm: {r['clients']} clients, {r['rate_wanted']:g} votes/s, {r['seconds']:g} s"
        f" ({'tmpfs' if r['tmpfs'] else 'disk'}; goal p99 vote-to-every-client <= 250 ms)"
    )
    seconds = (
        "\nok p99 ms, second by second: "
        + " ".join(map(str, r["ok_p99_ms_by_second"]))
        + "\nunanswered, second by second: "
        + " ".join(map(str, r["outstanding_by_second"]))
    )
    return title + "\n" + table(["figure", "value"], rows) + seconds


def _trio(s: dict[str, float]) -> str:
    return f"{s['p50_ms']} / {s['p99_ms']} / {s['max_ms']}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=2000, help="votes per second, in total")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--tmpfs", action="store_true", help="sessions on /dev/shm")
    parser.add_argument("--name", default="storm")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.clients, args.rate, args.seconds, args.questions, args.tmpfs))
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
