"""The panel on the host screen: the picker's default explained, removal asks, names whole.

Against a real hub on 127.0.0.1, keys pressed one by one, at 80x24 and 120x34.
"""

from __future__ import annotations

import pytest

from panelhost.tui.host.dialogs import ConfirmDialog, PickPanelistDialog

from ..pilotkit import screen_text, until
from .hostkit import ask, host_pilot, painted, question, shows

SIZES = [(80, 24), (120, 34)]
DEMO_PANEL = (
    ("Dr. Ana Rivera", "EM resident PGY-2"),
    ("Dr. Wei Chen", "EM attending"),
    ("Dr. Kofi Osei", "Pediatric EM fellow"),
    ("Dr. Sara Lind", "Ultrasound fellow"),
)


def box(app, selector: str) -> str:
    """What the screen shows inside a widget's box."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


async def test_the_picker_says_who_enter_picks_and_why(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    await ask(ana, "Is burnout as bad as people say?", panelist_id=2)
    async with host_pilot(hub, (120, 34)) as (app, pilot):
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PickPanelistDialog))
        await shows(pilot, app, "Dr. Rivera · EM resident, PGY-2  ← enter: first on the panel")
        await pilot.press("1")
        await until(pilot, lambda: question(app, first).status == "answering")
        await painted(pilot, app)
        await pilot.press("down", "enter")  # the question addressed to Dr. Chen
        await until(pilot, lambda: isinstance(app.screen, PickPanelistDialog))
        await shows(pilot, app, "Dr. Chen · EM attending  ← enter: the question is addressed")
        await pilot.press("escape", "home", "enter")  # the one on stage
        await until(pilot, lambda: isinstance(app.screen, PickPanelistDialog))
        await shows(pilot, app, "Dr. Rivera · EM resident, PGY-2  ← enter: on stage now")
        await pilot.press("escape")


async def test_removing_a_panelist_who_has_answered_asks_first(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    async with host_pilot(hub, (120, 34)) as (app, pilot):
        mirror = app.link.mirror
        await pilot.press("enter", "1")
        await until(pilot, lambda: question(app, first).status == "answering")
        await pilot.press("m")
        await until(pilot, lambda: mirror.panelists[1].answers == 1)
        await pilot.press("c")  # the panelist leaves the stage too
        await until(pilot, lambda: mirror.timer.state == "idle" and mirror.now.panelist_id is None)

        await pilot.press("P", "1")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        await shows(pilot, app, "Remove Dr. Rivera from the panel?", "has given 1 answer")
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert 1 in mirror.panelists

        # one who has not spoken goes without a question
        await pilot.press("P", "2")
        await until(pilot, lambda: 2 not in mirror.panelists, what="Dr. Chen removed")

        await pilot.press("P", "1")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: not mirror.panelists, what="Dr. Rivera removed")
        await shows(pilot, app, "Panel · none yet", "Press p to add one.")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_panel_rows_keep_names_and_times_whole_and_notes_show(make_hub, open_link, size):
    hub = await make_hub(panelists=DEMO_PANEL)
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    async with host_pilot(hub, size) as (app, pilot):
        await pilot.press("enter", "1")
        await until(pilot, lambda: question(app, first).status == "answering")
        await pilot.press("n")
        await until(pilot, lambda: app.screen.query("#dialog-input"))
        await pilot.press(*"shifts suit her", "enter")
        await until(pilot, lambda: len(app.link.mirror.notes) == 1)
        await painted(pilot, app)
        await until(pilot, lambda: "shifts suit her" in box(app, "#notes"), what="the note")
        roster = box(app, "#roster").split("\n", 1)[1]  # the rows, below the title
        for name, _ in DEMO_PANEL:
            assert name in roster, roster
        assert roster.count("not yet") == 3, roster
        assert "0:0" in roster and "…" not in roster, roster


async def test_with_no_panelists_the_panel_says_so_and_how_to_add_one(make_hub):
    hub = await make_hub(panelists=())
    async with host_pilot(hub, (80, 24)) as (app, pilot):
        await shows(pilot, app, "Panel · none yet", "No panelists yet.", "Press p to add one.")
        assert "everyone has spoken" not in screen_text(app)
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await until(pilot, lambda: "p add panelist" in footer(), what="p in the footer")
        assert "? help" in footer() and "m answered" not in footer()  # nothing to mark


async def test_enter_and_a_number_typed_in_one_burst_pick_that_panelist(hub, open_link):
    from textual import events

    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    async with host_pilot(hub, (80, 24)) as (app, pilot):
        # as a terminal delivers fast typing: the 2 arrives before the picker is open
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("2", "2"))
        await until(pilot, lambda: question(app, first).status == "answering")
        await until(pilot, lambda: app.link.mirror.now.panelist_id == 2, what="Dr. Chen")
        assert not isinstance(app.screen, PickPanelistDialog)
