"""A session open for questions, over real sockets: revision-3 clients see the status,
revision-1/2 clients (a hello without `revision`) see it as live and keep working."""

from __future__ import annotations

from typing import Literal

import msgspec

from tests.hub.wire import join


class Revision2Session(msgspec.Struct):
    """SessionInfo as a revision-2 client decodes it: only two statuses exist."""

    id: str
    title: str
    status: Literal["live", "ended"]
    started_at: str
    ended_at: str | None = None


def revision2_reads(session: dict) -> Revision2Session:
    return msgspec.convert(session, Revision2Session)


async def test_early_session_asks_and_votes_but_waits_for_go_live(make_hub):
    hub = await make_hub(opens_early=True)
    host = await join(hub, role="host", name="Maya", revision=3)
    ana = await join(hub, revision=3)
    assert ana.welcome["state"]["session"]["status"] == "open_for_questions"
    asked = await ana.request("ask", text="How do you study on nights?")
    assert (await ana.request("vote", question_id=asked["id"]))["type"] == "ok"
    refused = await host.request("set_now", question_id=asked["id"], panelist_id=1)
    assert refused["code"] == "invalid_state" and "go live first" in refused["message"]
    assert (await host.request("timer", action="start", seconds=30))["code"] == "invalid_state"
    assert (await host.request("go_live"))["type"] == "ok"
    assert (await ana.change("session"))["session"]["status"] == "live"
    assert (await host.request("set_now", question_id=asked["id"], panelist_id=1))["type"] == "ok"
    question = (
        await ana.until(
            lambda m: m["type"] == "question" and m["question"]["status"] == "answering"
        )
    )["question"]
    assert question["asked_early"] is True
    assert (await host.request("go_live"))["code"] == "invalid_state"


async def test_a_revision2_client_reads_an_early_session_as_live(make_hub):
    hub = await make_hub(opens_early=True)
    host = await join(hub, role="host", name="Maya", revision=3)
    old = await join(hub, name="Old")  # no `revision`: a revision-1/2 client
    assert revision2_reads(old.welcome["state"]["session"]).status == "live"
    assert (await old.request("ask", text="From an old client?"))["type"] == "ok"
    assert (await host.request("settings", title="EM night panel"))["type"] == "ok"
    frame = await old.change("session")
    assert revision2_reads(frame["session"]).title == "EM night panel"
    assert host.changes("session")[-1]["session"]["status"] == "open_for_questions"
    assert (await host.request("go_live"))["type"] == "ok"
    assert revision2_reads((await old.change("session"))["session"]).status == "live"


async def test_a_live_session_refuses_go_live(hub):
    host = await join(hub, role="host", name="Maya", revision=3)
    assert host.welcome["state"]["session"]["status"] == "live"
    refused = await host.request("go_live")
    assert refused["code"] == "invalid_state" and "live already" in refused["message"]
