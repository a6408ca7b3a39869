"""Offers and follow-ups over real sockets: offers to everyone, follow-ups to hosts only,
and the last place taken once when two students ask for it at the same moment."""

from __future__ import annotations

import asyncio
import json

from tests.hub.wire import join

EMAIL = "ana.night@example.org"


async def test_an_offer_reaches_everyone_with_its_places(hub):
    host = await join(hub, role="host", name="Maya", revision=3)
    ana = await join(hub, revision=3)
    screen = await join(hub, role="viewer", name="Room")
    made = await host.request(
        "offer", panelist_id=1, text="Read three  personal statements", places=3
    )
    assert made["type"] == "ok" and made["id"] == 1
    for peer in (ana, screen):
        offer = (await peer.change("offer"))["offer"]
        assert offer["text"] == "Read three personal statements"
        assert (offer["places"], offer["places_left"], offer["panelist_id"]) == (3, 3, 1)
    late = await join(hub, name="Ben", revision=3)
    assert [o["id"] for o in late.welcome["state"]["offers"]] == [1]
    refused = await ana.request("offer", panelist_id=1, text="x")
    assert refused["code"] == "forbidden"
    assert (await host.request("offer", panelist_id=9, text="x"))["code"] == "not_found"
    assert (await host.request("offer", panelist_id=1, text="x", places=0))["code"] == "bad_request"


async def test_follow_ups_reach_hosts_only_and_can_be_withdrawn(hub):
    host = await join(hub, role="host", name="Maya", revision=3)
    ana = await join(hub, revision=3)
    ben = await join(hub, name="Ben", revision=3)
    screen = await join(hub, role="viewer", name="Room")
    await host.request("offer", panelist_id=1, text="Shadowing in the ED", places=2)
    asked = await ana.request("follow_up", offer_id=1, message="I am on nights", email=EMAIL)
    assert asked["type"] == "ok"
    follow_up = (await host.change("follow_up"))["follow_up"]
    assert (follow_up["name"], follow_up["email"], follow_up["panelist_id"]) == ("Ana", EMAIL, 1)
    # the places left reach everyone: the count, never who
    await ben.until(lambda m: m["type"] == "offer" and m["offer"]["places_left"] == 1)
    general = await ben.request("follow_up", panelist_id=2, message="away rotations?")
    assert general["type"] == "ok"
    assert (await ana.request("follow_up", offer_id=1))["code"] == "invalid_state"  # once each
    assert (await ben.request("follow_up", offer_id=1, email="not an address"))["code"] == (
        "bad_request"
    )
    assert (await ben.request("follow_up_withdraw", follow_up_id=asked["id"]))["code"] == (
        "not_found"
    )
    assert (await ana.request("follow_up_withdraw", follow_up_id=asked["id"]))["type"] == "ok"
    assert await host.until(lambda m: m["type"] == "follow_up" and m["follow_up"]["withdrawn"])
    rejoined = await join(hub, name="Ana", token=ana.token, revision=3)
    assert rejoined.welcome["state"].get("my_follow_ups", []) == []  # omitted when empty
    assert "follow_ups" not in rejoined.welcome["state"]
    await host.request("note", text="sync")  # a change after everything, so every frame is in
    for peer in (ben, screen):
        await peer.until(lambda m: m["type"] == "offer" and m["offer"]["places_left"] == 2)
        frames = json.dumps(peer.received) + json.dumps(peer.welcome)
        assert EMAIL not in frames and "I am on nights" not in frames
        assert not peer.changes("follow_up")


async def test_two_students_taking_the_last_place_at_once_get_one_ok_one_refusal(hub):
    host = await join(hub, role="host", name="Maya", revision=3)
    await host.request("offer", panelist_id=1, text="Read one personal statement", places=1)
    ana = await join(hub, revision=3)
    ben = await join(hub, name="Ben", revision=3)
    frame = {"type": "follow_up", "offer_id": 1, "ref": "last-place"}
    # both frames are on the wire before either answer is read
    await asyncio.gather(ana.send(frame), ben.send(frame))
    answers = await asyncio.gather(
        *(peer.until(lambda m: m.get("ref") == "last-place") for peer in (ana, ben))
    )
    assert sorted(a["type"] for a in answers) == ["error", "ok"]
    refusal = next(a for a in answers if a["type"] == "error")
    assert refusal["code"] == "invalid_state" and "no places left" in refusal["message"]
    assert hub.session.state.offers[1].taken == 1
