"""Where panelhost keeps files on a user's machine (platformdirs), and the config file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import platformdirs

APP = "panelhost"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP)


def default_sessions_dir() -> Path:
    """Transcripts and journals, unless `--sessions-dir` or the config file say otherwise."""
    configured = load_config().get("sessions_dir")
    if isinstance(configured, str) and configured:
        return Path(configured).expanduser()
    return data_dir() / "sessions"


def state_dir() -> Path:
    """Per-user state: a participant's remembered names and resume tokens."""
    return platformdirs.user_state_path(APP)


def config_path() -> Path:
    return platformdirs.user_config_path(APP) / "config.toml"


class ConfigError(Exception):
    """The config file exists but cannot be read; the message names it and the problem."""


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The config file as a dict; empty when it does not exist."""
    path = path or config_path()
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
