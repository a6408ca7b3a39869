"""Every action of the replay screen: id, default keys, footer label, palette title, help."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from panelhost.tui.keys import KeyAction

REPLAY_ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("replay.play", "space", "play_pause", "play/pause", "replay: play or pause",
              "Play the session from the playhead, or pause it.", footer=True),
    KeyAction("replay.next", "right,l", "step(1)", "step", "replay: next event",
              "Step to the next event.", footer=True, key_display="←→"),
    KeyAction("replay.previous", "left,h", "step(-1)", "previous", "replay: previous event",
              "Step back to the previous event."),
    KeyAction("replay.faster", "right_square_bracket", "speed(1)", "speed",
              "replay: faster", "Play faster: 1x, 2x, 4x, 16x.", footer=True, key_display="[ ]"),
    KeyAction("replay.slower", "left_square_bracket", "speed(-1)", "slower",
              "replay: slower", "Play slower: 16x, 4x, 2x, 1x."),
    KeyAction("replay.forward", "pagedown,shift+right", "skip(60)", "+1 min",
              "replay: one minute forward", "Jump one minute forward."),
    KeyAction("replay.back", "pageup,shift+left", "skip(-60)", "-1 min",
              "replay: one minute back", "Jump one minute back."),
    KeyAction("replay.goto", "g", "go_to_question", "go to Q",
              "replay: go to question", "Jump to a question: when it went on stage, "
              "or when it was asked if it never did.", footer=True),
    KeyAction("replay.start", "home", "jump_start", "start/end", "replay: start",
              "Go to the start of the session.", footer=True, key_display="home/end"),
    KeyAction("replay.end", "end", "jump_end", "end", "replay: end",
              "Go to the end of the session."),
    KeyAction("replay.help", "question_mark,f1", "help", "help", "replay: help",
              "Show every key and what it does.", footer=True, key_display="?"),
    KeyAction("replay.quit", "q,ctrl+q", "quit", "quit", "replay: quit",
              "Leave the replay (the transcript is never changed)."),
)  # fmt: skip
"""The replay's keys, as SCREENS.md "Replay" lists them, plus minute jumps and quit."""


def replay_bindings() -> list[BindingType]:
    """App-level bindings that win over the queue table's own arrow, home and end keys."""
    return [
        Binding(
            action.keys,
            action.action,
            action.label,
            show=action.footer,
            key_display=action.key_display,
            priority=True,
            id=action.id,
            tooltip=action.help,
        )
        for action in REPLAY_ACTIONS
    ]
