"""Abuse: code guessing, caps, rate limits, one vote per identity, hello timeout, hostile text."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys

import pytest
from websockets.exceptions import ConnectionClosed

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.journal import encode_event
from tests.hub.wire import hello
from tests.reliability.peers import hello_message, join
from tests.reliability.rawws import CLOSE, RawSocket

HOSTILE = (
    "\x1b[2J\x1b[31mRED\x1b[0m \x1b]52;c;cm0gLXJmIH4=\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
    " \x9b31m \u202eevil\u202c \u2066iso\u2069 a\rb\nc\td\x00e\x7f [bold]markup[/bold]"
)
"""Screen clears, colours, clipboard writes (OSC 52), hyperlinks (OSC 8), CSI as one C1 byte,
bidi overrides and isolates, line breaks, NUL and DEL, and Rich markup."""

CONTROL = [chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


def _clean(text: str) -> bool:
    return not any(ch in text for ch in CONTROL + BIDI)


def _raw_hello(port: int, source: str, message: dict) -> int | str | None:
    """A hello from `source` (any 127.x address): the error code, or the close code if none."""
    raw = RawSocket(port, source=source)
    try:
        assert raw.upgrade().startswith(b"HTTP/1.1 101")
        raw.send_json(message)
        opcode, payload = raw.read_frame()
        if opcode == CLOSE:
            return int.from_bytes(payload[:2], "big")
        reply = json.loads(payload)
        return reply["code"] if reply["type"] == "error" else reply["type"]
    finally:
        raw.close()


async def test_code_guessing_is_blocked_per_address_even_for_the_right_code(hub):
    guess = {**hello_message(hub, "participant", "Guesser"), "code": "AAA-AAA"}
    for _ in range(20):  # the default: 20 failed hellos per address per minute
        assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.2", guess) == "bad_code"
    right = hello_message(hub, "participant", "Lucky")
    # Blocked: closed 1008 right after the upgrade, before the hello is even read.
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.2", right) == 1008
    # Per address: everyone else still gets in.
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.3", right) == "welcome"
    assert (await join(hub, name="Ana")).welcome["type"] == "welcome"


async def test_wrong_keys_and_tokens_count_as_failures_too(make_hub):
    hub = await make_hub(limits={"failed_hellos_per_minute": 4})
    wrong = [
        {**hello_message(hub, "host", "Mallory"), "key": "x" * 43},
        {**hello_message(hub, "participant", "Mallory"), "token": "y" * 32},
        {**hello_message(hub, "participant", "Mallory"), "protocol": 99},
        {"type": "hello"},
    ]
    for message in wrong:
        assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.4", message) != "welcome"
    host = hello_message(hub, "host", "Maya")
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.4", host) == 1008


async def test_new_identities_are_capped_per_address_per_minute(make_hub):
    hub = await make_hub(limits={"new_identities_per_minute": 3})
    tokens = []
    for i in range(3):
        ws, reply = await hello(hub, hello_message(hub, "participant", f"P{i}"))
        assert reply["type"] == "welcome"
        tokens.append(reply["token"])
        await ws.close()
    before = len(hub.session.state.identities)
    for role in ("participant", "host"):  # hosts are identities too
        message = hello_message(hub, role, "One more")
        assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.1", message) == "rate_limited"
    assert len(hub.session.state.identities) == before  # nothing kept for them
    # what needs no new identity still joins from that address: resumes and viewers
    resumed = hello_message(hub, "participant", "P0", token=tokens[0])
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.1", resumed) == "welcome"
    viewer = hello_message(hub, "viewer", "Room screen")
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.1", viewer) == "welcome"
    # per address: another one is not held back
    newcomer = hello_message(hub, "participant", "Elsewhere")
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.5", newcomer) == "welcome"


async def test_the_participant_cap_holds(make_hub):
    hub = await make_hub(limits={"max_participants": 3})
    for i in range(3):
        await join(hub, name=f"P{i}")
    _, reply = await hello(hub, hello_message(hub, "participant", "One too many"))
    assert reply["code"] == "server_full"
    assert hub.participants == 3


async def _errors(peer, count: int) -> list[dict]:
    errors: list[dict] = []
    while len(errors) < count:
        message = await peer.recv()
        if message["type"] == "error":
            errors.append(message)
    return errors


async def test_requests_are_rate_limited_per_connection(hub):
    ana = await join(hub)
    for _ in range(60):  # bursts of 40, 20 a second
        await ana.send({"type": "vote", "question_id": 999})
    answers = await _errors(ana, 60)
    codes = [a["code"] for a in answers]
    assert codes.count("rate_limited") >= 10 and codes.count("not_found") >= 40
    # Asking has its own limit per identity, which a reconnect does not reset.
    await ana.close()
    ana = await join(hub, token=ana.token)  # a new connection: a full bucket
    for i in range(5):
        assert (await ana.request("ask", text=f"Question {i}"))["type"] == "ok"
    await ana.close()
    again = await join(hub, token=ana.token)
    assert (await again.request("ask", text="Sixth"))["code"] == "rate_limited"


async def test_a_flooding_connection_is_closed_and_the_others_carry_on(make_hub):
    hub = await make_hub(limits={"flood_messages_per_second": 50})
    mallory = await join(hub, name="Mallory")
    ana = await join(hub)
    with contextlib.suppress(ConnectionClosed):
        for _ in range(200):
            await mallory.send({"type": "vote", "question_id": 1})
    assert await mallory.close_code() == 1008
    assert (await ana.request("ask", text="Still works"))["type"] == "ok"


async def test_one_vote_per_identity_across_repeats_reconnects_and_replacements(hub):
    host = await join(hub, role="host", name="Maya")
    question = (await host.request("ask", text="Vote for me"))["id"]
    ana = await join(hub)
    for _ in range(3):
        assert (await ana.request("vote", question_id=question))["type"] == "ok"
    twin = await join(hub, token=ana.token)  # the same identity twice: the first is replaced
    assert await ana.close_code() == 4000
    assert (await twin.request("vote", question_id=question))["type"] == "ok"
    host_view = await join(hub, role="host", name="Maya", token=host.token)
    votes = {q["id"]: q["votes"] for q in host_view.welcome["state"]["questions"]}
    assert votes[question] == 1


async def test_a_silent_connection_is_closed_1008_after_the_hello_timeout(make_hub):
    hub = await make_hub(limits={"hello_timeout_s": 0.3, "failed_hellos_per_minute": 1})
    raw = RawSocket(hub.port)
    try:
        await asyncio.to_thread(raw.upgrade)
        assert await asyncio.to_thread(raw.close_code) == 1008
    finally:
        raw.close()
    # It counted as a failure: this address is now blocked.
    message = hello_message(hub, "participant", "Ana")
    assert await asyncio.to_thread(_raw_hello, hub.port, "127.0.0.1", message) == 1008


async def test_hostile_text_is_normalised_everywhere_the_hub_stores_it(hub):
    host = await join(hub, role="host", name="Maya" + HOSTILE[:20])
    ana = await join(hub, name="Ana\u202e\x1b[5m")
    assert ana.welcome["you"]["name"] == "Ana[5m"
    assert _clean(host.welcome["you"]["name"])
    asked = await ana.request("ask", text=HOSTILE)
    assert asked["type"] == "ok"
    question = ana.changes("question")[-1]["question"]  # it arrives before the ok
    assert _clean(question["text"])
    assert "[bold]markup[/bold]" in question["text"]  # markup is text: clients show it as is
    assert "a b c d" in question["text"] and "e" in question["text"]
    for request in (
        {"type": "edit", "question_id": asked["id"], "text": HOSTILE},
        {"type": "note", "text": HOSTILE},
        {"type": "panelist_add", "name": HOSTILE[:50], "title": HOSTILE[:90]},
        {"type": "settings", "title": HOSTILE[:90]},
    ):
        assert (await host.request(**request))["type"] == "ok", request
    again = await join(hub, role="host", name="Maya", token=host.token)
    assert _clean(json.dumps(again.welcome["state"], ensure_ascii=False))


def _hostile_journal(directory):
    """A journal written by hand, past the hub: every text field carries terminal escapes."""
    events = [
        ev.SessionCreated(
            seq=1, at=1_790_000_000_000, session_id="hostile", title="Panel " + HOSTILE,
            settings=p.Settings(),
        ),
        ev.PanelistAdded(seq=2, at=1_790_000_001_000, panelist_id=1, name="Dr. " + HOSTILE,
                         title=HOSTILE),
        ev.IdentityCreated(seq=3, at=1_790_000_002_000, identity_id="p_1", role="participant",
                           name="Ana " + HOSTILE),
        ev.QuestionAsked(seq=4, at=1_790_000_003_000, question_id=1, text="Q " + HOSTILE,
                         status="open", author_id="p_1", author_name="Ana " + HOSTILE),
        ev.NowSet(seq=5, at=1_790_000_004_000, question_id=1, panelist_id=1),
        ev.QuestionAnswered(seq=6, at=1_790_000_005_000, question_id=1),
        ev.NoteTaken(seq=7, at=1_790_000_006_000, note_id=1, question_id=1, text="N " + HOSTILE),
        ev.QuestionAsked(seq=8, at=1_790_000_007_000, question_id=2, text="=HYPERLINK(\"x\")",
                         status="open", author_id="p_1", author_name="Ana"),
    ]  # fmt: skip
    path = directory / "hostile.journal.jsonl"
    path.write_bytes(b"".join(encode_event(e) for e in events))
    return path


@pytest.mark.parametrize("form", ["md", "csv", "json"])
def test_exports_of_a_hostile_journal_carry_no_terminal_controls(tmp_path, form):
    journal = _hostile_journal(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "panelhost", "export", str(journal), "--format", form],
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "Q " in text
    if form == "json":
        # JSON is data: its strings keep what was journaled, but \u-escaped, so printing
        # the file to a terminal sends no control and no bidi override.
        assert json.loads(text)["panelists"][0]["name"] == "Dr. " + HOSTILE
    offending = sorted({f"U+{ord(ch):04X}" for ch in text if ch in CONTROL + BIDI} - {"U+000A"})
    if form == "csv":
        offending = [c for c in offending if c != "U+000D"]  # CSV rows end in CRLF
    assert offending == [], offending
