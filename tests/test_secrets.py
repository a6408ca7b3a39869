"""No public output of a session with follow-ups holds a contact detail: not the frames a
participant or a room screen receives, the projector, the transcript, the Markdown or CSV
notes, nor a replay at any moment."""

from __future__ import annotations

import json

import msgspec

from panelhost.transcript import load_transcript, replay_state
from panelhost.transcript.markdown import export_markdown
from panelhost.transcript.table import export_csv
from panelhost.tui.replay.moment import mirror_at
from panelhost.tui.screen.app import ScreenApp
from tests.hub.wire import join
from tests.tui.pilotkit import screen_text, until
from tests.tui.screen.screenkit import painted, screen_app

SECRETS = ("cai.private@example.org", "call me after 6pm", "dee@example.net", "nights only")


async def test_contact_details_reach_no_public_output(make_hub) -> None:
    hub = await make_hub(opens_early=True)
    host = await join(hub, role="host", name="Maya", revision=3)
    watcher = await join(hub, name="Watcher", revision=3)  # sees everything public
    old = await join(hub, name="Old")  # a revision-2 client
    room = await join(hub, role="viewer", name="Room")
    cai = await join(hub, name="Cai", revision=3)
    dee = await join(hub, name="Dee", revision=3)
    app: ScreenApp = screen_app(hub)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: painted(app), "the projector's welcome")
        await cai.request("ask", text="What do PDs look for?")
        await host.request("offer", panelist_id=1, text="Read one statement", places=1)
        await host.request("go_live")
        await cai.request("follow_up", offer_id=1, email=SECRETS[0], message=SECRETS[1])
        refused = await dee.request("follow_up", offer_id=1, email=SECRETS[2], message=SECRETS[3])
        assert refused["code"] == "invalid_state"
        await dee.request("follow_up", panelist_id=2, email=SECRETS[2], message=SECRETS[3])
        await cai.request("follow_up_withdraw", follow_up_id=1)
        for peer in (watcher, old, room, cai, dee):  # the place given back reached everyone
            if not [m for m in peer.changes("offer") if m["offer"]["places_left"] == 1][1:]:
                await peer.until(lambda m: m["type"] == "offer" and m["offer"]["places_left"] == 1)
        await until(pilot, lambda: painted(app), "the projector to catch up")
        projector = screen_text(app)
    assert (await host.request("end"))["type"] == "ok"
    await hub.stop()
    assert SECRETS[0] in json.dumps(host.received)  # the hosts do see them

    outputs = {"projector": projector}
    for name, peer in (
        ("watcher", watcher),
        ("old", old),
        ("room", room),
        ("cai", cai),
        ("dee", dee),
    ):
        outputs[f"{name} frames"] = json.dumps([peer.welcome, *peer.received])
    transcript_path = hub.config.sessions_dir / f"{hub.session_id}.json"
    outputs["transcript"] = transcript_path.read_text()
    transcript = load_transcript(transcript_path)
    outputs["markdown"] = export_markdown(transcript)
    outputs["csv"] = export_csv(transcript)
    moments = []  # what the replay shows (a host's mirror) after every event of the timeline
    for count in range(1, len(transcript.events) + 1):
        state = replay_state(transcript, count)
        mirror = mirror_at(state, state.started_at)
        moments.append(msgspec.json.encode(state).decode() + repr(mirror.follow_ups))
    outputs["replay"] = "".join(moments)
    assert "Read one statement" in outputs["markdown"]  # the offer itself is public
    for name, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} in the {name}"
