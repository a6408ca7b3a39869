"""Crash harness: random workloads, SIGKILL at a random moment, --resume, nothing lost or doubled.

Each cycle resumes the session in a real `panelhost serve` process, reconnects every client
with its resume token (a client whose `ask` was in flight resends it with the same nonce),
runs a random workload of asks, votes and host actions from several clients at once, and
SIGKILLs the hub at a random moment. Then it reads the journal and checks that every
request the hub acknowledged (`ok`) is there, inside the window of seqs the client saw
around it, and that nothing appears twice. Every few cycles a torn half line is appended
before the restart (it must be dropped with a warning); at the end a copy of the journal
with a corrupt middle line must refuse to start with one clear line.

SIGKILL alone proves write-before-ack, not fsync-before-ack: the page cache survives the
kill, so a hub that never fsyncs passes. `--power-loss` runs every hub under
benchmarks/fsync_probe.py, which records the journal's length at each successful fsync,
and after each kill cuts the journal back to that length (what a power cut leaves when
the unsynced pages are gone) before checking and restarting; with `--fsync skip` it fails.

    python -m benchmarks.crash_harness --cycles 1000                # SIGKILL
    python -m benchmarks.crash_harness --cycles 1000 --power-loss   # SIGKILL + power cut
    python -m benchmarks.crash_harness --cycles 5 --seed 7

Everything runs on 127.0.0.1; every hub process is killed before the harness returns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from websockets.asyncio.client import ClientConnection, connect

from benchmarks import fsync_probe
from panelhost.core import events as ev
from panelhost.core import fold, views
from panelhost.journal import read_journal

MAX_KILL_DELAY_S = 0.6
"""The hub is killed a uniformly random time up to this long after the workload starts."""


SERVE = (sys.executable, "-m", "panelhost", "serve")


class HarnessFailure(AssertionError):
    """An acknowledged change was lost or duplicated, or recovery misbehaved."""


# -- the hub process --------------------------------------------------------------------------


@dataclass
class Serve:
    """A running `panelhost serve`."""

    process: subprocess.Popen[str]
    session_id: str
    port: int
    code: str
    key: str

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait(10)


def start_serve(
    directory: Path, *args: str, launcher: list[str] | None = None
) -> tuple[Serve, str]:
    """Start a hub on 127.0.0.1; returns it and what it printed on stderr before listening.

    `launcher` runs panelhost some other way (benchmarks/fsync_probe.py, for power loss).
    """
    serve = [*launcher, "serve"] if launcher else list(SERVE)
    command = [*serve, "--sessions-dir", str(directory)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    errors = directory / "serve.stderr"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [*command, "--bind", "127.0.0.1", *args],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
        )
    assert process.stdout is not None
    fields: dict[str, str] = {}
    while "journal" not in fields:
        line = process.stdout.readline()
        if not line:
            process.kill()
            process.wait(10)
            raise HarnessFailure(f"panelhost serve did not start: {errors.read_text().strip()}")
        name, _, value = line.strip().partition(" ")
        fields[name] = value.strip()
    warnings = errors.read_text()  # printed before the lines above
    address = fields["address"]
    key_file = Path(fields["host"].removeprefix("key").strip())
    serve = Serve(
        process=process,
        session_id=fields["session"].split()[0],
        port=int(address.rsplit(":", 1)[1].split("/")[0]),
        code=fields["join"].split()[-1],
        key=key_file.read_text().strip(),
    )
    return serve, warnings


# -- clients -----------------------------------------------------------------------------------


@dataclass
class Ack:
    """A request the hub answered `ok`, with the seqs its sender had seen around it."""

    identity_id: str
    request: dict[str, Any]
    reply: dict[str, Any]
    seq_sent: int
    seq_acked: int
    resent: bool = False


@dataclass
class Actor:
    """One participant or host identity, kept across restarts by its resume token."""

    role: str
    name: str
    token: str | None = None
    identity_id: str = ""
    last_seq: int = 0
    questions: dict[int, str] = field(default_factory=dict)
    """Question id -> status, for the questions this actor can see."""
    my_votes: set[int] = field(default_factory=set)
    in_flight: dict[str, Any] | None = None
    asks: int = 0
    edits: int = 0


def _choose_request(actor: Actor, rng: random.Random) -> dict[str, Any]:
    """A plausible random request for this actor (it may still fail: that is fine)."""
    ids = list(actor.questions) or [1]
    question_id = rng.choice(ids)
    roll = rng.random()
    # Participants may ask 5 questions a minute; hosts are exempt, so they ask most.
    if roll < (0.2 if actor.role == "host" else 0.03):
        actor.asks += 1
        nonce = f"{actor.identity_id}-{actor.asks}"
        return {"type": "ask", "text": f"Question {nonce}", "nonce": nonce}
    if roll < 0.55:
        if question_id in actor.my_votes and rng.random() < 0.5:
            return {"type": "unvote", "question_id": question_id}
        return {"type": "vote", "question_id": question_id}
    if actor.role != "host":
        if roll < 0.6:
            return {"type": "withdraw", "question_id": question_id}
        return {"type": "vote", "question_id": question_id}
    if roll < 0.75:
        action = rng.choice(["approve", "dismiss", "restore", "mark_answered", "reopen"])
        return {"type": action, "question_id": question_id}
    if roll < 0.8:
        actor.edits += 1
        return {
            "type": "edit",
            "question_id": question_id,
            "text": f"Edit {actor.name} {actor.edits}",
        }
    if roll < 0.85:
        return {"type": "set_now", "question_id": question_id, "panelist_id": rng.choice([1, 2])}
    if roll < 0.92:
        action = rng.choice(["start", "pause", "resume", "reset", "add"])
        request: dict[str, Any] = {"type": "timer", "action": action}
        if action in ("start", "add"):
            request["seconds"] = rng.randint(10, 300)
        return request
    actor.edits += 1
    return {"type": "note", "text": f"Note {actor.name} {actor.edits}", "question_id": None}


def _hello(actor: Actor, serve: Serve) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "hello", "protocol": 1, "role": actor.role}
    message["name"] = actor.name
    message["token"] = actor.token
    if actor.role == "host":
        message["key"] = serve.key
    else:
        message["code"] = serve.code
    return message


def _see(actor: Actor, message: dict[str, Any]) -> None:
    """Follow the changes this actor receives: its seq and the questions it can see."""
    actor.last_seq = max(actor.last_seq, message.get("seq", 0))
    kind = message["type"]
    if kind == "question":
        question = message["question"]
        actor.questions[question["id"]] = question["status"]
    elif kind == "removed":
        actor.questions.pop(message["id"], None)


class Session:
    """One connected actor: requests go out one at a time, every answer is recorded."""

    def __init__(self, actor: Actor, ws: ClientConnection, acks: list[Ack]) -> None:
        self.actor = actor
        self.ws = ws
        self.acks = acks
        self.ref = 0

    @classmethod
    async def join(cls, actor: Actor, serve: Serve, acks: list[Ack]) -> Session:
        ws = await connect(serve.url, open_timeout=10, max_queue=None)
        await ws.send(json.dumps(_hello(actor, serve)))
        try:
            welcome = json.loads(await asyncio.wait_for(ws.recv(), 30))
        except TimeoutError:
            raise HarnessFailure(f"the resumed hub did not welcome {actor.name} in 30 s") from None
        if welcome["type"] != "welcome":
            raise HarnessFailure(f"{actor.name} could not rejoin: {welcome}")
        if actor.token is not None and welcome["you"]["id"] != actor.identity_id:
            raise HarnessFailure(f"{actor.name} resumed as someone else: {welcome['you']}")
        actor.identity_id = welcome["you"]["id"]
        actor.token = welcome["token"]
        actor.last_seq = welcome["seq"]
        state = welcome["state"]
        actor.questions = {q["id"]: q["status"] for q in state["questions"]}
        actor.my_votes = set(state["my_votes"])
        return cls(actor, ws, acks)

    async def request(self, request: dict[str, Any], resent: bool = False) -> dict[str, Any]:
        """Send and wait for the answer; a lost connection leaves it in flight."""
        self.ref += 1
        message = {**request, "ref": self.ref}
        seq_sent = self.actor.last_seq
        self.actor.in_flight = request
        await self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(await self.ws.recv())
            if reply["type"] in ("ok", "error") and reply.get("ref") == self.ref:
                break
            _see(self.actor, reply)
        self.actor.in_flight = None
        if reply["type"] == "ok":
            ack = Ack(self.actor.identity_id, request, reply, seq_sent, self.actor.last_seq, resent)
            self.acks.append(ack)
            kind = request["type"]
            if kind in ("vote", "unvote"):
                (self.actor.my_votes.add if kind == "vote" else self.actor.my_votes.discard)(
                    request["question_id"]
                )
        return reply

    async def work(self, rng: random.Random) -> None:
        """Random requests until the hub goes away."""
        with contextlib.suppress(Exception):
            while True:
                await self.request(_choose_request(self.actor, rng))


# -- checks ------------------------------------------------------------------------------------


WINDOW_EVENTS: dict[str, tuple[type[ev.Event], ...]] = {
    "withdraw": (ev.QuestionWithdrawn,),
    "approve": (ev.QuestionApproved,),
    "dismiss": (ev.QuestionDismissed,),
    "restore": (ev.QuestionRestored,),
    "mark_answered": (ev.QuestionAnswered,),
    "reopen": (ev.QuestionReopened,),
    "edit": (ev.QuestionEdited,),
    "set_now": (ev.NowSet,),
    "timer": ev.TIMER_EVENTS,
}
"""Requests whose ok means an event of these types lies in the sender's seq window."""


