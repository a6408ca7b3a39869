"""Every action of the host screen: id, default keys, footer label, palette title, help."""

from __future__ import annotations

from panelhost.tui.keys import KeyAction

HOST_ACTIONS: tuple[KeyAction, ...] = (
    KeyAction(
        "stage.put",
        "enter",
        "stage",
        "on stage",
        "stage: put question on stage",
        "Put the selected question on stage, pick the panelist (1-9, enter keeps the "
        "current one) and start their answer timer.",
        footer=False,
    ),
    KeyAction(
        "stage.clear",
        "c",
        "clear_stage",
        "clear stage",
        "stage: clear",
        "Take the question off stage (it becomes answered) and stop the timer.",
    ),
    KeyAction(
        "queue.answered",
        "m",
        "mark_answered",
        "answered",
        "queue: mark answered",
        "Mark the selected question answered (the one on stage if it is selected); "
        "on stage, its answer ends and the timer stops.",
    ),
    KeyAction(
        "queue.approve",
        "a",
        "approve",
        "approve",
        "queue: approve",
        "Approve the selected pending question, or the oldest pending one.",
        footer=True,
    ),
    KeyAction(
        "queue.dismiss",
        "d",
        # not "dismiss": that is Textual's Screen.action_dismiss (close the screen)
        "dismiss_question",
        "dismiss",
        "queue: dismiss",
        "Dismiss the selected question.",
        footer=True,
    ),
    KeyAction(
        "queue.restore",
        "r",
        "restore",
        "restore",
        "queue: restore or reopen",
        "Restore a dismissed question, or reopen an answered one.",
    ),
    KeyAction(
        "queue.edit",
        "e",
        "edit",
        "edit",
        "queue: edit",
        "Edit the selected question's text (same id and votes).",
    ),
    KeyAction(
        "lists.next",
        "tab",
        "next_list",
        "next list",
        "lists: next list",
        "Go to the next list: queue, pending, answered, dismissed.",
    ),
    KeyAction(
        "lists.previous",
        "shift+tab",
        "previous_list",
        "previous list",
        "lists: previous list",
        "Go to the previous list.",
    ),
    KeyAction(
        "timer.toggle",
        "space",
        "toggle_timer",
        "pause",
        "timer: pause or resume",
        "Pause the running timer, or resume a paused one.",
        footer=True,
    ),
    KeyAction(
        "timer.add",
        "plus,equals_sign",
        "add_time",
        "30s",
        "timer: add 30 s",
        "Give the speaker 30 more seconds.",
        footer=True,
        key_display="+",
    ),
    KeyAction(
        "timer.subtract",
        "minus",
        "subtract_time",
        "-30s",
        "timer: remove 30 s",
        "Take 30 seconds off the speaker's time.",
    ),
    KeyAction(
        "timer.restart",
        "t",
        "restart_timer",
        "restart timer",
        "timer: restart",
        "Start the speaker's answer timer again from the default answer time.",
    ),
    KeyAction(
        "timer.reset",
        "s",
        "reset_timer",
        "stop timer",
        "timer: stop and reset",
        "Stop the timer and reset it (idle); speaking time stops counting.",
    ),
    KeyAction(
        "timer.bell",
        "b",
        "toggle_bell",
        "bell",
        "timer: bell on or off",
        "Turn the terminal bell at zero on or off.",
    ),
    KeyAction(
        "panel.add",
        "p",
        "add_panelist",
        "add panelist",
        "panel: add panelist",
        "Add a panelist: name, then optionally a comma and a title.",
    ),
    KeyAction(
        "panel.remove",
        "P",
        "remove_panelist",
        "remove panelist",
        "panel: remove panelist",
        "Remove a panelist who is not on stage.",
    ),
    KeyAction(
        "notes.add",
        "n",
        "add_note",
        "note",
        "notes: add note",
        "Write a note on the question on stage (or a general note).",
        footer=True,
    ),
    KeyAction(
        "session.moderation",
        "M",
        "toggle_moderation",
        "moderation",
        "session: moderation on or off",
        "Turn moderation on (new questions wait for approval) or off.",
    ),
    KeyAction(
        "session.projector",
        "o",
        "open_projector",
        "projector",
        "session: open the projector view",
        "Open the room's projector view (panelhost screen) in a new tmux or terminal window;"
        " elsewhere, show the command to run on the projector's terminal.",
    ),
    KeyAction(
        "session.join_qr",
        "w",
        "show_join_qr",
        "join QR",
        "session: show the join link and its QR code",
        "Show the page's join link with a big QR code (to hold up, or to project when there"
        " is no projector view), and the terminal join line.",
    ),
    KeyAction(
        "session.go_live",
        "L",
        "go_live",
        "go live",
        "session: go live",
        "Start the panel of a session open for questions (panelhost serve --opens-early):"
        " what was asked stays in the queue, marked before the panel; the stage and timer"
        " work from now on.",
    ),
    KeyAction(
        "offers.add",
        "O",
        "add_offer",
        "offer",
        "offers: record a panelist's offer",
        "Record a panelist's offer (shadowing, reading statements), with an optional number"
        " of places: everyone sees it and can ask to follow up.",
    ),
    KeyAction(
        "offers.follow_ups",
        "U",
        "show_follow_ups",
        "follow-ups",
        "offers: show the follow-ups",
        "List who asked to follow up with each panelist, with the contact they gave (hosts"
        " only; panelhost export ID --follow-ups writes them out).",
    ),
    KeyAction(
        "session.end",
        "E",
        "end_session",
        "end",
        "session: end",
        "End the session for everyone (asks first) and save the transcript.",
    ),
    KeyAction(
        "app.help",
        "question_mark,f1",
        "help",
        "help",
        "app: help",
        "Show every key.",
        footer=True,
        key_display="?",
    ),
)
"""The host screen's actions, in the order the help screen lists them."""

OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("up down j k", "move in the list"),
    ("home end", "first / last question of the list"),
    ("1-9", "pick a panelist (after enter)"),
    ("^p", "command palette: every action by name"),
    ("^q", "quit: end the session, or leave it running to re-attach"),
)
"""Keys the help screen lists that are not host actions of their own."""
