"""Every request type of PROTOCOL.md against a real hub, with its changes and answers."""

from __future__ import annotations

import asyncio

from tests.hub.wire import join


async def test_ask_reaches_everyone_before_the_askers_ok(hub):
    ana = await join(hub)
    ben = await join(hub, name="Ben")
    host = await join(hub, role="host", name="Maya")
    reply = await ana.request("ask", text="How  did you\nchoose EM?", panelist_id=1)
    assert reply == {"type": "ok", "ref": reply["ref"], "id": 1}
    # The change reached the asker before its ok.
    question = ana.changes("question")[0]["question"]
    assert question["text"] == "How did you choose EM?"  # normalised
    assert question["author"] == "Ana" and question["status"] == "open"
    assert question["panelist_id"] == 1 and question["votes"] == 0
    assert question["asked_at"].endswith("Z")
    for peer in (ben, host):
        assert (await peer.change("question"))["question"]["id"] == 1


async def test_anonymous_question_has_no_author_for_anyone(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    await ana.request("ask", text="Is burnout as bad as people say?", anonymous=True)
    assert (await host.change("question"))["question"]["author"] is None
    assert ana.changes("question")[0]["question"]["author"] is None


async def test_anonymous_forbidden_when_the_setting_is_off(hub):
    host = await join(hub, role="host", name="Maya")
    ana = await join(hub)
    assert (await host.request("settings", anonymous_allowed=False))["type"] == "ok"
    reply = await ana.request("ask", text="secret?", anonymous=True)
    assert reply["code"] == "forbidden"


async def test_nonce_makes_a_resent_ask_create_nothing(hub):
    ana = await join(hub)
    first = await ana.request("ask", text="What do PDs look for?", nonce="n-1")
    again = await ana.request("ask", text="What do PDs look for?", nonce="n-1")
    assert again["type"] == "ok" and again["id"] == first["id"]
    host = await join(hub, role="host", name="Maya")
    assert len(host.welcome["state"]["questions"]) == 1


async def test_votes_one_per_identity_and_coalesced_counts(hub):
    ana = await join(hub)
    ben = await join(hub, name="Ben")
    asked = await ana.request("ask", text="Night shifts?")
    question_id = asked["id"]
    assert (await ana.request("vote", question_id=question_id))["type"] == "ok"  # own question
    assert (await ana.request("vote", question_id=question_id))["type"] == "ok"  # repeat: no-op
    assert (await ben.request("vote", question_id=question_id))["type"] == "ok"
    votes = ben.changes("votes")[-1]
    assert votes["counts"] == {str(question_id): 2}
    assert (await ben.request("unvote", question_id=question_id))["type"] == "ok"
    assert (await ben.request("unvote", question_id=question_id))["type"] == "ok"
    assert ben.changes("votes")[-1]["counts"] == {str(question_id): 1}


async def test_many_votes_in_one_burst_coalesce(hub):
    asker = await join(hub, name="Asker")
    question_id = (await asker.request("ask", text="Coalesce me"))["id"]
    voters = [await join(hub, name=f"P{i}") for i in range(20)]
    watcher = await join(hub, name="Watcher")
    await asyncio.gather(*(v.send({"type": "vote", "question_id": question_id}) for v in voters))
    last = await watcher.until(
        lambda m: m["type"] == "votes" and m["counts"][str(question_id)] == 20
    )
    assert last["counts"] == {str(question_id): 20}
    assert len(watcher.changes("votes")) <= 20


async def test_withdraw_own_question_only(hub):
    ana = await join(hub)
    ben = await join(hub, name="Ben")
    question_id = (await ana.request("ask", text="Mine"))["id"]
    assert (await ben.request("withdraw", question_id=question_id))["code"] == "forbidden"
    assert (await ana.request("withdraw", question_id=question_id))["type"] == "ok"
    # Ben could see it; now he is told it is gone, and Ana sees it dismissed.
    assert (await ben.change("removed"))["id"] == question_id
    assert ana.changes("question")[-1]["question"]["status"] == "dismissed"
    assert (await ana.request("withdraw", question_id=question_id))["code"] == "invalid_state"


async def test_participants_get_forbidden_for_host_requests(hub):
    ana = await join(hub)
    question_id = (await ana.request("ask", text="q"))["id"]
    for type, fields in [
        ("approve", {"question_id": question_id}),
        ("dismiss", {"question_id": question_id}),
        ("restore", {"question_id": question_id}),
        ("edit", {"question_id": question_id, "text": "x"}),
        ("set_now", {"question_id": question_id}),
        ("mark_answered", {"question_id": question_id}),
        ("reopen", {"question_id": question_id}),
        ("timer", {"action": "start"}),
        ("panelist_add", {"name": "X"}),
        ("panelist_remove", {"panelist_id": 1}),
        ("note", {"text": "n"}),
        ("settings", {"moderation": True}),
        ("end", {}),
    ]:
        reply = await ana.request(type, **fields)
        assert reply["code"] == "forbidden", (type, reply)


async def test_moderation_hides_pending_questions_from_others(make_hub):
    hub = await make_hub(moderation=True)
    ana = await join(hub)
    ben = await join(hub, name="Ben")
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="Step 2 score?"))["id"]
    assert ana.changes("question")[-1]["question"]["status"] == "pending"
    assert (await host.change("question"))["question"]["status"] == "pending"
    # Ben cannot see it, so for him it does not exist.
    assert (await ben.request("vote", question_id=question_id))["code"] == "not_found"
    assert (await ana.request("vote", question_id=question_id))["code"] == "invalid_state"
    assert (await host.request("approve", question_id=question_id))["type"] == "ok"
    assert (await ben.change("question"))["question"]["status"] == "open"
    assert (await host.request("dismiss", question_id=question_id))["type"] == "ok"
    assert (await ben.change("removed"))["id"] == question_id
    await ana.until(lambda m: m["type"] == "question" and m["question"]["status"] == "dismissed")
    assert (await host.request("restore", question_id=question_id))["type"] == "ok"
    assert (await ben.change("question"))["question"]["status"] == "open"


