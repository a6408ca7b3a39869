"""A state's JSON as revisions 1 and 2 wrote it: revision 3's fields, at their defaults, gone."""

from __future__ import annotations

from typing import Any


def without_revision3(state: dict[str, Any]) -> dict[str, Any]:
    """Drop the fields revision 3 added (checking they hold their defaults) from `state`;
    a state written then has none of them."""
    assert state.pop("opened_at", None) is None
    assert state.pop("offers", {}) == state.pop("follow_ups", {}) == {}
    for question in state["questions"].values():
        assert question.pop("asked_early", False) is False
    return state