def _matches(event: ev.Event, request: dict[str, Any]) -> bool:
    question_id = request.get("question_id")
    if isinstance(event, ev.NowSet):
        return event.question_id == question_id and event.panelist_id == request["panelist_id"]
    if isinstance(event, ev.QuestionEdited):
        return event.question_id == question_id and event.text == request["text"]
    if question_id is not None and hasattr(event, "question_id"):
        return getattr(event, "question_id", None) == question_id
    return True


@dataclass
class Ledger:
    """What the harness has verified so far, across cycles."""

    verified_events: int = 0
    verified_bytes: int = 0
    verified_digest: str = hashlib.sha256(b"").hexdigest()
    acks_checked: int = 0
    resends: int = 0
    resends_deduplicated: int = 0
    torn_tails: int = 0
    kills_with_request_in_flight: int = 0

    def check(self, journal: Path, acks: list[Ack], power_loss: bool = False) -> list[ev.Event]:
        """Verify the journal against every acknowledged request; raise HarnessFailure.

        After a power cut a client may have seen changes (they go out before their fsync)
        that the disk lost: its seq window then ends where the journal does, and the event
        its `ok` stands for must still lie inside it.
        """
        recovered = read_journal(journal)
        events = recovered.events
        data = journal.read_bytes()[: recovered.good_size]
        kept = data[: self.verified_bytes]
        if len(kept) < self.verified_bytes or hashlib.sha256(kept).hexdigest() != (
            self.verified_digest
        ):
            raise HarnessFailure(f"{journal}: events verified earlier changed or vanished")
        index = _Index(events)
        for ack in acks:
            _check_ack(ack, events, index, power_loss)
        self.acks_checked += len(acks)
        self.verified_events = len(events)
        self.verified_bytes = len(data)
        self.verified_digest = hashlib.sha256(data).hexdigest()
        return events