async def test_turning_moderation_off_leaves_pending_pending(make_hub):
    hub = await make_hub(moderation=True)
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="Pending?"))["id"]
    reply = await host.request("settings", moderation=False, title="EM panel", answer_seconds=90)
    assert reply["type"] == "ok"
    session = await ana.change("session")
    assert session["session"]["title"] == "EM panel"
    assert session["settings"]["moderation"] is False
    assert session["settings"]["answer_seconds"] == 90
    again = await join(hub, token=ana.token)
    statuses = {q["id"]: q["status"] for q in again.welcome["state"]["questions"]}
    assert statuses[question_id] == "pending"


async def test_stage_answer_and_reopen(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    first = (await ana.request("ask", text="First"))["id"]
    second = (await ana.request("ask", text="Second"))["id"]
    assert (await host.request("set_now", question_id=first, panelist_id=1))["type"] == "ok"
    now = await ana.change("now")
    assert now["question_id"] == first and now["panelist_id"] == 1
    assert (await host.request("set_now", question_id=first))["code"] == "invalid_state"
    assert (await host.request("set_now", question_id=second, panelist_id=2))["type"] == "ok"
    statuses = {m["question"]["id"]: m["question"]["status"] for m in ana.changes("question")}
    await ana.change("now")
    statuses = {
        m["question"]["id"]: m["question"]["status"]
        for m in ana.received
        if m["type"] == "question"
    }
    assert statuses == {first: "answered", second: "answering"}
    assert (await host.request("mark_answered", question_id=second))["type"] == "ok"
    now = await ana.change("now")
    assert now["question_id"] is None
    assert (await host.request("reopen", question_id=first))["type"] == "ok"
    assert (await host.request("reopen", question_id=first))["code"] == "invalid_state"
    assert (await host.request("mark_answered", question_id=first))["type"] == "ok"
    assert (await host.request("set_now", question_id=None))["type"] == "ok"


async def test_dismissing_the_question_on_stage_clears_the_stage_and_ends_the_answer(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="On stage"))["id"]
    await host.request("set_now", question_id=question_id, panelist_id=1)
    assert (await host.request("dismiss", question_id=question_id))["type"] == "ok"
    now = host.changes("now")[-1]
    assert now == {"type": "now", "question_id": None, "panelist_id": None, "seq": now["seq"]}
    timer = host.changes("timer")[-1]["timer"]
    assert (timer["state"], timer["panelist_id"]) == ("idle", None)


