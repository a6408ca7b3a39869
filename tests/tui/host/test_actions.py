"""Every host action through its key, against a real hub on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import replace

from textual import events

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.commands.hub_control import KeptHub
from panelhost.embedded import live_hubs, spawn_hub
from panelhost.hub import Hub
from panelhost.tui.host import HostOptions, make_host_app
from panelhost.tui.host.dialogs import ConfirmDialog, EndedDialog, PickPanelistDialog, QuitDialog
from panelhost.tui.widgets.keyhelp import KeyHelp
from panelhost.tui.widgets.timer import SpeakerTimer

from ...client.linkkit import FAST
from ..pilotkit import screen_text, until
from .hostkit import SIZE, ask, connected, host_app, painted, question, screen_of, shows


async def test_put_on_stage_picks_the_panelist_and_starts_the_timer(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    second = await ask(ana, "What do program directors look for?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("down", "enter", "2")
        await until(pilot, lambda: question(app, second).status == "answering")
        mirror = app.link.mirror
        await until(pilot, lambda: mirror.timer.state == "running")
        assert mirror.now.panelist_id == 2 and mirror.timer.panelist_id == 2
        assert mirror.timer.duration_ms == mirror.settings.answer_seconds * 1000
        await painted(pilot, app)
        queue, _ = screen_of(app).lists()
        assert queue.selected_id == second  # the cursor followed it to the top
        assert "Q2  What do program directors look for?" in screen_text(app)

        # enter on another question, then enter keeps the current panelist
        queue.select(first)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: question(app, first).status == "answering")
        assert question(app, second).status == "answered"
        assert mirror.now.panelist_id == 2

        # the same question to another panelist: the hub's stage moves with it
        await painted(pilot, app)
        queue.select(first)
        await pilot.press("enter", "1")
        await until(pilot, lambda: mirror.now.panelist_id == 1 and mirror.timer.panelist_id == 1)
        assert question(app, first).status == "answering"

        # escape in the picker changes nothing
        await pilot.press("enter", "escape")
        await pilot.pause(0.1)
        assert mirror.now.question_id == first


async def test_keys_typed_ahead_open_one_dialog_and_reach_it(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        # two enters in one burst, as a terminal delivers fast typing (or tmux send-keys)
        for _ in range(2):
            app.post_message(events.Key("enter", "\r"))
        await until(pilot, lambda: question(app, first).status == "answering")
        await pilot.pause(0.1)
        dialogs = [s for s in app.screen_stack if isinstance(s, PickPanelistDialog)]
        assert dialogs == [] and app.link.mirror.now.panelist_id == 1


async def test_an_enter_routed_to_the_list_before_the_picker_opened_reaches_the_picker(
    hub, open_link
):
    """The cause of the lost second enter: Textual routes a key to the focused widget when
    it arrives, but looks up its binding when it has bubbled back to the app. A picker
    that opened in between had no enter for it. This is that moment, made to happen."""
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await painted(pilot, app)
        queue, _ = screen_of(app).lists()
        await pilot.press("enter")  # the picker opens
        await until(pilot, lambda: isinstance(app.screen, PickPanelistDialog))
        # the second enter, as the app had routed it: to the list, before the picker was up
        queue._forward_event(events.Key("enter", "\r"))
        await until(pilot, lambda: question(app, first).status == "answering")
        await pilot.pause(0.1)
        dialogs = [s for s in app.screen_stack if isinstance(s, PickPanelistDialog)]
        assert dialogs == [] and app.link.mirror.now.panelist_id == 1


async def test_keys_typed_ahead_open_one_note_dialog(hub, open_link):
    await open_link(hub, name="Ana")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        # n twice: one note dialog, the second n typed into it
        for _ in range(2):
            app.post_message(events.Key("n", "n"))
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.pause(0.1)
        assert [type(s).__name__ for s in app.screen_stack].count("TextDialog") == 1
        await pilot.press("escape")


async def test_mark_answered_reopen_and_clear_stage(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        mirror = app.link.mirror
        await pilot.press("enter", "enter")
        await until(pilot, lambda: mirror.timer.state == "running")
        await pilot.press("m")
        await until(pilot, lambda: question(app, first).status == "answered")
        # the answer ends with the stage: the timer is idle and names nobody
        await until(pilot, lambda: mirror.timer.state == "idle", what="the timer to stop")
        assert (mirror.now.question_id, mirror.timer.panelist_id) == (None, None)

        await painted(pilot, app)
        await pilot.press("tab", "tab")  # pending, then answered
        screen = screen_of(app)
        assert screen.question_lists.focused_kind() == "answered"
        assert screen.selected() is not None and screen.selected().id == first
        await pilot.press("r")
        await until(pilot, lambda: question(app, first).status == "open")

        await painted(pilot, app)
        await pilot.press("shift+tab", "shift+tab")
        assert screen.question_lists.focused_kind() == "queue"
        await pilot.press("enter", "enter")
        await until(pilot, lambda: question(app, first).status == "answering")
        await pilot.press("c")
        await until(pilot, lambda: mirror.now.question_id is None and mirror.timer.state == "idle")
        assert question(app, first).status == "answered"


async def test_approve_edit_dismiss_restore_with_moderation(make_hub, open_link):
    hub = await make_hub(moderation=True)
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "Can you share your Step 2 score?")
    second = await ask(ana, "What made you choose EM?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        screen = screen_of(app)
        assert screen.question_lists.lower_kind == "pending"
        await shows(pilot, app, "Pending · 2 · moderation on")

        # a approves the oldest pending question from anywhere
        await pilot.press("a")
        await until(pilot, lambda: question(app, first).status == "open")

        # e edits the selected question, keeping its id
        await painted(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press("ctrl+a", "ctrl+k", *"What was Step 2 like?", "enter")
        await until(pilot, lambda: question(app, first).text == "What was Step 2 like?")

        # d dismisses; r in the dismissed list restores
        await painted(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: question(app, first).status == "dismissed")
        await painted(pilot, app)
        await pilot.press("tab")  # pending
        assert screen.selected() is not None and screen.selected().id == second
        await pilot.press("a")
        await until(pilot, lambda: question(app, second).status == "open")
        await painted(pilot, app)
        await pilot.press("tab", "tab")  # answered, dismissed
        assert screen.question_lists.focused_kind() == "dismissed"
        await pilot.press("r")
        await until(pilot, lambda: question(app, first).status == "open")

        # M turns moderation off
        await pilot.press("M")
        await until(pilot, lambda: not app.link.mirror.settings.moderation)


async def test_timer_keys_and_overtime_bell(hub, open_link):
    ana = await open_link(hub, name="Ana")
    await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        mirror = app.link.mirror
        await pilot.press("t")  # start for the first panelist, with the default time
        await until(pilot, lambda: mirror.timer.state == "running")
        assert mirror.timer.duration_ms == 120_000
        await pilot.press("space")
        await until(pilot, lambda: mirror.timer.state == "paused")
        await pilot.press("plus")
        await until(pilot, lambda: mirror.timer.duration_ms == 150_000)
        await pilot.press("minus", "minus")
        await until(pilot, lambda: mirror.timer.duration_ms == 90_000)
        await pilot.press("space")
        await until(pilot, lambda: mirror.timer.state == "running")
        await pilot.press("s")
        await until(pilot, lambda: mirror.timer.state == "idle")
        await pilot.press("t")
        await until(pilot, lambda: mirror.timer.state == "running")
        assert mirror.timer.duration_ms == 120_000

        # five times -30 s: past zero while running
        await pilot.press(*["minus"] * 5)
        await until(pilot, lambda: mirror.timer.duration_ms == 0)
        timer = app.screen.query_one(SpeakerTimer)
        await until(pilot, lambda: timer.reading.phase == "overtime", what="overtime")
        await shows(pilot, app, "OVERTIME +")
        assert timer.has_class("-overtime")
        await until(pilot, lambda: app.stats.bells == 1, what="the bell")

        # b turns the bell off
        await pilot.press("b")
        assert not screen_of(app).bell_on
        await pilot.press("space")
        await until(pilot, lambda: "paused, OVERTIME" in screen_text(app))


async def test_notes_on_the_question_on_stage_and_general(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        mirror = app.link.mirror
        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press(*"Welcome everyone", "enter")
        await until(pilot, lambda: len(mirror.notes) == 1)
        assert mirror.notes[0].question_id is None

        await pilot.press("enter", "enter")
        await until(pilot, lambda: mirror.now.question_id == first)
        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press(*"Shifts suit her", "enter")
        await until(pilot, lambda: len(mirror.notes) == 2)
        assert mirror.notes[1].question_id == first

        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#dialog-checkbox"))
        await pilot.press(*"Break at 8", "tab", "space", "shift+tab", "enter")
        await until(pilot, lambda: len(mirror.notes) == 3)
        assert mirror.notes[2].question_id is None
        await shows(pilot, app, "general › Welcome everyone", f"Q{first} › Shifts suit her")


async def test_add_and_remove_panelists(hub):
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        mirror = app.link.mirror
        await pilot.press("p")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press(*"[b]Dr. Osei[/b], Pediatric EM fellow", "enter")
        await until(pilot, lambda: len(mirror.panelists) == 3)
        osei = max(mirror.panelists.values(), key=lambda x: x.id)
        assert (osei.name, osei.title) == ("[b]Dr. Osei[/b]", "Pediatric EM fellow")
        # the notification and the roster show the name literally
        await shows(pilot, app, "3 [b]Dr. Osei[/b]")
        [joined] = [n for n in notes(app) if "joined the panel" in n.message]
        assert joined.message == "[b]Dr. Osei[/b] joined the panel." and not joined.markup
        await shows(pilot, app, "Panel · 3 · 3 not yet spoken")

        await pilot.press("P", "1")
        await until(pilot, lambda: len(mirror.panelists) == 2)
        assert sorted(mirror.panelists) == [2, osei.id]

        # the one on stage cannot be removed: a readable notification, no traceback
        await pilot.press("t")
        await until(pilot, lambda: mirror.timer.state == "running")
        await until(pilot, lambda: mirror.spoken_ms(2, time.monotonic()) > 0)
        await pilot.press("P", "1")  # they have spoken: asked first, then refused by the hub
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        await pilot.press("y")
        await until(pilot, lambda: any("Could not remove" in str(n.message) for n in notes(app)))
        assert len(mirror.panelists) == 2


async def test_end_asks_then_shows_where_the_transcript_is(hub):
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, QuitDialog))
        assert app.link.connected

        await pilot.press("ctrl+q", "e")
        await until(pilot, lambda: isinstance(app.screen, EndedDialog), what="the ended dialog")
        transcript = hub.config.sessions_dir / f"{hub.session_id}.json"
        await shows(pilot, app, "The session has ended", "Transcript saved to")
        assert app.screen.message.startswith(f"Transcript saved to {transcript}\n")
        assert transcript.exists()
        await pilot.press("enter")
        await until(pilot, lambda: app.return_value is not None)
    assert app.return_value.outcome == "ended"
    assert str(transcript) in app.return_value.message


async def test_end_from_its_own_key_confirms_first(hub):
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("E", "n")
        await pilot.pause(0.1)
        assert app.link.mirror.session.status == "live"
        await pilot.press("E", "y")
        await until(pilot, lambda: isinstance(app.screen, EndedDialog), what="the ended dialog")


async def test_leave_running_keeps_the_session(hub):
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("ctrl+q", "l")
        await until(pilot, lambda: app.return_value is not None)
    assert app.return_value.outcome == "left"
    assert not hub.ended.is_set()


async def test_stopping_the_demo_stops_its_hub_and_is_a_normal_exit(tmp_path):
    from panelhost.commands.host import exit_code

    hub = await asyncio.to_thread(
        spawn_hub, tmp_path / "sessions", ["--bind", "127.0.0.1", "--port", "0"]
    )
    try:
        control = KeptHub(hub, tmp_path / "sessions").control()
        options = HostOptions(bell=False, hub=control, leave_stops_hub=True)
        link = Link(hub.url, role="host", key=hub.key, name="Maya", backoff=FAST)
        app = make_host_app(hub.url, hub.key, options=options, link=link)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.link.connected, what="the host to connect")
            await pilot.press("ctrl+q")
            await shows(pilot, app, "Stop demo (l)")
            await pilot.press("l")
            await until(pilot, lambda: app.return_value is not None)
        assert live_hubs(tmp_path / "sessions") == []
        assert app.return_value.outcome == "left"
        assert exit_code(app.return_value) == 0
    finally:
        hub.stop()


async def test_help_palette_and_remapped_keys(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub, keymap={"queue.dismiss": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeyHelp))
        await shows(pilot, app, "stage.put", "queue.dismiss", "id, for [keymap]")
        await pilot.press("escape", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, KeyHelp))
        await pilot.press("escape")

        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "queue: dismiss" in titles and "timer: add 30 s" in titles

        await pilot.press("d")  # no longer bound
        await pilot.pause(0.2)
        assert question(app, first).status == "open"
        await pilot.press("x")
        await until(pilot, lambda: question(app, first).status == "dismissed")


async def test_an_error_is_one_readable_notification(hub):
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("plus")  # idle timer
        await pilot.press("d")  # nothing selected
        await pilot.pause(0.1)
        messages = [str(n.message) for n in notes(app)]
        assert any("t starts it" in m for m in messages)
        assert any("Select a question first" in m for m in messages)
        assert "Traceback" not in screen_text(app)


async def test_markup_and_escapes_in_participant_text_show_literally(hub, open_link):
    text = "[bold red]x[/] [link=https://evil.example]y[/link] \x1b[31mred"
    ana = await open_link(hub, name="[i]Ana[/i]")
    first = await ask(ana, text)
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: app.link.mirror.now.question_id == first)
        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press(*"[b]note[/b]", "enter")
        await until(pilot, lambda: len(app.link.mirror.notes) == 1)
        shown = question(app, first).text  # the hub removed the escape character
        assert shown == "[bold red]x[/] [link=https://evil.example]y[/link] [31mred"
        # the notes list repaints on the next flush: wait for it rather than race it
        screen = await shows(pilot, app, "[bold red]x[/] [link=", "[i]Ana[/i]", "[b]note[/b]")
        assert "[31mred" in screen  # on stage, in full
        stage = app.screen.query_one("#stage-question")
        assert str(stage.render()) == f"Q{first}  {shown}"


async def test_a_lost_hub_shows_a_banner_and_the_host_reconnects_to_its_restart(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "Asked before the hub went down")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await shows(pilot, app, "hub: connected")
        config = replace(hub.config, port=hub.port, resume=hub.session_id)
        await hub.stop()
        await until(pilot, lambda: app.link.status == "reconnecting")
        await shows(pilot, app, "Connection to the hub lost: reconnecting", "hub: reconnecting")

        # the hub restarts from its journal on the same port: the banner goes, keys work
        restarted = await Hub.start(config)
        try:
            await until(pilot, lambda: app.link.status == "connected", what="the reconnect")
            await shows(pilot, app, "hub: connected", "Asked before the hub went down")
            assert not screen_of(app).query_one("#banner").display
            await painted(pilot, app)
            await pilot.press("d")
            await until(pilot, lambda: question(app, first).status == "dismissed")
        finally:
            await restarted.stop()


async def test_the_cursor_stays_on_its_question_when_the_queue_reranks(hub, open_link):
    ana = await open_link(hub, name="Ana")
    voters = [await open_link(hub, name=f"Student {n}") for n in range(3)]
    ids = [await ask(ana, f"Question number {n}") for n in range(4)]
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        queue, _ = screen_of(app).lists()
        await pilot.press("down", "down", "down")
        assert queue.selected_id == ids[3]
        for voter in voters:
            assert isinstance(await voter.vote(ids[3]), p.Ok)
        await until(pilot, lambda: queue.order[0] == ids[3], what="the re-rank")
        assert queue.selected_id == ids[3] and queue.cursor_row == 0
        assert app.stats.repaints >= 1 and app.stats.repaints <= app.stats.flushes


async def test_each_lower_list_keeps_its_cursor_through_tab_and_re_ranks(hub, open_link):
    ana = await open_link(hub, name="Ana")
    ids = [await ask(ana, f"Question number {n}") for n in range(5)]
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        host = app.link
        for question_id in ids[:3]:
            assert isinstance(await host.request(p.MarkAnswered(question_id=question_id)), p.Ok)
        await painted(pilot, app)
        screen = screen_of(app)
        _, lower = screen.lists()
        await pilot.press("tab", "tab")  # pending (empty), answered
        assert screen.question_lists.focused_kind() == "answered"
        assert sorted(lower.order) == ids[:3]
        lower.select(ids[0])
        await pilot.pause()
        assert lower.selected_id == ids[0]

        # another question answered goes above it; the cursor stays on its question
        assert isinstance(await host.request(p.MarkAnswered(question_id=ids[3])), p.Ok)
        await painted(pilot, app)
        assert ids[3] in lower.order and lower.selected_id == ids[0]
        assert lower.cursor_row == lower.order.index(ids[0])

        # through the dismissed list and the queue and back: still there
        await pilot.press("tab", "tab", "tab", "tab")  # dismissed, queue, pending, answered
        assert screen.question_lists.focused_kind() == "answered"
        assert lower.selected_id == ids[0]
        await pilot.press("r")
        await until(pilot, lambda: question(app, ids[0]).status == "open")


async def test_the_mouse_selects_a_row_focuses_a_list_and_puts_on_stage(make_hub, open_link):
    hub = await make_hub(moderation=True)
    ana = await open_link(hub, name="Ana")
    ids = [await ask(ana, f"Question number {n}") for n in range(3)]
    waiting = await ask(ana, "Still waiting for approval")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        for question_id in ids:
            assert isinstance(await app.link.request(p.Approve(question_id=question_id)), p.Ok)
        await painted(pilot, app)
        screen = screen_of(app)
        queue, _ = screen.lists()
        assert queue.order == ids

        # a click on the third row selects it; a click on the pending list focuses it
        await pilot.click("#queue", offset=(10, 3))
        await until(pilot, lambda: queue.selected_id == ids[2], what="the click to select")
        await pilot.click("#lower", offset=(10, 1))
        lists = screen.question_lists
        await until(pilot, lambda: lists.focused_kind() == "pending", what="the pending list")
        assert screen.selected() is not None and screen.selected().id == waiting
        await pilot.click("#roster")  # not a list: the focus stays where it was
        assert screen.question_lists.focused_kind() == "pending"

        # a click on another row selects it; a click on the selected row opens the picker
        await pilot.click("#queue", offset=(10, 2))
        await until(pilot, lambda: queue.selected_id == ids[1], what="the click to select")
        assert screen.question_lists.focused_kind() == "queue"
        await pilot.click("#queue", offset=(10, 3))
        await until(pilot, lambda: queue.selected_id == ids[2])
        assert isinstance(app.screen, type(screen))
        await pilot.click("#queue", offset=(10, 3))
        await until(pilot, lambda: isinstance(app.screen, PickPanelistDialog), what="the picker")
        await pilot.press("2")
        await until(pilot, lambda: question(app, ids[2]).status == "answering")
        assert app.link.mirror.now.panelist_id == 2


async def test_at_80x24_questions_panel_and_keys_still_fit(hub, open_link):
    ana = await open_link(hub, name="Ana")
    for n in range(3):
        await ask(ana, f"Question {n}: how did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await connected(pilot, app)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: app.link.mirror.timer.state == "running")
        await painted(pilot, app)
        await pilot.pause()
        text = await shows(pilot, app, "Question 0: how did", "2 Dr. Chen", "not yet")
        assert "? help" in text and "^p palette" in text
        queue, lower = screen_of(app).lists()
        assert not lower.display  # a short screen shows the lower list only after tab
        await pilot.press("tab")
        await until(pilot, lambda: lower.display and lower.size.width > 0, what="the lower list")
        for table in (queue, lower):  # no sideways scrolling, even when empty
            assert table.virtual_size.width <= table.size.width, table
        assert "Traceback" not in text


async def test_every_palette_command_has_a_namespaced_title_and_one_quit(hub, open_link):
    ana = await open_link(hub, name="Ana")
    await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        for screen in (app.screen, QuitDialog("leave it running")):
            titles = [command.title for command in app.get_system_commands(screen)]
            assert all(re.fullmatch(r"[a-z]+: .+", title) for title in titles), titles
            # Textual's own "Quit" would sit beside ours; ours asks end-or-leave first
            assert [t for t in titles if "quit" in t.lower()] == ["app: quit"], titles
        assert {"app: theme", "app: screenshot"} <= set(titles)

        # a palette command that opens a dialog opens it once the palette has closed
        await pilot.press("ctrl+p")
        await pilot.press(*"notes: add note", "enter")
        await until(pilot, lambda: app.screen.query("#dialog-input"), what="the note dialog")
        await pilot.press("escape")

        # the palette's quit asks first
        await pilot.press("ctrl+p")
        await pilot.press(*"app: quit", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), what="the quit dialog")


def notes(app):
    """The notifications the app has shown (still on screen)."""
    return list(app._notifications)


async def test_one_key_opens_the_projector_view_or_says_how(hub, monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)  # no tmux, no display: the command to run
    monkeypatch.delenv("DISPLAY", raising=False)
    app = host_app(hub, join_command=f"panelhost join 192.168.1.20:{hub.port} {hub.code}")
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("o")
        await until(pilot, lambda: notes(app), what="the projector notification")
        message = str(notes(app)[-1].message)
        # the real command a person types, with the room's address (not this Python's path)
        assert message.endswith(f": panelhost screen 192.168.1.20:{hub.port} {hub.code}")


async def test_the_projector_key_needs_the_join_code(hub):
    app = host_app(hub, join_command=f"panelhost join 127.0.0.1:{hub.port} <code>")
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("o")
        await until(pilot, lambda: notes(app), what="the warning")
        assert "--code" in str(notes(app)[-1].message)