class _Index:
    """The journal's events by what acknowledged requests are checked against."""

    def __init__(self, events: list[ev.Event]) -> None:
        _check_unique(events)
        self.asked: dict[tuple[str | None, str], list[ev.QuestionAsked]] = {}
        self.notes: dict[str, list[ev.NoteTaken]] = {}
        self.votes: dict[tuple[int, str], list[tuple[int, bool]]] = {}
        for event in events:
            if isinstance(event, ev.QuestionAsked) and event.nonce is not None:
                self.asked.setdefault((event.author_id, event.nonce), []).append(event)
            elif isinstance(event, ev.NoteTaken):
                self.notes.setdefault(event.text, []).append(event)
            elif isinstance(event, ev.VoteAdded | ev.VoteRemoved):
                key = (event.question_id, event.voter_id)
                self.votes.setdefault(key, []).append((event.seq, isinstance(event, ev.VoteAdded)))


def _check_unique(events: list[ev.Event]) -> None:
    """Nothing twice: ids in order without gaps or repeats, each nonce asked once."""
    nonces: set[tuple[str | None, str]] = set()
    question_ids, note_ids, panelist_ids, identities = [], [], [], set()
    for event in events:
        if isinstance(event, ev.QuestionAsked):
            question_ids.append(event.question_id)
            if event.nonce is not None:
                key = (event.author_id, event.nonce)
                if key in nonces:
                    raise HarnessFailure(f"question asked twice with nonce {key}")
                nonces.add(key)
        elif isinstance(event, ev.NoteTaken):
            note_ids.append(event.note_id)
        elif isinstance(event, ev.PanelistAdded):
            panelist_ids.append(event.panelist_id)
        elif isinstance(event, ev.IdentityCreated):
            if event.identity_id in identities:
                raise HarnessFailure(f"identity {event.identity_id} created twice")
            identities.add(event.identity_id)
    for name, ids in (("question", question_ids), ("note", note_ids), ("panelist", panelist_ids)):
        if ids != list(range(1, len(ids) + 1)):
            raise HarnessFailure(f"{name} ids are not 1..n in order: {ids[:50]}")


