"""Hypothesis-driven frames against one live hub: it never crashes, answers by the protocol.

Every example goes to the same running hub. After each one a bystander host asks a question
and must get its `ok`: other clients keep working throughout. The number of examples per
test is PANELHOST_FUZZ_EXAMPLES (default small, for CI); each test prints how many inputs
it tried. docs/security.md has the long-run command and its figure.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.hub import Hub
from tests.reliability.rawws import BINARY, TEXT, RawSocket
from tests.reliability.threaded import RawPeer, hub_in_thread

EXAMPLES = int(os.environ.get("PANELHOST_FUZZ_EXAMPLES", "60"))
MAX_MESSAGE = 16 * 1024
ERROR_CODES = set(p.ErrorCode.__args__)  # type: ignore[attr-defined]
SERVER_TYPES = {"welcome", "ok", "error", "question", "removed", "votes", "now", "timer"} | {
    "panel",
    "presence",
    "session",
    "note",
}
REQUEST_TYPES = [
    "hello", "ask", "vote", "unvote", "withdraw", "approve", "dismiss", "restore", "edit",
    "set_now", "mark_answered", "reopen", "timer", "panelist_add", "panelist_remove", "note",
    "settings", "end", "nonsense",
]  # fmt: skip
FIELDS = [
    "type", "ref", "text", "question_id", "panelist_id", "anonymous", "nonce", "action",
    "seconds", "name", "title", "moderation", "anonymous_allowed", "answer_seconds", "code",
    "key", "token", "role", "protocol",
]  # fmt: skip
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=80)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)
requestish = st.fixed_dictionaries(
    {"type": st.sampled_from(REQUEST_TYPES)},
    optional={field: json_values for field in FIELDS if field != "type"},
)
deep = st.tuples(st.integers(1, 7000), st.sampled_from(["[", '{"type":"ask","text":['])).map(
    lambda pair: pair[1] + "[" * pair[0] + "]" * pair[0] + ("]}" if "{" in pair[1] else "")
)
huge_numbers = st.sampled_from(["ask", "vote", "timer", "set_now"]).flatmap(
    lambda kind: st.sampled_from(
        ["1e999", "-1e999", "123456789012345678901234567890", "1" * 5000, "0.000e-99999", "2.5"]
    ).map(lambda n: f'{{"type":"{kind}","question_id":{n},"seconds":{n},"ref":{n}}}')
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One hub for every example of the module, a bystander host, and the inputs tried."""
    with hub_in_thread(
        tmp_path_factory.mktemp("fuzz"),
        requests_per_second=1_000_000,
        request_burst=1_000_000,
        flood_messages_per_second=1_000_000,
        failed_hellos_per_minute=1_000_000,
        new_identities_per_minute=1_000_000,
    ) as hub:
        bystander = RawPeer(hub, role="host", name="Bystander")
        tried: dict[str, int] = {}
        errors = _ErrorLog()
        for name in ("panelhost", "websockets"):
            logging.getLogger(name).addHandler(errors)
        try:
            yield {
                "hub": hub,
                "bystander": bystander,
                "tried": tried,
                "fuzzer": [RawPeer(hub)],
                "errors": errors.records,
            }
        finally:
            for name in ("panelhost", "websockets"):
                logging.getLogger(name).removeHandler(errors)
        bystander.close()
        print(f"\nfuzzed inputs: {sum(tried.values())} {tried}")


