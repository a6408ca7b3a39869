"""`panelhost join` building its link: remembered names and tokens, bad input as UsageError."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import pytest

from panelhost.cli import UsageError
from panelhost.commands.join import build_link
from panelhost.hub import Hub

from .linkkit import FAST


def _args(address: str, code: str, name: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(address=address, code=code, name=name, insecure=False, plain=True)


async def test_a_second_join_resumes_the_remembered_identity(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = build_link(_args(hub.url, hub.code, name="Ana"))
    assert first.token is None
    first.backoff = FAST
    task = asyncio.create_task(first.run())
    await first.wait_until(lambda link: link.connected, timeout=10)
    await first.close()
    await task

    again = build_link(_args(hub.url, hub.code.lower()))  # no --name; the code as typed
    assert (again.name, again.token) == ("Ana", first.token)
    someone_else = build_link(_args(hub.url, hub.code, name="Ben"))
    assert (someone_else.name, someone_else.token) == ("Ben", None)


@pytest.mark.parametrize(
    ("address", "code", "name"),
    [("http://x/ws", "K7Q", "Ana"), ("hub:0", "K7Q", "Ana"), ("hub", " ", "Ana"), ("hub", "K", "")],
)
def test_bad_input_is_a_usage_error(address: str, code: str, name: str) -> None:
    with pytest.raises(UsageError):
        build_link(_args(address, code, name=name))
