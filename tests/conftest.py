"""Shared fixtures: a real hub on 127.0.0.1 with a temporary sessions directory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from panelhost.hub import Hub, HubConfig, Limits

PANEL = (("Dr. Rivera", "EM resident, PGY-2"), ("Dr. Chen", "EM attending"))

MakeHub = Callable[..., Awaitable[Hub]]


@pytest.fixture(autouse=True, scope="session")
def _own_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the processes they start) never read or write the real user's files:
    config, remembered identities, the registry of live sessions."""
    home = tmp_path_factory.mktemp("user-dirs")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(home / name.lower())


@pytest.fixture
async def make_hub(tmp_path: Path) -> AsyncIterator[MakeHub]:
    """Start hubs on 127.0.0.1, port 0; every one is stopped at the end of the test.

    Keyword arguments go to HubConfig; `limits=` takes a dict of Limits fields.
    """
    hubs: list[Hub] = []

    async def start(**options: Any) -> Hub:
        limits = Limits(**options.pop("limits", {}))
        options.setdefault("sessions_dir", tmp_path / "sessions")
        options.setdefault("title", "EM alumni panel")
        options.setdefault("panelists", PANEL)
        hub = await Hub.start(HubConfig(port=0, limits=limits, **options))
        hubs.append(hub)
        return hub

    yield start
    for hub in hubs:
        await hub.stop()


@pytest.fixture
async def hub(make_hub: MakeHub) -> Hub:
    """A hub for the EM alumni panel with two panelists, moderation off."""
    return await make_hub()
