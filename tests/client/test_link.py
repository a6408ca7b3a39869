"""The client link against a real hub on 127.0.0.1: join, requests, refusals, endings."""

from __future__ import annotations

import socket

from panelhost import protocol as p
from panelhost.hub import Hub

from .linkkit import OpenLink


async def test_join_loads_the_snapshot_and_an_ask_is_mine(hub: Hub, open_link: OpenLink) -> None:
    ana = await open_link(hub, name="Ana")
    assert ana.status == "connected"
    assert ana.you is not None and ana.you.name == "Ana"
    assert ana.token
    assert ana.mirror.title == "EM alumni panel"
    assert [x.name for x in ana.mirror.panelists.values()] == ["Dr. Rivera", "Dr. Chen"]

    reply = await ana.ask("How did you choose EM?")
    assert isinstance(reply, p.Ok) and reply.id == 1
    assert ana.mirror.my_questions == {1}
    assert [q.text for q in ana.mirror.queue()] == ["How did you choose EM?"]
    assert ana.mirror.queue()[0].author == "Ana"


async def test_votes_reach_others_and_rank_the_queue(hub: Hub, open_link: OpenLink) -> None:
    ana = await open_link(hub, name="Ana")
    ben = await open_link(hub, name="Ben")
    first = await ana.ask("first")
    second = await ana.ask("second", anonymous=True)
    assert isinstance(first, p.Ok) and isinstance(second, p.Ok)
    await ben.wait_until(lambda link: len(link.mirror.queue()) == 2, timeout=10)
    assert [q.id for q in ben.mirror.queue()] == [first.id, second.id]
    assert ben.mirror.question(second.id).author is None  # type: ignore[union-attr]

    assert isinstance(await ben.vote(second.id), p.Ok)
    assert ben.mirror.my_votes == {second.id}
    await ana.wait_until(lambda link: link.mirror.question(second.id).votes == 1, timeout=10)  # type: ignore[union-attr]
    assert [q.id for q in ana.mirror.queue()] == [second.id, first.id]

    assert isinstance(await ben.unvote(second.id), p.Ok)
    assert ben.mirror.my_votes == set()
    await ana.wait_until(lambda link: link.mirror.question(second.id).votes == 0, timeout=10)  # type: ignore[union-attr]
    assert [q.id for q in ana.mirror.queue()] == [first.id, second.id]


async def test_hub_errors_come_back_as_sentences(hub: Hub, open_link: OpenLink) -> None:
    ana = await open_link(hub, name="Ana")
    reply = await ana.vote(99)
    assert isinstance(reply, p.Error) and reply.code == "not_found"
    assert "99" in reply.message
    assert ana.status == "connected"


async def test_moderation_states_of_my_question(make_hub, open_link: OpenLink) -> None:
    hub = await make_hub(moderation=True)
    host = await open_link(hub, role="host", name="Maya")
    ana = await open_link(hub, name="Ana")
    ben = await open_link(hub, name="Ben")
    asked = await ana.ask("Can you share your Step 2 score?")
    assert isinstance(asked, p.Ok) and asked.id is not None
    question_id = asked.id
    assert ana.mirror.question(question_id).status == "pending"  # type: ignore[union-attr]
    assert [q.id for q in ana.mirror.pending()] == [question_id]
    await host.wait_until(lambda link: len(link.mirror.pending()) == 1, timeout=10)

    assert isinstance(await host.request(p.Approve(question_id=question_id)), p.Ok)
    await ben.wait_until(lambda link: link.mirror.question(question_id) is not None, timeout=10)
    assert isinstance(await host.request(p.Dismiss(question_id=question_id)), p.Ok)
    await ben.wait_until(lambda link: link.mirror.question(question_id) is None, timeout=10)
    await ana.wait_until(
        lambda link: link.mirror.question(question_id).status == "dismissed",  # type: ignore[union-attr]
        timeout=10,
    )
    assert [q.id for q in ana.mirror.dismissed()] == [question_id]
    await host.wait_until(lambda link: len(link.mirror.dismissed()) == 1, timeout=10)


async def test_wrong_code_is_refused_with_the_hubs_sentence(hub: Hub, open_link: OpenLink) -> None:
    link = await open_link(hub, name="Ana", code="WRONG")
    assert link.status == "refused"
    assert link.reason == "wrong join code; check it with the host"


async def test_unreachable_host_is_one_sentence(open_link: OpenLink) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    link = await open_link(f"ws://127.0.0.1:{port}/ws", name="Ana", code="X")
    assert link.status == "unreachable"
    assert link.reason is not None and "nothing is listening" in link.reason


async def test_wrong_path_is_not_a_hub(hub: Hub, open_link: OpenLink) -> None:
    link = await open_link(hub.url.replace("/ws", "/nope"), name="Ana", code=hub.code)
    assert link.status == "unreachable"
    assert link.reason is not None and "HTTP 404" in link.reason


async def test_session_end_stops_the_link(hub: Hub, open_link: OpenLink) -> None:
    host = await open_link(hub, role="host", name="Maya")
    ana = await open_link(hub, name="Ana")
    assert isinstance(await host.request(p.End()), p.Ok)
    await ana.wait_until(lambda link: link.stopped, timeout=10)
    assert ana.status == "ended"
    assert ana.reason == "the session has ended"
    assert ana.mirror.ended
    late = await open_link(hub, name="Cai")
    assert late.status == "ended"


async def test_same_token_twice_replaces_the_older(hub: Hub, open_link: OpenLink) -> None:
    first = await open_link(hub, name="Ana")
    second = await open_link(hub, token=first.token)
    assert second.status == "connected"
    assert second.you is not None and first.you is not None and second.you.id == first.you.id
    await first.wait_until(lambda link: link.stopped, timeout=10)
    assert first.status == "replaced"


async def test_unknown_token_joins_afresh_with_the_name(hub: Hub, open_link: OpenLink) -> None:
    link = await open_link(hub, name="Ana", token="not-a-real-token-at-all")
    assert link.status == "connected"
    assert link.dropped_token
    assert link.token != "not-a-real-token-at-all"


async def test_viewer_sees_the_queue_but_sends_nothing(hub: Hub, open_link: OpenLink) -> None:
    ana = await open_link(hub, name="Ana")
    await ana.ask("hello")
    screen = await open_link(hub, role="viewer", name="Room screen")
    assert screen.token is None
    assert [q.text for q in screen.mirror.queue()] == ["hello"]
    reply = await screen.vote(1)
    assert isinstance(reply, p.Error) and reply.code == "forbidden"