def _check_ack(ack: Ack, events: list[ev.Event], index: _Index, power_loss: bool) -> None:
    request, kind = ack.request, ack.request["type"]
    seqs = f"seqs {ack.seq_sent}..{ack.seq_acked}"
    where = f"acknowledged {kind} by {ack.identity_id} ({request}, {seqs})"
    if power_loss:
        # what the sender had seen before sending was synced before its ok (flushes are
        # synced in order); what it saw while waiting may be a later, unsynced batch's
        if ack.seq_sent > len(events):
            raise HarnessFailure(f"lost: {where}: the journal ends at seq {len(events)}")
        ack = dataclasses.replace(ack, seq_acked=min(ack.seq_acked, len(events)))
    elif ack.seq_acked > len(events):
        raise HarnessFailure(f"lost: {where}: the journal ends at seq {len(events)}")
    if kind == "ask":
        found = index.asked.get((ack.identity_id, request["nonce"]), [])
        if len(found) != 1 or found[0].question_id != ack.reply.get("id"):
            raise HarnessFailure(f"{where}: found {found} for ok {ack.reply}")
    elif kind == "note":
        found = index.notes.get(request["text"], [])  # type: ignore[assignment]
        if len(found) != 1 or found[0].note_id != ack.reply.get("id"):
            raise HarnessFailure(f"{where}: found {found} for ok {ack.reply}")
    elif kind in ("vote", "unvote"):
        history = index.votes.get((request["question_id"], ack.identity_id), [])
        voted = False
        for seq, added in history:
            if seq > ack.seq_acked:
                break
            voted = added
        if voted != (kind == "vote"):
            raise HarnessFailure(f"{where}: the journal disagrees at seq {ack.seq_acked}")
    elif kind in WINDOW_EVENTS:
        window = events[ack.seq_sent : ack.seq_acked]
        types = WINDOW_EVENTS[kind]
        if not any(isinstance(e, types) and _matches(e, request) for e in window):
            raise HarnessFailure(f"{where}: no matching event in that window")


def _check_recovered_view(events: list[ev.Event], host_welcome: dict[str, Any]) -> None:
    """A resumed hub serves exactly the fold of its journal."""
    state = fold(events[: host_welcome["seq"]])
    expected = [msgspec.to_builtins(views.question(q)) for q in state.questions.values()]
    served = sorted(host_welcome["state"]["questions"], key=lambda q: q["id"])
    if served != expected:
        raise HarnessFailure("the resumed hub's questions differ from the fold of its journal")


# -- cycles ------------------------------------------------------------------------------------


