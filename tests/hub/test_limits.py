"""Rate limits, flood protection and the frame size limit."""

from __future__ import annotations

import contextlib

from websockets.exceptions import ConnectionClosed

from tests.hub.wire import join


async def test_five_questions_a_minute_per_identity_across_reconnects(hub):
    ana = await join(hub)
    for i in range(3):
        assert (await ana.request("ask", text=f"q{i}", nonce=f"n{i}"))["type"] == "ok"
    # A nonce resend and a rejected ask do not count.
    assert (await ana.request("ask", text="q0", nonce="n0"))["type"] == "ok"
    assert (await ana.request("ask", text=" "))["code"] == "bad_request"
    await ana.close()
    ana = await join(hub, token=ana.token)
    for i in range(3, 5):
        assert (await ana.request("ask", text=f"q{i}"))["type"] == "ok"
    refused = await ana.request("ask", text="one too many")
    assert refused["code"] == "rate_limited"
    assert "you can ask again in" in refused["message"]
    host = await join(hub, role="host", name="Maya")
    for i in range(7):
        assert (await host.request("ask", text=f"host q{i}"))["type"] == "ok"  # hosts exempt


async def test_requests_per_connection_are_limited(make_hub):
    hub = await make_hub(limits={"requests_per_second": 0.5, "request_burst": 3})
    ana = await join(hub)
    for _ in range(3):
        await ana.send({"type": "vote", "question_id": 1})  # each fails: not_found
    refused = await ana.request("vote", question_id=1)
    assert refused["code"] == "rate_limited"


async def test_a_flood_closes_the_connection_1008(make_hub):
    hub = await make_hub(limits={"flood_messages_per_second": 30})
    ana = await join(hub)
    with contextlib.suppress(ConnectionClosed):
        for _ in range(100):
            await ana.send({"type": "vote", "question_id": 1})
    assert await ana.close_code() == 1008
    other = await join(hub, name="Ben")
    assert (await other.request("ask", text="unaffected"))["type"] == "ok"


async def test_a_message_over_16_kib_closes_1009(hub):
    ana = await join(hub)
    with contextlib.suppress(ConnectionClosed):
        await ana.send({"type": "ask", "text": "x" * (17 * 1024)})
    assert await ana.close_code() == 1009
