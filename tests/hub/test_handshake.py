"""The handshake of PROTOCOL.md "Joining", over real loopback sockets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import urllib.error
import urllib.request

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.hub.wire import hello, join

HELLO = {"type": "hello", "protocol": 1, "role": "participant", "name": "Ana"}


async def test_welcome_carries_identity_token_and_snapshot(hub):
    ana = await join(hub)
    welcome = ana.welcome
    assert welcome["protocol"] == 1
    assert welcome["you"]["role"] == "participant" and welcome["you"]["name"] == "Ana"
    assert len(welcome["token"]) >= 22  # at least 128 bits, URL-safe
    assert set(welcome["token"]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    state = welcome["state"]
    assert state["session"]["title"] == "EM alumni panel"
    assert state["session"]["status"] == "live"
    assert [p["name"] for p in state["panelists"]] == ["Dr. Rivera", "Dr. Chen"]
    assert state["participants"] == 1
    assert state["my_votes"] == [] and state["my_questions"] == [] and state["notes"] == []
    assert welcome["seq"] >= 1


async def test_code_ignores_case_spaces_and_dashes(hub):
    code = hub.code.replace("-", "").lower()
    spaced = " ".join(code)
    ws, reply = await hello(hub, {**HELLO, "code": spaced})
    assert reply["type"] == "welcome"
    await ws.close()


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("not json", "bad_request"),
        ({"type": "vote", "question_id": 1}, "bad_request"),
        ({"type": "hello", "protocol": "1", "role": "participant"}, "bad_request"),
        ({**HELLO, "protocol": 2, "code": "whatever"}, "unsupported_protocol"),
        ({**HELLO, "code": "AAA-AAA"}, "bad_code"),
        ({**HELLO}, "bad_code"),
        ({"type": "hello", "protocol": 1, "role": "host", "key": "nope", "name": "M"}, "bad_key"),
        ({**HELLO, "code": None, "token": "made-up-token"}, "bad_token"),
        ({**HELLO, "code": None, "name": "   "}, "bad_request"),
        ({**HELLO, "code": None, "name": "x" * 41}, "bad_request"),
    ],
)
async def test_failed_hello_gets_one_error_then_1008(hub, message, code):
    if isinstance(message, dict) and message.get("code", "") is None:
        message = {**message, "code": hub.code}
    raw = message if isinstance(message, str) else json.dumps(message)
    ws = await connect(hub.url)
    await ws.send(raw)
    reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert reply["type"] == "error" and reply["code"] == code, reply
    assert reply["message"]
    await ws.wait_closed()
    assert ws.close_code == 1008


async def test_checks_run_in_protocol_order(hub):
    # Wrong protocol and wrong code together: the protocol is checked first.
    _, reply = await hello(hub, {**HELLO, "protocol": 9, "code": "WRONG"})
    assert reply["code"] == "unsupported_protocol"
    # Wrong code and a bad token: the code is checked before the token.
    _, reply = await hello(hub, {**HELLO, "code": "WRONG", "token": "x"})
    assert reply["code"] == "bad_code"


async def test_token_of_the_other_role_is_bad_token(hub):
    host = await join(hub, role="host", name="Maya")
    _, reply = await hello(hub, {**HELLO, "code": hub.code, "token": host.token})
    assert reply["code"] == "bad_token"
    ana = await join(hub)
    _, reply = await hello(
        hub, {"type": "hello", "protocol": 1, "role": "host", "key": hub.key, "token": ana.token}
    )
    assert reply["code"] == "bad_token"


async def test_resume_keeps_identity_votes_and_questions(hub):
    ana = await join(hub)
    asked = await ana.request("ask", text="How did you choose EM?")
    await ana.request("vote", question_id=asked["id"])
    await ana.close()
    again = await join(hub, name="Someone else", token=ana.token)
    assert again.id == ana.id
    assert again.welcome["you"]["name"] == "Ana"  # the name is ignored on resume
    assert again.welcome["token"] == ana.token
    assert again.welcome["state"]["my_votes"] == [asked["id"]]
    assert again.welcome["state"]["my_questions"] == [asked["id"]]


async def test_same_token_twice_closes_the_older_with_4000(hub):
    ana = await join(hub)
    newer = await join(hub, token=ana.token)
    assert await ana.close_code() == 4000
    assert newer.welcome["state"]["participants"] == 1
    ben = await join(hub, name="Ben")
    assert ben.welcome["state"]["participants"] == 2  # Ana counts once, not zero times
    reply = await newer.request("ask", text="Still here?")
    assert reply["type"] == "ok"


async def test_viewer_is_read_only_and_not_counted(hub):
    viewer = await join(hub, role="viewer", name="Room screen")
    assert viewer.welcome["token"] is None
    assert viewer.welcome["you"]["role"] == "viewer"
    assert viewer.welcome["state"]["participants"] == 0
    for request in (("ask", {"text": "hi"}), ("vote", {"question_id": 1}), ("end", {})):
        reply = await viewer.request(request[0], **request[1])
        assert reply["code"] == "forbidden"
    ana = await join(hub)
    presence = await viewer.change("presence")
    assert presence["participants"] == 1
    assert ana.welcome["state"]["participants"] == 1


async def test_hosts_are_not_counted_and_may_share_the_key(hub):
    first = await join(hub, role="host", name="Maya")
    second = await join(hub, role="host", name="Co-moderator")
    assert first.welcome["state"]["participants"] == 0
    assert second.welcome["you"]["role"] == "host"
    # A host resuming sends both key and token.
    again = await join(hub, role="host", token=first.token)
    assert again.id == first.id


async def test_server_full(make_hub):
    hub = await make_hub(limits={"max_participants": 1})
    ana = await join(hub)
    _, reply = await hello(hub, {**HELLO, "code": hub.code, "name": "Ben"})
    assert reply["code"] == "server_full"
    # The one participant may still come back with its token.
    await ana.close()
    again = await join(hub, token=ana.token)
    assert again.id == ana.id


async def test_ended_session_answers_session_ended(hub):
    host = await join(hub, role="host", name="Maya")
    ana = await join(hub)
    assert (await host.request("end"))["type"] == "ok"
    assert await ana.close_code() == 1000
    _, reply = await hello(hub, {**HELLO, "code": hub.code})
    assert reply["code"] == "session_ended"


async def test_hello_timeout_closes_1008(make_hub):
    hub = await make_hub(limits={"hello_timeout_s": 0.2})
    ws = await connect(hub.url)
    await ws.wait_closed()
    assert ws.close_code == 1008


async def test_repeated_failures_block_the_address(make_hub):
    hub = await make_hub(limits={"failed_hellos_per_minute": 3})
    for _ in range(3):
        _, reply = await hello(hub, {**HELLO, "code": "WRONG"})
        assert reply["code"] == "bad_code"
    ws = await connect(hub.url)
    with contextlib.suppress(ConnectionClosed):
        await ws.send(json.dumps({**HELLO, "code": hub.code}))
        message = await asyncio.wait_for(ws.recv(), 10)
        pytest.fail(f"a blocked address got a message: {message}")
    assert ws.close_code == 1008


async def test_other_paths_answer_404(hub):
    url = hub.url.replace("ws://", "http://").replace("/ws", "/elsewhere")
    with pytest.raises(urllib.error.HTTPError) as info:
        await asyncio.to_thread(urllib.request.urlopen, url, timeout=10)
    assert info.value.code == 404


async def test_stop_closes_clients_with_1001(make_hub):
    hub = await make_hub()
    ana = await join(hub)
    await hub.stop()
    assert await ana.close_code() == 1001


async def test_room_screens_have_a_cap_of_their_own(make_hub):
    hub = await make_hub(limits={"max_viewers": 1})
    await join(hub, role="viewer", name="Room screen")
    _, reply = await hello(
        hub,
        {
            "type": "hello",
            "protocol": 1,
            "role": "viewer",
            "code": hub.code,
            "name": "Second screen",
        },
    )
    assert reply["code"] == "server_full"
    assert (await join(hub)).welcome["state"]["participants"] == 1  # participants unaffected


async def test_past_the_connection_cap_the_upgrade_answers_503(make_hub):
    hub = await make_hub(limits={"max_connections": 2})
    first, second = await join(hub), await join(hub, name="Ben")
    with pytest.raises(InvalidStatus) as info:
        await connect(hub.url, open_timeout=10)
    assert info.value.response.status_code == 503
    await first.close()
    await second.close()
    for _ in range(100):  # the hub forgets closed connections as their sockets go
        try:
            third = await join(hub, name="Cai")
            break
        except InvalidStatus:
            await asyncio.sleep(0.05)
    assert third.welcome["you"]["name"] == "Cai"


async def test_a_full_room_does_not_lock_its_address_out(make_hub):
    # A lecture hall behind one NAT retrying a full session is not guessing: refusals that
    # are not the client's fault (full, unavailable, ended) must not count as failures,
    # or the host on the same network could no longer get in.
    hub = await make_hub(limits={"max_participants": 1, "failed_hellos_per_minute": 3})
    await join(hub, name="First")
    for n in range(5):
        ws, reply = await hello(hub, {**HELLO, "code": hub.code, "name": f"Late {n}"})
        assert reply["code"] == "server_full"
        await ws.close()
    host = await join(hub, role="host", name="Maya")
    assert host.welcome["you"]["role"] == "host"