async def test_set_now_puts_the_question_on_stage_and_starts_the_timer_in_one_change(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="How did you choose EM?"))["id"]
    reply = await host.request("set_now", question_id=question_id, panelist_id=2, seconds=90)
    assert reply["type"] == "ok"
    # both changes reached the host before its ok, from one journal batch (one seq)
    now, timer = host.changes("now")[-1], host.changes("timer")[-1]
    assert (now["question_id"], now["panelist_id"]) == (question_id, 2)
    assert (timer["timer"]["state"], timer["timer"]["panelist_id"]) == ("running", 2)
    assert timer["timer"]["duration_ms"] == 90_000 and now["seq"] == timer["seq"]
    seen = await ana.until(lambda m: m["type"] == "timer" and m["timer"]["state"] == "running")
    assert seen["seq"] == now["seq"]
    assert (await host.request("mark_answered", question_id=question_id))["type"] == "ok"
    timer = host.changes("timer")[-1]["timer"]
    assert (timer["state"], timer["panelist_id"]) == ("idle", None)
    assert host.changes("now")[-1]["panelist_id"] is None


async def test_set_now_checks_its_timer_and_seconds_fields(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="Night shifts?"))["id"]
    stage = {"question_id": question_id, "panelist_id": 1}
    for bad in ({"timer": 1}, {"timer": "yes"}, {"seconds": 1.0}, {"seconds": True}):
        reply = await host.request("set_now", **stage, **bad)
        assert reply["code"] == "bad_request", bad
    for seconds in (0, 86_401):
        reply = await host.request("set_now", **stage, seconds=seconds)
        assert reply["code"] == "bad_request" and "1 to 86400 seconds" in reply["message"]
    assert host.changes("now") == []
    assert (await host.request("set_now", **stage, timer=False))["type"] == "ok"
    assert host.changes("timer") == []  # nothing ran before: no timer to stop or start


async def test_edit_keeps_id_and_votes(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="typo here"))["id"]
    await ana.request("vote", question_id=question_id)
    assert (await host.request("edit", question_id=question_id, text="Fixed text"))["type"] == "ok"
    question = (
        await ana.until(lambda m: m["type"] == "question" and m["question"]["text"] == "Fixed text")
    )["question"]
    assert question["id"] == question_id and question["votes"] == 1
    assert (await host.request("edit", question_id=question_id, text=" "))["code"] == "bad_request"
    long_text = "x" * 301
    assert (await host.request("edit", question_id=question_id, text=long_text))[
        "code"
    ] == "too_long"


async def test_timer_actions_and_speaking_time(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("timer", action="pause"))["code"] == "invalid_state"
    assert (await host.request("timer", action="add", seconds=30))["code"] == "invalid_state"
    assert (await host.request("timer", action="start", panelist_id=1))["type"] == "ok"
    timer = (await ana.change("timer"))["timer"]
    assert timer["state"] == "running" and timer["duration_ms"] == 120_000
    assert 110_000 < timer["remaining_ms"] <= 120_000 and timer["panelist_id"] == 1
    assert (await host.request("timer", action="add", seconds=-150))["type"] == "ok"
    timer = (await ana.change("timer"))["timer"]
    assert timer["remaining_ms"] < 0  # overtime: counts past zero
    assert (await host.request("timer", action="pause"))["type"] == "ok"
    assert (await host.request("timer", action="resume"))["type"] == "ok"
    assert (await host.request("timer", action="reset"))["type"] == "ok"
    timer = [m for m in ana.received if m["type"] == "timer"]
    await ana.until(lambda m: m["type"] == "timer" and m["timer"]["state"] == "idle")
    panel = [m for m in ana.received if m["type"] == "panel"][-1]["panelists"]
    assert panel[0]["spoken_ms"] >= 0 and panel[1]["spoken_ms"] == 0
    assert (await host.request("timer", action="start", seconds=0))["code"] == "bad_request"