@dataclass
class Result:
    """What a run did, for the report."""

    cycles: int = 0
    acks_checked: int = 0
    events: int = 0
    resends: int = 0
    resends_deduplicated: int = 0
    torn_tails: int = 0
    kills_with_request_in_flight: int = 0
    corrupt_middle_refused: bool = False
    seconds: float = 0.0
    power_loss: bool = False
    unsynced_bytes_cut: int = 0
    """Bytes the page cache held past the last fsync at a kill, cut as a power loss would."""
    cuts_that_lost_bytes: int = 0

    def add(self, other: Result) -> None:
        """Add the figures of a run on another session."""
        for name in (
            "cycles",
            "acks_checked",
            "events",
            "resends",
            "resends_deduplicated",
            "torn_tails",
            "kills_with_request_in_flight",
            "seconds",
            "unsynced_bytes_cut",
            "cuts_that_lost_bytes",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.corrupt_middle_refused = other.corrupt_middle_refused
        self.power_loss = other.power_loss

    def summary(self) -> str:
        mode = "crash harness"
        if self.power_loss:
            mode = (
                f"power-loss harness ({self.cuts_that_lost_bytes} kills cut unsynced bytes, "
                f"{self.unsynced_bytes_cut} bytes in all)"
            )
        return (
            f"{mode}: {self.cycles} cycles survived, {self.acks_checked} acknowledged "
            f"changes checked, 0 lost, 0 duplicated; {self.events} journal events; "
            f"{self.kills_with_request_in_flight} kills with requests in flight; "
            f"{self.resends} asks resent after a kill ({self.resends_deduplicated} "
            f"answered with the first id); {self.torn_tails} torn tails dropped; corrupt middle "
            f"line refused: {'yes' if self.corrupt_middle_refused else 'no'}; "
            f"{self.seconds:.0f} s"
        )


@contextlib.contextmanager
def _one_hub() -> Iterator[list[Serve]]:
    """Holds the running hub; whatever is left running is killed on the way out."""
    running: list[Serve] = []
    try:
        yield running
    finally:
        for serve in running:
            serve.kill()


async def run(
    cycles: int,
    seed: int,
    directory: Path,
    participants: int = 4,
    hosts: int = 2,
    torn_every: int = 5,
    log: Any = None,
    power_loss: bool = False,
    fsync: str = "record",
) -> Result:
    """Run the harness on one new session; raises HarnessFailure on the first violation.

    `power_loss`: every hub runs under benchmarks/fsync_probe.py, and after each kill the
    journal is cut back to its length at the last successful fsync, as if the machine had
    lost power (the page cache gone), before the checks and the restart. `fsync="skip"`
    makes the hub skip its fsyncs after the first: with `power_loss` the harness must then
    fail; without it, it passes (SIGKILL leaves the page cache, so it cannot tell).
    """
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    result = Result(power_loss=power_loss)
    synced = directory / "synced-lengths"
    probed = power_loss or fsync != "record"
    launcher = fsync_probe.launcher(synced, fsync) if probed else None
    ledger = Ledger()
    started = time.monotonic()
    actors = [Actor("host", f"Host {i}") for i in range(hosts)]
    actors += [Actor("participant", f"Student {i}") for i in range(participants)]
    with _one_hub() as running:
        serve, _ = start_serve(
            directory,
            "--port",
            "0",
            "--panelist",
            "Dr. Rivera",
            "--panelist",
            "Dr. Chen",
            launcher=launcher,
        )
        if power_loss and str(directory.resolve()) not in fsync_probe.synced_directories(synced):
            raise HarnessFailure("the new session's directory was never fsync'd")
        running.append(serve)
        journal = directory / f"{serve.session_id}.journal.jsonl"
        events: list[ev.Event] = []
        port, session_id = serve.port, serve.session_id
        for cycle in range(1, cycles + 1):
            if cycle > 1:
                torn = torn_every > 0 and cycle % torn_every == 0
                if torn:
                    with journal.open("ab") as handle:
                        handle.write(b'{"type":"vote_added","seq":' + str(rng.random()).encode())
                serve, warnings = start_serve(
                    directory, "--resume", session_id, "--port", str(port), launcher=launcher
                )
                running[:] = [serve]
                if torn:
                    if "torn" not in warnings:
                        raise HarnessFailure(f"a torn tail was not reported: {warnings!r}")
                    ledger.torn_tails += 1
            acks: list[Ack] = []
            # A new participant joins every cycle too, so identities are created mid-crash.
            actors.append(Actor("participant", f"Newcomer {cycle}"))
            sessions = [await Session.join(actor, serve, acks) for actor in actors[-8:]]
            for session in sessions:
                if session.actor.in_flight and session.actor.in_flight["type"] == "ask":
                    await _resend_ask(session, events, ledger)
                session.actor.in_flight = None
            workers = [asyncio.create_task(s.work(random.Random(rng.random()))) for s in sessions]
            await asyncio.sleep(rng.uniform(0, MAX_KILL_DELAY_S))
            serve.kill()
            running.clear()
            await asyncio.wait(workers, timeout=10)
            for session in sessions:
                with contextlib.suppress(Exception):
                    await session.ws.close()
            ledger.kills_with_request_in_flight += any(a.in_flight for a in actors)
            if power_loss:
                cut = _lose_power(journal, synced)
                result.unsynced_bytes_cut += cut
                result.cuts_that_lost_bytes += cut > 0
            events = ledger.check(journal, acks, power_loss)
            result.cycles = cycle
            if log is not None and (cycle % 10 == 0 or cycle == cycles):
                print(
                    f"cycle {cycle}: {ledger.acks_checked} acks checked, {len(events)} events",
                    file=log,
                    flush=True,
                )
        # A last resume checks that the hub serves the fold of its journal, then stops cleanly.
        serve, _ = start_serve(directory, "--resume", session_id, "--port", str(port))
        running[:] = [serve]
        host = actors[0]
        ws = await connect(serve.url, open_timeout=10)
        await ws.send(json.dumps(_hello(host, serve)))
        welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
        _check_recovered_view(read_journal(journal).events, welcome)
        await ws.close()
        serve.process.send_signal(signal.SIGTERM)
        if serve.process.wait(10) != 0:
            raise HarnessFailure("the resumed hub did not stop cleanly on SIGTERM")
        running.clear()
    result.corrupt_middle_refused = check_corrupt_middle_line(journal)
    result.acks_checked = ledger.acks_checked
    result.events = ledger.verified_events
    result.resends = ledger.resends
    result.resends_deduplicated = ledger.resends_deduplicated
    result.torn_tails = ledger.torn_tails
    result.kills_with_request_in_flight = ledger.kills_with_request_in_flight
    result.seconds = time.monotonic() - started
    return result


def _lose_power(journal: Path, synced: Path) -> int:
    """Cut the journal back to its last fsync'd length; the bytes that were cut."""
    length = fsync_probe.last_synced_length(synced)
    size = journal.stat().st_size
    if size < length:
        raise HarnessFailure(f"{journal}: {size} bytes, shorter than its synced {length}")
    os.truncate(journal, length)
    return size - length


async def _resend_ask(session: Session, events: list[ev.Event], ledger: Ledger) -> None:
    """Resend an ask whose answer the kill lost; if it was saved, the hub must say its id."""
    actor, request = session.actor, session.actor.in_flight
    assert request is not None
    saved = [
        e.question_id
        for e in events
        if isinstance(e, ev.QuestionAsked)
        and e.author_id == actor.identity_id
        and e.nonce == request["nonce"]
    ]
    ledger.resends += 1
    reply = await session.request(request, resent=True)
    if saved and reply["type"] == "ok":
        if reply["id"] != saved[0]:
            raise HarnessFailure(f"resent ask {request} got id {reply['id']}, not {saved[0]}")
        ledger.resends_deduplicated += 1


def check_corrupt_middle_line(journal: Path) -> bool:
    """A copy of the journal with a corrupt middle line must refuse to start: one line, exit 2."""
    with tempfile.TemporaryDirectory(prefix="panelhost-corrupt-") as temp:
        copy = Path(temp) / journal.name
        lines = journal.read_bytes().split(b"\n")
        middle = max(1, len(lines) // 2)
        lines[middle] = lines[middle][: len(lines[middle]) // 2]
        copy.write_bytes(b"\n".join(lines))
        session_id = journal.name.removesuffix(".journal.jsonl")
        shutil.copy(journal.with_name(f"{session_id}.key"), Path(temp) / f"{session_id}.key")
        result = subprocess.run(
            [*SERVE, "--port", "0", "--sessions-dir", temp, "--resume", session_id],
            capture_output=True,
            text=True,
            timeout=30,
        )
        message = result.stderr.strip()
        if result.returncode != 2 or len(message.splitlines()) != 1 or "Traceback" in message:
            raise HarnessFailure(f"a corrupt middle line gave {result.returncode}: {message}")
        if f"line {middle + 1}" not in message:
            raise HarnessFailure(f"the refusal does not name line {middle + 1}: {message}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=20, help="kill/restart cycles")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--participants", type=int, default=4)
    parser.add_argument("--hosts", type=int, default=2)
    parser.add_argument("--torn-every", type=int, default=5, help="a torn tail every N cycles")
    parser.add_argument(
        "--session-cycles",
        type=int,
        default=100,
        help="start a fresh session after this many cycles (bounds a session's size)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the session files here")
    parser.add_argument(
        "--power-loss",
        action="store_true",
        help="after each kill, cut the journal back to its last fsync'd length",
    )
    parser.add_argument(
        "--fsync",
        choices=("record", "skip"),
        default="record",
        help="skip: the hub skips its fsyncs (to see which mode catches that)",
    )
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}", flush=True)
    with tempfile.TemporaryDirectory(prefix="panelhost-crash-") as temp:
        directory = args.keep or Path(temp)
        directory.mkdir(parents=True, exist_ok=True)
        try:
            result = Result()
            done = 0
            while done < args.cycles:
                cycles = min(args.session_cycles, args.cycles - done)
                part = asyncio.run(
                    run(
                        cycles,
                        seed + done,
                        directory / f"run-{done:06d}",
                        participants=args.participants,
                        hosts=args.hosts,
                        torn_every=args.torn_every,
                        log=sys.stdout,
                        power_loss=args.power_loss,
                        fsync=args.fsync,
                    )
                )
                result.add(part)
                done += cycles
        except HarnessFailure as failure:
            print(f"FAILED (seed {seed}): {failure}", file=sys.stderr)
            return 1
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