class _ErrorLog(logging.Handler):
    """Keeps every error the hub or websockets logs: a handler that failed is a crash."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


def _bystander_still_served(live: dict[str, Any]) -> None:
    assert not live["errors"], live["errors"]
    bystander: RawPeer = live["bystander"]
    number = sum(live["tried"].values())
    answers = bystander.answers_to(
        json.dumps({"type": "note", "text": f"still here {number}", "ref": "n"}).encode()
    )
    assert isinstance(answers, list), f"the bystander was disconnected: {answers}"
    assert any(m["type"] == "ok" for m in answers), answers


def _fuzzer(live: dict[str, Any]) -> RawPeer:
    """The fuzzing connection; a new one if the last input legitimately closed it."""
    peers: list[RawPeer] = live["fuzzer"]
    return peers[-1]


def _replace_fuzzer(live: dict[str, Any]) -> None:
    live["fuzzer"][-1].close()
    live["fuzzer"].append(RawPeer(live["hub"]))


def _count(live: dict[str, Any], kind: str) -> None:
    live["tried"][kind] = live["tried"].get(kind, 0) + 1


def _assert_protocol_answers(answers: list[dict[str, Any]]) -> None:
    for message in answers:
        assert message["type"] in SERVER_TYPES, message
        if message["type"] == "error":
            assert message["code"] in ERROR_CODES, message
            assert isinstance(message["message"], str) and message["message"], message


def _send_text(live: dict[str, Any], kind: str, text: str) -> None:
    """A JSON-ish text frame within the size limit: answered, and the connection stays open."""
    _count(live, kind)
    payload = text.encode()
    answers = _fuzzer(live).answers_to(payload)
    if len(payload) > MAX_MESSAGE:
        assert answers == 1009, answers
        _replace_fuzzer(live)
    else:
        assert isinstance(answers, list), f"closed {answers} after {text[:200]!r}"
        _assert_protocol_answers(answers)
        if answers and answers[-1].get("type") == "session" and not _session_live(answers):
            pytest.fail("a participant ended the session")
    _bystander_still_served(live)


def _session_live(answers: list[dict[str, Any]]) -> bool:
    return all(m["session"]["status"] == "live" for m in answers if m["type"] == "session")


@FUZZ_SETTINGS
@given(value=json_values)
def test_random_json(live, value):
    _send_text(live, "random JSON", json.dumps(value))


@FUZZ_SETTINGS
@given(request=requestish)
def test_request_shaped_json_with_wrong_types(live, request):
    _send_text(live, "request-shaped JSON", json.dumps(request))


@FUZZ_SETTINGS
@given(text=deep | huge_numbers)
def test_deep_nesting_and_huge_numbers(live, text):
    _count(live, "deep nesting / huge numbers")
    answers = _fuzzer(live).answers_to(text.encode())
    assert isinstance(answers, list) and answers, answers
    assert answers[-1]["type"] == "error" and answers[-1]["code"] == "bad_request", answers
    _bystander_still_served(live)


@FUZZ_SETTINGS
@given(data=st.binary(max_size=2048), as_text=st.booleans())
def test_arbitrary_bytes_in_text_and_binary_frames(live, data, as_text):
    _count(live, "bytes in frames")
    answers = _fuzzer(live).answers_to(data, TEXT if as_text else BINARY)
    if not as_text:
        assert isinstance(answers, list) and answers, answers
        assert answers[-1]["code"] == "bad_request", answers
    else:
        try:
            data.decode()
        except UnicodeDecodeError:
            assert answers == 1007, answers  # RFC 6455: invalid UTF-8 in a text frame
            _replace_fuzzer(live)
        else:
            assert isinstance(answers, list), answers
            _assert_protocol_answers(answers)
    _bystander_still_served(live)


@FUZZ_SETTINGS
@given(size=st.integers(MAX_MESSAGE + 1, 4 * MAX_MESSAGE))
def test_oversized_frames_close_1009(live, size):
    _count(live, "oversized frames")
    answers = _fuzzer(live).answers_to(b'{"type":"ask","text":"' + b"x" * size + b'"}')
    assert answers == 1009, answers
    _replace_fuzzer(live)
    _bystander_still_served(live)


@FUZZ_SETTINGS
@given(first=json_values | requestish, raw=st.binary(max_size=300))
def test_garbage_instead_of_hello(live, first, raw):
    _count(live, "hello garbage")
    hub: Hub = live["hub"]
    connection = RawSocket(hub.port)
    try:
        assert connection.upgrade().startswith(b"HTTP/1.1 101")
        connection.send_frame(TEXT, json.dumps(first).encode())
        _, payload = connection.read_frame()
        reply = json.loads(payload)
        if reply["type"] == "error":
            assert reply["code"] in ERROR_CODES, reply
            assert connection.close_code() == 1008
        else:
            assert reply["type"] == "welcome", reply  # hypothesis found a valid hello
    finally:
        connection.close()
    _count(live, "handshake garbage")
    connection = RawSocket(hub.port)
    try:
        connection.send_raw(raw + b"\r\n\r\n")
        connection.sock.shutdown(socket.SHUT_WR)
        with pytest.raises((EOFError, OSError)):
            while True:  # an HTTP error or nothing, then the hub hangs up
                connection._exactly(1)
    finally:
        connection.close()
    _bystander_still_served(live)


@FUZZ_SETTINGS
@given(data=st.binary(min_size=1, max_size=600))
def test_garbage_after_the_upgrade(live, data):
    _count(live, "raw frame garbage")
    peer = RawPeer(live["hub"], name="Garbage")
    try:
        peer.raw.send_raw(data)  # unframed, unmasked, bad opcodes, lying lengths...
    finally:
        peer.close()
    _bystander_still_served(live)
