"""PROTOCOL.md revision 2, "the contract to the letter": one test per divergence that clients
written from the contract alone found, each now settled in its text (docs/protocol.md,
"The contract to the letter", names each test)."""

from __future__ import annotations

import asyncio
import re

from tests.hub.wire import hello, join

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def hello_of(hub, role: str, **fields) -> dict:
    message = {"type": "hello", "protocol": 1, "role": role}
    message.update({"key": hub.key} if role == "host" else {"code": hub.code})
    message.update(fields)
    return message


async def test_a_viewers_name_is_optional_and_its_token_ignored(hub):
    ana = await join(hub)
    ws, welcome = await hello(hub, hello_of(hub, "viewer", token=ana.token))  # no name
    assert welcome["type"] == "welcome", welcome
    assert welcome["you"]["name"] == "viewer" and welcome["you"]["role"] == "viewer"
    assert welcome["you"]["id"] != ana.id and welcome["token"] is None
    await ws.close()


async def test_a_host_hello_without_key_is_bad_key(hub):
    message = hello_of(hub, "host", name="Maya")
    del message["key"]
    ws, reply = await hello(hub, message)
    assert reply["type"] == "error" and reply["code"] == "bad_key"
    await ws.wait_closed()
    assert ws.close_code == 1008


async def test_ref_null_is_the_same_as_no_ref(hub):
    ana = await join(hub)
    await ana.send({"type": "ask", "text": "ref null, succeeds", "ref": None})
    await ana.send({"type": "vote", "question_id": 99, "ref": None})  # fails
    error = await ana.change("error")
    assert error["ref"] is None and error["code"] == "not_found"
    marker = await ana.request("vote", question_id=1)  # after both, in order
    assert marker["type"] == "ok"
    assert [m for m in ana.received if m["type"] == "ok"] == [marker]  # no ok for ref null


async def test_the_timer_never_names_a_removed_panelist(hub):
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("ask", text="On stage?"))["type"] == "ok"
    # the panelist of a running or paused timer, or on stage, cannot be removed
    assert (await host.request("timer", action="start", seconds=60, panelist_id=2))["type"] == "ok"
    assert (await host.request("panelist_remove", panelist_id=2))["code"] == "invalid_state"
    assert (await host.request("timer", action="pause"))["type"] == "ok"
    assert (await host.request("panelist_remove", panelist_id=2))["code"] == "invalid_state"
    # an idle timer that named them names nobody once they are removed
    assert (await host.request("timer", action="reset"))["type"] == "ok"
    assert (await host.request("panelist_remove", panelist_id=2))["type"] == "ok"
    timer = host.changes("timer")[-1]["timer"]  # it came before the ok
    assert timer["state"] == "idle" and timer["panelist_id"] is None
    again = await join(hub, role="host", name="Maya 2")
    assert again.welcome["state"]["timer"]["panelist_id"] is None


async def test_changes_other_than_votes_and_presence_are_coalesced_too(hub):
    host = await join(hub, role="host", name="Maya")
    ana = await join(hub)
    for text in ("one", "two", "three"):
        assert (await host.request("ask", text=text))["type"] == "ok"
    await asyncio.gather(*(ana.change("question") for _ in range(3)))
    # three set_now in one burst: a mirror ends right, with at most one frame per change
    for question_id in (1, 2, 3):
        await host.send({"type": "set_now", "question_id": question_id, "panelist_id": None})
    done = await host.request("settings", title="After the burst")
    assert done["type"] == "ok"
    await ana.change("session")
    stage = [m for m in ana.received if m["type"] == "now"]
    assert 1 <= len(stage) <= 3 and stage[-1]["question_id"] == 3
    statuses = {}
    for message in ana.received:
        if message["type"] == "question":
            statuses[message["question"]["id"]] = message["question"]["status"]
    assert statuses == {1: "answered", 2: "answered", 3: "answering"}


async def test_a_change_reaches_the_requester_before_its_ok(hub):
    """Changes go out before their fsync, and always before the ok (the commit pipeline's
    blocking-sync test, tests/hub/test_commit.py, shows no ok leaves while the fsync runs)."""
    ana = await join(hub)
    ok = await ana.request("ask", text="Which first?")
    types = [m["type"] for m in ana.received]
    assert types.index("question") < types.index("ok") and ok["type"] == "ok"


async def test_an_over_long_name_in_a_hello_is_bad_request_not_too_long(hub):
    for role in ("participant", "host"):
        ws, reply = await hello(hub, hello_of(hub, role, name="n" * 41))
        assert reply["type"] == "error" and reply["code"] == "bad_request", reply
        await ws.close()
    ana = await join(hub, name="n" * 40)  # the limit itself is fine
    assert ana.welcome["you"]["name"] == "n" * 40


async def test_answered_at_spoken_ms_answers_and_ended_at_are_in_the_snapshot(hub):
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("ask", text="Answer me"))["type"] == "ok"
    fresh = (await join(hub, role="host", name="Before")).welcome["state"]
    assert fresh["session"]["ended_at"] is None
    assert fresh["questions"][0]["answered_at"] is None
    assert all(p["spoken_ms"] == 0 and p["answers"] == 0 for p in fresh["panelists"])
    assert (await host.request("set_now", question_id=1, panelist_id=1))["type"] == "ok"
    assert (await host.request("mark_answered", question_id=1))["type"] == "ok"
    state = (await join(hub, role="host", name="After")).welcome["state"]
    question = state["questions"][0]
    assert question["status"] == "answered" and RFC3339.match(question["answered_at"])
    rivera = state["panelists"][0]
    assert rivera["answers"] == 1 and rivera["spoken_ms"] >= 0
    assert (await host.request("end"))["type"] == "ok"
    session = host.changes("session")[-1]["session"]  # it came before the ok
    assert session["status"] == "ended" and RFC3339.match(session["ended_at"])
