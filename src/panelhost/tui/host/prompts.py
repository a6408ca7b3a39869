"""The host's actions that ask first: each a dialog and what its answer does.

A prompt is built from the controller and what it is about; the screen opens it (one
dialog at a time) and the answer becomes requests through the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from panelhost import protocol as p
from panelhost.client.offer_words import offer_line
from panelhost.client.text import printable
from panelhost.tui.host.controller import HostController
from panelhost.tui.host.dialogs import ConfirmDialog, Pick, PickPanelistDialog, TextDialog
from panelhost.tui.host.offers import OfferDialog
from panelhost.tui.host.panel import removal_warning, suggest_panelist

Prompt = tuple[Screen[Any], Callable[[Any], None]]
"""A dialog, and what to do with what it returns."""
Open = Callable[[Screen[Any], Callable[[Any], None]], None]
"""Opens a dialog over the host screen, with its answer's callback."""


def stage_prompt(
    controller: HostController,
    question: p.Question,
    typed_ahead: str | None,
    staged: Callable[[int, int | None], None],
) -> Prompt:
    """Who answers `question`: `staged(question_id, panelist_id)` with the pick."""
    mirror = controller.mirror
    suggestion = suggest_panelist(mirror, question)
    dialog = PickPanelistDialog(
        f"Q{question.id} on stage: who answers? (1-9, enter: the one marked)",
        list(mirror.panelists.values()),
        suggestion.panelist_id,
        stage=True,
        reason=suggestion.reason,
        typed_ahead=typed_ahead,
    )

    def picked(result: object) -> None:
        if isinstance(result, Pick):
            staged(question.id, result.panelist_id)

    return dialog, picked


def edit_prompt(controller: HostController, question: p.Question) -> Prompt:
    dialog = TextDialog(
        f"Edit Q{question.id} (same id and votes)",
        value=question.text,
        max_length=controller.mirror.settings.max_question_chars,
    )

    def edited(text: object) -> None:
        if isinstance(text, str):
            controller.edit(question, text)

    return dialog, edited


def add_panelist_prompt(controller: HostController) -> Prompt:
    dialog = TextDialog(
        "Add a panelist: name, then optionally a comma and a title",
        placeholder="Dr. Osei, Pediatric EM fellow",
        max_length=162,
    )

    def added(text: object) -> None:
        if isinstance(text, str):
            name, _, title = text.partition(",")
            request = p.PanelistAdd(name=name.strip(), title=title.strip() or None)
            controller.send(request, "add the panelist", f"{name.strip()} joined the panel.")

    return dialog, added


def remove_panelist_prompt(
    controller: HostController, confirm: Open, monotonic: Callable[[], float]
) -> Prompt:
    """Which panelist to remove; one who has answered is asked about again (`confirm`)."""
    mirror = controller.mirror
    dialog = PickPanelistDialog(
        "Remove which panelist? (1-9, escape cancels)",
        list(mirror.panelists.values()),
        None,
        allow_none=False,
    )

    def picked(result: object) -> None:
        panelist = mirror.panelist(result.panelist_id if isinstance(result, Pick) else None)
        if panelist is None:
            return
        remove = p.PanelistRemove(panelist_id=panelist.id)
        warning = removal_warning(panelist, mirror.spoken_ms(panelist.id, monotonic()))
        if warning is None:
            controller.send(remove, "remove the panelist")
            return

        def confirmed(yes: object) -> None:
            if yes is True:
                controller.send(remove, "remove the panelist")

        question = f"Remove {printable(panelist.name)} from the panel?"
        confirm(ConfirmDialog(question, warning, "Remove"), confirmed)

    return dialog, picked


def note_prompt(controller: HostController) -> Prompt:
    """A note on the question on stage, or a general one."""
    on_stage = controller.mirror.on_stage()
    where = f"on Q{on_stage.id}" if on_stage is not None else "(general)"
    dialog = TextDialog(
        f"Note {where}",
        max_length=2000,
        checkbox="general note, not bound to the question" if on_stage else None,
        placeholder="what was said, to keep in the transcript",
    )

    def written(result: object) -> None:
        if isinstance(result, tuple):
            text, general = result
        elif isinstance(result, str):
            text, general = result, True
        else:
            return
        question_id = None if general or on_stage is None else on_stage.id
        controller.send(p.NoteRequest(text=text, question_id=question_id), "save the note")

    return dialog, written


def end_prompt(controller: HostController) -> Prompt:
    dialog = ConfirmDialog(
        "End the session for everyone?",
        "Participants are disconnected and the transcript is saved.",
        "End session",
    )

    def confirmed(result: object) -> None:
        if result is True:
            controller.spawn(controller.end_session())

    return dialog, confirmed


def offer_prompt(controller: HostController) -> Prompt:
    """A panelist's offer (the one on stage first), recorded for everyone to see."""
    mirror = controller.mirror

    def recorded(result: object) -> None:
        if isinstance(result, p.OfferRequest):
            controller.send(result, "record the offer", "Offer recorded: everyone sees it.")

    return OfferDialog(mirror, mirror.now.panelist_id), recorded


def remove_offer_prompt(controller: HostController) -> Prompt:
    """Which offer to take back (the latest filled in), every offer listed under it."""
    mirror = controller.mirror
    dialog = TextDialog(
        "Take back which offer?",
        value=str(max(mirror.offers)),
        hint="; ".join(offer_line(mirror, o) for o in mirror.offers.values()),
    )

    def chosen(result: object) -> None:
        if isinstance(result, str) and result.strip().lstrip("#").isdigit():
            offer_id = int(result.strip().lstrip("#"))
            request = p.OfferRemove(offer_id=offer_id)
            controller.send(request, "take back the offer", "Offer taken back.")
        elif result is not None:
            controller.tell("Give the offer's number, like 2.")

    return dialog, chosen