async def test_panelists_add_and_remove(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    added = await host.request("panelist_add", name="Dr. Osei", title="EM fellow")
    assert added["type"] == "ok" and added["id"] == 3
    panel = (await ana.change("panel"))["panelists"]
    assert [p["name"] for p in panel] == ["Dr. Rivera", "Dr. Chen", "Dr. Osei"]
    await host.request("set_now", question_id=None, panelist_id=3)
    assert (await host.request("panelist_remove", panelist_id=3))["code"] == "invalid_state"
    await host.request("set_now", question_id=None, panelist_id=None)
    assert (await host.request("panelist_remove", panelist_id=3))["type"] == "ok"
    assert (await host.request("panelist_remove", panelist_id=3))["code"] == "not_found"
    assert (await host.request("panelist_add", name="x" * 61))["code"] == "too_long"


async def test_notes_reach_hosts_only(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    question_id = (await ana.request("ask", text="Why EM?"))["id"]
    reply = await host.request("note", text="Loves the variety", question_id=question_id)
    assert reply["type"] == "ok" and reply["id"] == 1
    note = host.changes("note")[0]["note"]
    assert note["question_id"] == question_id and note["text"] == "Loves the variety"
    await ana.request("vote", question_id=question_id)  # something after the note
    assert ana.changes("note") == []
    again = await join(hub, token=ana.token)
    assert again.welcome["state"]["notes"] == []


async def test_not_found_for_unknown_ids(hub):
    host = await join(hub, role="host", name="Maya")
    for type, fields in [
        ("approve", {"question_id": 99}),
        ("vote", {"question_id": 99}),
        ("set_now", {"question_id": None, "panelist_id": 99}),
        ("note", {"text": "x", "question_id": 99}),
    ]:
        assert (await host.request(type, **fields))["code"] == "not_found"


async def test_malformed_frames_get_bad_request_and_the_connection_lives(hub):
    ana = await join(hub)
    for raw in [
        "nope",
        "[]",
        '{"type": 3}',
        '{"type": "vote", "question_id": "1", "ref": "r1"}',
        '{"type": "fly"}',
        "[" * 5000 + "]" * 5000,
        '{"type": "vote", "question_id": 1e400}',
        '{"type": "vote", "question_id": 99999999999999999999999}',
        b"\x00\x01",
    ]:
        await ana.send(raw)
        error = await ana.change("error")
        assert error["code"] == "bad_request", (raw, error)
    assert ana.changes("error")[3]["ref"] == "r1"
    await ana.send({"type": "vote", "question_id": 1, "ref": "x" * 65})
    assert (await ana.change("error"))["ref"] is None
    assert (await ana.request("ask", text="still alive"))["type"] == "ok"


async def test_requests_without_ref_are_answered_only_on_failure(hub):
    ana = await join(hub)
    await ana.send({"type": "ask", "text": "no ref"})
    await ana.send({"type": "vote", "question_id": 42})
    error = await ana.change("error")
    assert error["ref"] is None and error["code"] == "not_found"
    assert ana.changes("ok") == []


async def test_seq_never_decreases_on_a_connection(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    for i in range(5):
        question_id = (await ana.request("ask", text=f"q{i}"))["id"]
        await host.request("vote", question_id=question_id)
    await host.request("timer", action="start", panelist_id=1)
    await ana.change("timer")
    seqs = [ana.welcome["seq"]] + [m["seq"] for m in ana.received if "seq" in m]
    assert seqs == sorted(seqs)


async def test_end_closes_everyone_with_1000_after_the_session_change(hub):
    ana = await join(hub)
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("end"))["type"] == "ok"
    assert await ana.close_code() == 1000
    session = ana.changes("session")[-1]
    assert session["session"]["status"] == "ended" and session["session"]["ended_at"]
    assert hub.transcript_path.exists()
