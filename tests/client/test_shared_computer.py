"""Several students joining one session from one computer: each name stays its own identity.

Real `panelhost join` processes against a real hub: with piped stdin (nobody to ask: the
choice is said, a guess is refused) and on a pseudo-terminal (a person picks).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from panelhost.hub import Hub
from tests.tui.host.test_reattach import Terminal

from .test_plain import plain  # noqa: F401 (the fixture)


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The identities file the `plain` fixture's processes and a Terminal's share."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


async def _join_and_ask(plain, hub: Hub, name: str, question: str) -> None:  # noqa: F811
    client = await plain(hub.url, hub.code, "--name", name, "--plain")
    await client.send(f"ask {question}")
    await client.expect("Sent:")
    assert await client.finish() == 0


async def test_a_second_name_is_a_new_identity_said_so_and_the_first_comes_back(
    hub: Hub,
    plain,  # noqa: F811
    state_home: Path,
) -> None:
    await _join_and_ask(plain, hub, "Ana", "Ana's question")
    ben = await plain(hub.url, hub.code, "--name", "Ben", "--plain")
    await ben.send("mine")
    assert await ben.finish() == 0
    assert ben.stderr.strip() == (
        "Joining as a new participant, Ben; this computer also joined this session as Ana "
        "(--name Ana continues as Ana)."
    )
    assert not any("Ana's question" in line for line in ben.lines)  # Ben is not Ana

    # Ana, back at the shared computer after Ben: still herself, with her question
    ana = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await ana.send("mine")
    await ana.expect("yours, from Ana: Ana's question")
    assert await ana.finish() == 0
    assert ana.stderr == ""

    # nobody named: with two remembered and no terminal to ask, no guess
    nobody = await plain(hub.url, hub.code, "--plain")
    assert await nobody.finish() == 2
    assert nobody.stderr.strip() == (
        "panelhost join: this computer joined this session as Ana, Ben; "
        "say who you are with --name NAME"
    )
    assert len(hub.session.state.identities) == 2


async def test_one_remembered_and_no_name_continues_and_says_so(
    hub: Hub,
    plain,  # noqa: F811
    state_home: Path,
) -> None:
    await _join_and_ask(plain, hub, "Ana", "hello")
    again = await plain(hub.url, hub.code, "--plain")
    await again.expect("as Ana")
    assert await again.finish() == 0
    assert "Continuing as Ana, who joined this session from this computer before" in again.stderr


def _terminal_join(hub: Hub, *options: str) -> Terminal:
    return Terminal([sys.executable, "-m", "panelhost", "join", hub.url, hub.code, *options])


async def test_on_a_terminal_a_person_picks_who_they_are(
    hub: Hub,
    plain,  # noqa: F811
    state_home: Path,
) -> None:
    await _join_and_ask(plain, hub, "Ana", "Ana's question")
    await _join_and_ask(plain, hub, "Ben", "Ben's question")

    terminal = _terminal_join(hub, "--plain")
    try:
        asked = await asyncio.to_thread(terminal.expect, "Continue as one of them (1-2)")
        assert "This computer joined this session before as: 1 Ben; 2 Ana." in asked
        terminal.type("2\n")
        await asyncio.to_thread(terminal.expect, "as Ana:")
        terminal.type("mine\n")
        await asyncio.to_thread(terminal.expect, "yours, from Ana: Ana's question")
    finally:
        terminal.kill()

    # a new --name on a terminal is asked about, and `n` makes the new identity
    terminal = _terminal_join(hub, "--plain", "--name", "Carla")
    try:
        await asyncio.to_thread(terminal.expect, "or join as a new participant, Carla (n)? [n]")
        terminal.type("\n")  # the default: Carla is someone new
        await asyncio.to_thread(terminal.expect, "as Carla:")
    finally:
        terminal.kill()
    names = sorted(identity.name for identity in hub.session.state.identities.values())
    assert names == ["Ana", "Ben", "Carla"]
