"""The Python client against the cases the web page also passes (tests/cases/client_rules.json)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import STATUS_WORDS, printable, timer_phase, timer_words
from panelhost.core.durations import countdown
from tests.cases import client_rules

CASES = client_rules()


def question(fields: dict[str, Any]) -> dict[str, Any]:
    return {"text": f"Q{fields['id']}", "author": None, "panelist_id": None, **fields}


def mirror_of(questions: list[dict[str, Any]]) -> Mirror:
    welcome = {
        "type": "welcome",
        "protocol": 1,
        "seq": 1,
        "you": {"id": "p_1", "name": "Ana", "role": "participant"},
        "token": None,
        "state": {
            "session": {
                "id": "s",
                "title": "t",
                "status": "live",
                "started_at": "2026-11-24T18:00:00.000Z",
            },
            "settings": {},
            "panelists": [],
            "questions": [question(q) for q in questions],
            "now": {"question_id": None, "panelist_id": None},
            "timer": {},
            "participants": 0,
            "my_votes": [],
            "my_questions": [],
            "notes": [],
        },
    }
    message = p.decode_server(json.dumps(welcome))
    assert isinstance(message, p.Welcome)
    mirror = Mirror()
    mirror.load(message, 0.0)
    return mirror


@pytest.mark.parametrize("case", CASES["queue_order"], ids=lambda case: case["name"])
def test_queue_order(case: dict[str, Any]) -> None:
    assert [q.id for q in mirror_of(case["questions"]).queue()] == case["order"]


@pytest.mark.parametrize(("ms", "words"), CASES["countdown"])
def test_countdown(ms: int, words: str) -> None:
    assert countdown(ms) == words


@pytest.mark.parametrize("case", CASES["timer"])
def test_timer_reading(case: dict[str, Any]) -> None:
    mirror = mirror_of([])
    mirror.timer = p.Timer(**case["timer"])
    mirror.timer_at = 0.0
    now = case["elapsed_ms"] / 1000
    assert timer_words(mirror, now) == case["words"]
    assert timer_phase(mirror, now) == case["phase"]


@pytest.mark.parametrize(("text", "shown"), CASES["printable"])
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(("status", "words"), CASES["status_words"])
def test_status_words(status: str, words: str) -> None:
    assert STATUS_WORDS[status] == words
