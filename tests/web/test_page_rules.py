"""The page's pure rules (rules.js) in the real browser, against the cases the Python client
passes (tests/cases/client_rules.json)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cases import client_rules
from tests.web.conftest import Room

CASES = client_rules()


@pytest.fixture(scope="module")
def rules_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    room = Room(tmp_path_factory.mktemp("rules") / "sessions")
    page = browser.new_page()
    page.goto(room.link)
    page.wait_for_function("() => typeof PanelRules === 'object'")
    yield page
    page.close()
    room.stop()


def run(page: Any, expression: str, *args: Any) -> Any:
    return page.evaluate(f"([a, b]) => {expression}", list(args) + [None] * (2 - len(args)))


@pytest.mark.parametrize("case", CASES["queue_order"], ids=lambda case: case["name"])
def test_queue_order(rules_page: Any, case: dict[str, Any]) -> None:
    order = run(rules_page, "PanelRules.queueOrder(a).map(q => q.id)", case["questions"])
    assert order == case["order"]


@pytest.mark.parametrize(("ms", "words"), CASES["countdown"])
def test_countdown(rules_page: Any, ms: int, words: str) -> None:
    assert run(rules_page, "PanelRules.countdown(a)", ms) == words


@pytest.mark.parametrize("case", CASES["timer"], ids=lambda case: json.dumps(case["timer"]))
def test_timer_reading(rules_page: Any, case: dict[str, Any]) -> None:
    left = run(rules_page, "PanelRules.remainingMs(a, b)", case["timer"], case["elapsed_ms"])
    assert run(rules_page, "PanelRules.timerWords(a, b)", case["timer"], left) == case["words"]
    assert run(rules_page, "PanelRules.timerPhase(a, b)", case["timer"], left) == case["phase"]


@pytest.mark.parametrize(("text", "shown"), CASES["printable"])
def test_printable(rules_page: Any, text: str, shown: str) -> None:
    assert run(rules_page, "PanelRules.printable(a)", text) == shown


@pytest.mark.parametrize(("status", "words"), CASES["status_words"])
def test_status_words(rules_page: Any, status: str, words: str) -> None:
    assert run(rules_page, "PanelRules.statusWords(a)", status) == words


def test_reconnect_backoff_grows_with_jitter_and_caps(rules_page: Any) -> None:
    lows = [run(rules_page, "PanelRules.backoffMs(a, 0)", n) for n in range(10)]
    highs = [run(rules_page, "PanelRules.backoffMs(a, 1)", n) for n in range(10)]
    assert lows[0] == 250 and highs[0] == 500
    assert all(low * 2 == high for low, high in zip(lows, highs, strict=True))
    assert highs[-1] == 30_000 and lows == sorted(lows)
