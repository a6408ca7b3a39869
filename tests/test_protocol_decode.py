"""`decode_request`: every request decodes; everything else is a DecodeError, never a crash."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core.fold import apply, fold
from panelhost.core.model import State
from panelhost.core.rules import Accepted, Actor, Rejected, create_identity, decide

REQUEST_TYPES: tuple[type, ...] = typing.get_args(p.Request)
TYPE_NAMES = [t.__struct_config__.tag for t in REQUEST_TYPES]
FIELD_NAMES = sorted({name for t in REQUEST_TYPES for name in t.__struct_fields__})
INT64_MAX = 2**63 - 1

VALID: list[tuple[str, p.Request]] = [
    (
        '{"type": "hello", "protocol": 1, "role": "participant", "code": "K7Q-2M9",'
        ' "name": "Ana", "token": null}',
        p.Hello(protocol=1, role="participant", code="K7Q-2M9", name="Ana"),
    ),
    (
        '{"type": "hello", "protocol": 1, "role": "host", "key": "k", "name": "Maya"}',
        p.Hello(protocol=1, role="host", key="k", name="Maya"),
    ),
    (
        '{"type": "hello", "protocol": 1, "role": "viewer", "code": "K7Q2M9", "name": "Room"}',
        p.Hello(protocol=1, role="viewer", code="K7Q2M9", name="Room"),
    ),
    ('{"type": "ask", "text": "Why EM?"}', p.Ask(text="Why EM?")),
    (
        '{"type": "ask", "text": "q", "anonymous": true, "panelist_id": 2, "nonce": "n-1",'
        ' "ref": 7}',
        p.Ask(text="q", anonymous=True, panelist_id=2, nonce="n-1", ref=7),
    ),
    ('{"type": "vote", "question_id": 3, "ref": "r1"}', p.Vote(question_id=3, ref="r1")),
    ('{"type": "unvote", "question_id": 3}', p.Unvote(question_id=3)),
    ('{"type": "withdraw", "question_id": 3}', p.Withdraw(question_id=3)),
    ('{"type": "approve", "question_id": 3}', p.Approve(question_id=3)),
    ('{"type": "dismiss", "question_id": 3}', p.Dismiss(question_id=3)),
    ('{"type": "restore", "question_id": 3}', p.Restore(question_id=3)),
    ('{"type": "edit", "question_id": 3, "text": "t"}', p.Edit(question_id=3, text="t")),
    (
        '{"type": "set_now", "question_id": 3, "panelist_id": 1}',
        p.SetNow(question_id=3, panelist_id=1),
    ),
    ('{"type": "set_now", "question_id": null, "panelist_id": null}', p.SetNow()),
    ('{"type": "mark_answered", "question_id": 3}', p.MarkAnswered(question_id=3)),
    ('{"type": "reopen", "question_id": 3}', p.Reopen(question_id=3)),
    ('{"type": "timer", "action": "start"}', p.TimerRequest(action="start")),
    (
        '{"type": "timer", "action": "start", "seconds": 90, "panelist_id": 1}',
        p.TimerRequest(action="start", seconds=90, panelist_id=1),
    ),
    ('{"type": "timer", "action": "pause"}', p.TimerRequest(action="pause")),
    ('{"type": "timer", "action": "resume"}', p.TimerRequest(action="resume")),
    ('{"type": "timer", "action": "reset"}', p.TimerRequest(action="reset")),
    (
        '{"type": "timer", "action": "add", "seconds": -30}',
        p.TimerRequest(action="add", seconds=-30),
    ),
    ('{"type": "panelist_add", "name": "Dr. Kim"}', p.PanelistAdd(name="Dr. Kim")),
    (
        '{"type": "panelist_add", "name": "Dr. Kim", "title": "IM"}',
        p.PanelistAdd(name="Dr. Kim", title="IM"),
    ),
    ('{"type": "panelist_remove", "panelist_id": 1}', p.PanelistRemove(panelist_id=1)),
    ('{"type": "note", "text": "n"}', p.NoteRequest(text="n")),
    ('{"type": "note", "text": "n", "question_id": 3}', p.NoteRequest(text="n", question_id=3)),
    ('{"type": "settings"}', p.SettingsRequest()),
    (
        '{"type": "settings", "title": "T", "moderation": true, "anonymous_allowed": false,'
        ' "answer_seconds": 60}',
        p.SettingsRequest(title="T", moderation=True, anonymous_allowed=False, answer_seconds=60),
    ),
    ('{"type": "end"}', p.End()),
    ('{"type": "end", "ref": null}', p.End()),
    ('{"type": "go_live"}', p.GoLive()),
    (
        '{"type": "offer", "panelist_id": 1, "text": "t", "places": 3}',
        p.OfferRequest(panelist_id=1, text="t", places=3),
    ),
    ('{"type": "offer_remove", "offer_id": 1}', p.OfferRemove(offer_id=1)),
    (
        '{"type": "follow_up", "offer_id": 1, "message": "m", "email": "a@b.org"}',
        p.FollowUpRequest(offer_id=1, message="m", email="a@b.org"),
    ),
    ('{"type": "follow_up_withdraw", "follow_up_id": 2}', p.FollowUpWithdraw(follow_up_id=2)),
    # unknown fields are ignored, so newer clients can talk to older hubs
    ('{"type": "end", "future": {"a": [1, 2.5, null]}}', p.End()),
    ('{"ref": 1, "question_id": 3, "type": "vote"}', p.Vote(question_id=3, ref=1)),
    (' {"type": "end"}\n', p.End()),
]


def _tag(request: p.Request) -> str:
    return request.__struct_config__.tag


def test_every_request_type_has_a_valid_example() -> None:
    assert {_tag(request) for _, request in VALID} == set(TYPE_NAMES)


@pytest.mark.parametrize(("raw", "expected"), VALID, ids=[_tag(r) for _, r in VALID])
def test_valid_requests_decode(raw: str, expected: p.Request) -> None:
    assert p.decode_request(raw) == expected
    assert p.decode_request(raw.encode()) == expected
    assert p.decode_request(p.encode(expected)) == expected


def _refused(raw: str | bytes) -> p.DecodeError:
    with pytest.raises(p.DecodeError) as caught:
        p.decode_request(raw)
    assert caught.value.message
    return caught.value


NESTED = "[" * 10_000 + "]" * 10_000
INVALID: list[tuple[str, str | bytes]] = [
    ("unknown type", '{"type": "explode"}'),
    ("missing type", '{"question_id": 3}'),
    ("type not a string", '{"type": 7}'),
    ("type null", '{"type": null}'),
    ("array", "[]"),
    ("array of a request", '[{"type": "end"}]'),
    ("number", "1"),
    ("string", '"end"'),
    ("null", "null"),
    ("true", "true"),
    ("empty", ""),
    ("only spaces", "   "),
    ("truncated", '{"type": "end"'),
    ("trailing garbage", '{"type": "end"} x'),
    ("two objects", '{"type": "end"}{"type": "end"}'),
    ("single quotes", "{'type': 'end'}"),
    ("NaN", '{"type": "vote", "question_id": NaN}'),
    ("not utf-8", b'{"type": "ask", "text": "\xff"}'),
    ("a bad field, then a ref not utf-8", b'{"type": "vote", "question_id": "x", "ref": "\x80"}'),
    ("byte order mark", b'\xef\xbb\xbf{"type": "end"}'),
    ("raw control character in a string", '{"type": "ask", "text": "a\x00b"}'),
    ("lone surrogate escape", '{"type": "ask", "text": "\\ud800"}'),
    ("lone surrogate in a str", '{"type": "ask", "text": "\ud800"}'),
    ("missing field", '{"type": "vote"}'),
    ("missing text", '{"type": "ask"}'),
    ("string for int", '{"type": "vote", "question_id": "3"}'),
    ("float for int", '{"type": "vote", "question_id": 3.0}'),
    ("bool for int", '{"type": "vote", "question_id": true}'),
    ("null for int", '{"type": "vote", "question_id": null}'),
    ("int for string", '{"type": "ask", "text": 5}'),
    ("int for bool", '{"type": "ask", "text": "q", "anonymous": 1}'),
    ("string for bool", '{"type": "settings", "moderation": "yes"}'),
    ("object for string", '{"type": "note", "text": {"a": 1}}'),
    ("unknown role", '{"type": "hello", "protocol": 1, "role": "admin"}'),
    ("unknown timer action", '{"type": "timer", "action": "explode"}'),
    ("bool for protocol", '{"type": "hello", "protocol": true, "role": "host"}'),
    ("nonce too long", '{"type": "ask", "text": "q", "nonce": "' + "n" * 65 + '"}'),
    ("1e400", '{"type": "vote", "question_id": 1e400}'),
    ("-1e400", '{"type": "timer", "action": "add", "seconds": -1e400}'),
    ("2**70", '{"type": "vote", "question_id": ' + str(2**70) + "}"),
    ("-2**70", '{"type": "timer", "action": "add", "seconds": ' + str(-(2**70)) + "}"),
    ("2**63", '{"type": "settings", "answer_seconds": ' + str(2**63) + "}"),
    ("10000 nested arrays", NESTED),
    ("10000 nested objects", '{"a":' * 10_000 + "1" + "}" * 10_000),
    ("nesting in an unknown field", '{"type": "end", "x": ' + NESTED + "}"),
    # too deep to look for the ref either
    (
        "nesting and a bad field",
        '{"type": "vote", "question_id": "x", "ref": 5, "x": ' + NESTED + "}",
    ),
    ("ref too long", '{"type": "end", "ref": "' + "r" * 65 + '"}'),
    ("ref float", '{"type": "end", "ref": 1.5}'),
    ("ref bool", '{"type": "end", "ref": true}'),
    ("ref array", '{"type": "end", "ref": [1]}'),
    ("ref object", '{"type": "end", "ref": {"a": 1}}'),
    ("ref 2**70", '{"type": "end", "ref": ' + str(2**70) + "}"),
    ("ref 2**64-1", '{"type": "end", "ref": ' + str(2**64 - 1) + "}"),
    ("ref 1e400", '{"type": "end", "ref": 1e400}'),
]


@pytest.mark.parametrize("raw", [raw for _, raw in INVALID], ids=[name for name, _ in INVALID])
def test_invalid_frames_are_a_decode_error_without_ref(raw: str | bytes) -> None:
    assert _refused(raw).ref is None
    if isinstance(raw, str) and raw.isascii():
        assert _refused(raw.encode()).ref is None


def test_error_messages_say_what_is_wrong() -> None:
    assert "type" in _refused('{"question_id": 3}').message
    assert "unknown message type" in _refused('{"type": "explode"}').message
    assert "object" in _refused("[]").message
    assert "JSON" in _refused("{").message
    assert "question_id" in _refused('{"type": "vote", "question_id": "3"}').message
    assert "nested" in _refused(NESTED.join(['{"type": "end", "x": ', "}"])).message


@pytest.mark.parametrize("ref", ["r-1", "", "r" * 64, 0, -1, 42, INT64_MAX, -(2**63)])
def test_ref_limits(ref: str | int) -> None:
    raw = json.dumps({"type": "end", "ref": ref})
    assert p.decode_request(raw) == p.End(ref=ref)


@pytest.mark.parametrize("ref", ["abc", 7, "r" * 64, INT64_MAX])
@pytest.mark.parametrize(
    "body",
    [
        '"type": "vote", "question_id": "x"',
        '"type": "vote"',
        '"type": "explode"',
        '"type": 5',
        '"question_id": 3',
        '"type": "ask", "text": "q", "anonymous": 2',
        '"type": "vote", "question_id": ' + str(2**70),
        '"type": "timer", "action": "explode"',
    ],
)
def test_a_valid_ref_is_salvaged_when_another_field_is_wrong(body: str, ref: str | int) -> None:
    for raw in (
        "{" + body + ', "ref": ' + json.dumps(ref) + "}",
        '{"ref": ' + json.dumps(ref) + ", " + body + "}",
    ):
        assert _refused(raw).ref == ref


def test_no_ref_is_salvaged_from_invalid_json() -> None:
    assert _refused('{"type": "vote", "ref": 7, "question_id": }').ref is None


# -- fuzz ------------------------------------------------------------------------------------

HUGE_NUMBERS = st.sampled_from([2**63, -(2**63) - 1, 2**70, -(2**70), 10**400, 1e308, -0.0])
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-3, 10),
    HUGE_NUMBERS,
    st.floats(),  # NaN and infinities become tokens that are not JSON
    st.text(max_size=70),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
PLAUSIBLE_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "ref": st.none() | st.integers(-5, 5) | st.text(max_size=70),
    "protocol": st.integers(0, 2),
    "role": st.sampled_from(["participant", "host", "viewer", "admin"]),
    "action": st.sampled_from(["start", "pause", "resume", "reset", "add", "stop"]),
    "anonymous": st.booleans(),
    "moderation": st.none() | st.booleans(),
    "anonymous_allowed": st.none() | st.booleans(),
    "question_id": st.none() | st.integers(-1, 8),
    "panelist_id": st.none() | st.integers(-1, 4),
    "seconds": st.none() | st.integers(-100_000, 100_000),
    "answer_seconds": st.none() | st.integers(0, 4000),
}
"""Values of the right type (mostly) for each field; any other field gets text."""


def _field_value(name: str) -> st.SearchStrategy[object]:
    plausible = PLAUSIBLE_FIELDS.get(name, st.none() | st.text(max_size=80))
    # one time in five, anything at all
    return st.integers(0, 4).flatmap(lambda n: JSON_VALUES if n == 0 else plausible)


def _message_of(type_name: str) -> st.SearchStrategy[dict[str, object]]:
    """A JSON object of this type: some of its own fields, maybe an unknown one."""
    (request_type,) = [t for t in REQUEST_TYPES if t.__struct_config__.tag == type_name]
    own = {name: _field_value(name) for name in request_type.__struct_fields__}
    return st.builds(
        lambda fields, extra: {"type": type_name, **fields, **extra},
        st.fixed_dictionaries({}, optional=own),
        st.dictionaries(
            st.sampled_from(FIELD_NAMES) | st.text(max_size=5), JSON_VALUES, max_size=1
        ),
    )


MESSAGES = st.one_of(
    st.sampled_from(TYPE_NAMES).flatmap(_message_of),
    st.builds(
        lambda type_, rest: {**rest, "type": type_},
        JSON_LEAVES,
        st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3),
    ),
)


def _render(value: object, indent: int | None, ascii_only: bool) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=ascii_only)


def _check_decode(raw: str | bytes) -> p.Request | None:
    """Decode; the result is a request or a DecodeError with a valid ref, nothing else."""
    try:
        request = p.decode_request(raw)
    except p.DecodeError as error:
        ref = error.ref
        assert (
            ref is None
            or (isinstance(ref, str) and len(ref) <= 64)
            or (type(ref) is int and -(2**63) <= ref <= INT64_MAX)
        )
        return None
    assert isinstance(request, REQUEST_TYPES)
    return request


HOST = Actor("h_maya", "host")
ANA = Actor("p_ana", "participant")
BEN = Actor("p_ben", "participant")
VIEWER = Actor(None, "viewer")
T0 = 1_764_008_409_123


def _live_state() -> State:
    """A small live session: a panel of two, questions in every status, a running timer."""
    state = fold(
        [ev.SessionCreated(seq=1, at=T0, session_id="s", title="T", settings=p.Settings())]
    )
    for actor in (HOST, ANA, BEN):
        assert actor.id is not None
        apply(state, create_identity(state, actor.id, actor.role, actor.id, None, T0))
    script: list[tuple[Actor, p.Request]] = [
        (HOST, p.PanelistAdd(name="Dr. Rivera")),
        (HOST, p.PanelistAdd(name="Dr. Kim")),
        (ANA, p.Ask(text="open", nonce="n1")),
        (BEN, p.Ask(text="answering", anonymous=True)),
        (ANA, p.Ask(text="answered")),
        (BEN, p.Ask(text="dismissed")),
        (BEN, p.Vote(question_id=1)),
        (HOST, p.SetNow(question_id=3, panelist_id=1)),
        (HOST, p.SetNow(question_id=2, panelist_id=1)),
        (HOST, p.Dismiss(question_id=4)),
        (HOST, p.SettingsRequest(moderation=True)),
        (BEN, p.Ask(text="pending")),
        (HOST, p.TimerRequest(action="start", seconds=60)),
        (HOST, p.NoteRequest(text="note", question_id=1)),
    ]
    for at, (actor, request) in enumerate(script, start=1):
        decision = decide(state, actor, request, T0 + at * 1000)
        assert isinstance(decision, Accepted), (request, decision)
        for event in decision.events:
            apply(state, event)
    return state


LIVE = _live_state()


def _decide_everywhere(request: p.Request) -> None:
    """`decide` for every role never raises, and applying what it accepts never raises."""
    for actor in (HOST, ANA, BEN, VIEWER):
        decision = decide(LIVE, actor, request, T0 + 100_000)
        assert isinstance(decision, Accepted | Rejected)
        if isinstance(decision, Accepted) and decision.events:
            state = LIVE.copy()
            for event in decision.events:
                apply(state, event)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check_decode(raw)


@FUZZ
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=100))
def test_arbitrary_text_even_with_surrogates(raw: str) -> None:
    _check_decode(raw)


@FUZZ
@given(JSON_VALUES, st.sampled_from([None, 1]), st.booleans())
def test_arbitrary_json_values(value: object, indent: int | None, ascii_only: bool) -> None:
    raw = _render(value, indent, ascii_only)
    if (request := _check_decode(raw)) is not None:
        _decide_everywhere(request)


@FUZZ
@given(MESSAGES, st.sampled_from([None, 1]), st.booleans(), st.booleans())
def test_json_objects_with_real_types_decode_or_fail_cleanly_and_decide_never_raises(
    message: dict[str, object], indent: int | None, ascii_only: bool, as_bytes: bool
) -> None:
    raw = _render(message, indent, ascii_only)
    request = _check_decode(raw.encode() if as_bytes else raw)
    if request is not None:
        assert _tag(request) == message["type"]
        assert all(
            getattr(request, name) == value
            for name, value in message.items()
            if name in request.__struct_fields__
        )
        _decide_everywhere(request)


@FUZZ
@given(MESSAGES, st.binary(min_size=1, max_size=6), st.integers(0, 10_000))
def test_json_objects_with_bytes_spliced_in(
    message: dict[str, object], splice: bytes, position: int
) -> None:
    raw = _render(message, None, False).encode()
    position %= len(raw) + 1
    _check_decode(raw[:position] + splice + raw[position:])


@FUZZ
@given(st.one_of(*(st.builds(t) for t in REQUEST_TYPES)))
def test_built_requests_round_trip_or_fail_cleanly_and_decide_never_raises(
    request: p.Request,
) -> None:
    decoded = _check_decode(p.encode(request))
    if decoded is not None:
        assert decoded == request
        _decide_everywhere(decoded)
