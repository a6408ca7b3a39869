"""Who is joining from this computer: a remembered identity, or someone new, never silently.

On a shared computer several students join the same session; each name keeps its own
identity (votes, own questions). With a terminal to ask on, a person picks; without one
(a pipe, a script) the choice is said in one line, and a guess between several is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from panelhost.cli import UsageError
from panelhost.client.identity_store import Remembered

Ask = Callable[[str], str]
"""Prints a question and returns the answer line (raises EOFError at the end of input)."""


@dataclass(frozen=True, slots=True)
class Chosen:
    """Join as `name`, resuming `token` when it is a remembered identity."""

    name: str
    token: str | None = None
    said: str | None = None
    """A line for the terminal (stderr) saying what was chosen, when it was not asked."""


def _names(remembered: Sequence[Remembered]) -> str:
    return ", ".join(r.name for r in remembered)


def choose_identity(
    remembered: Sequence[Remembered], given: str | None, ask: Ask | None
) -> Chosen | None:
    """The identity to join as; None when a new name must be asked for.

    `given` is `--name`; `ask` is None where nobody can answer (stdin not a terminal).
    """
    for known in remembered:
        if known.name == given:
            return Chosen(known.name, known.token)  # the same person again
    if not remembered:
        return None if given is None else Chosen(given)
    if given is not None:
        return _new_name_given(remembered, given, ask)
    if ask is None:
        if len(remembered) > 1:
            raise UsageError(
                f"this computer joined this session as {_names(remembered)}; "
                "say who you are with --name NAME"
            )
        known = remembered[0]
        return Chosen(
            known.name,
            known.token,
            f"Continuing as {known.name}, who joined this session from this computer before "
            "(give --name NAME to join as someone else).",
        )
    picked = _pick(remembered, ask, new_label="join as someone new")
    return None if picked is None else Chosen(picked.name, picked.token)


def _new_name_given(remembered: Sequence[Remembered], given: str, ask: Ask | None) -> Chosen:
    """`--name` names nobody remembered: a new identity, asked or said, never silent."""
    if ask is None:
        first = remembered[0].name
        return Chosen(
            given,
            None,
            f"Joining as a new participant, {given}; this computer also joined this session "
            f"as {_names(remembered)} (--name {first} continues as {first}).",
        )
    picked = _pick(
        remembered, ask, new_label=f"join as a new participant, {given}", new_by_default=True
    )
    return Chosen(given) if picked is None else Chosen(picked.name, picked.token)


def _pick(
    remembered: Sequence[Remembered], ask: Ask, new_label: str, new_by_default: bool = False
) -> Remembered | None:
    """Ask until the answer names one of `remembered` (returned) or someone new (None)."""
    if len(remembered) == 1:
        intro = f"This computer joined this session before as {remembered[0].name}."
        question = f"Continue as {remembered[0].name} (c), or {new_label} (n)?"
        choices = {"c": 0}
        hint = f"type c to continue as {remembered[0].name}, or n"
    else:
        listed = "; ".join(f"{n} {r.name}" for n, r in enumerate(remembered, 1))
        intro = f"This computer joined this session before as: {listed}."
        question = f"Continue as one of them (1-{len(remembered)}), or {new_label} (n)?"
        choices = {str(n): n - 1 for n in range(1, len(remembered) + 1)}
        hint = f"type a number from 1 to {len(remembered)}, or n"
    question += " [n] " if new_by_default else f" [{next(iter(choices))}] "
    prompt = f"{intro}\n{question}"
    while True:
        try:
            answer = ask(prompt).strip().lower()
        except EOFError:
            raise UsageError("no answer; say who you are with --name NAME") from None
        if answer in ("n", "new") or (not answer and new_by_default):
            return None
        if not answer:
            return remembered[0]
        if answer in choices:
            return remembered[choices[answer]]
        prompt = f"{answer!r}: {hint}\n{question}"
