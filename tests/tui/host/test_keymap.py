"""The `[keymap]` and `[host]` tables of the config file."""

from __future__ import annotations

import argparse

import pytest

from panelhost.cli import UsageError
from panelhost.commands.host import host_options
from panelhost.tui.host.bindings import HOST_ACTIONS
from panelhost.tui.keys import KeymapError, display_key, keymap_from_config, keys_for


def test_keymap_from_config_checks_ids_and_keys():
    assert keymap_from_config({"keymap": {"queue.dismiss": "x, delete"}}, HOST_ACTIONS) == {
        "queue.dismiss": "x,delete"
    }
    with pytest.raises(KeymapError, match="unknown binding id"):
        keymap_from_config({"keymap": {"queue.dismis": "x"}}, HOST_ACTIONS)
    with pytest.raises(KeymapError, match="must be a string"):
        keymap_from_config({"keymap": {"queue.dismiss": 3}}, HOST_ACTIONS)


def test_every_action_has_a_unique_id_and_a_namespaced_title():
    ids = [action.id for action in HOST_ACTIONS]
    assert len(ids) == len(set(ids))
    for action in HOST_ACTIONS:
        namespace = action.id.split(".")[0]
        assert action.title.startswith(f"{namespace}: "), action
    [add] = [a for a in HOST_ACTIONS if a.id == "timer.add"]
    assert add.title == "timer: add 30 s"
    assert keys_for(add, {}) == "+ ="
    assert display_key("ctrl+p") == "^p" and display_key("question_mark") == "?"


def options_from(tmp_path, monkeypatch, config: str, no_bell: bool = False):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "panelhost").mkdir(exist_ok=True)
    (tmp_path / "panelhost" / "config.toml").write_text(config)
    return host_options(argparse.Namespace(no_bell=no_bell))


def test_host_options_read_the_config_file(tmp_path, monkeypatch):
    options = options_from(tmp_path, monkeypatch, '[keymap]\n"timer.add" = "right"\n')
    assert options.keymap == {"timer.add": "right"} and options.bell
    assert options_from(tmp_path, monkeypatch, "[host]\nbell = false\n").bell is False
    assert options_from(tmp_path, monkeypatch, "", no_bell=True).bell is False
    with pytest.raises(UsageError, match="unknown binding id"):
        options_from(tmp_path, monkeypatch, '[keymap]\n"nope" = "x"\n')
    with pytest.raises(UsageError, match=r"config\.toml"):
        options_from(tmp_path, monkeypatch, "[keymap\n")


def test_a_mistake_in_the_host_table_is_one_line_not_ignored(tmp_path, monkeypatch):
    with pytest.raises(UsageError, match=r"\[host\] bell must be true or false"):
        options_from(tmp_path, monkeypatch, '[host]\nbell = "no"\n')
    with pytest.raises(UsageError, match=r"\[host\] has an unknown setting 'bel'"):
        options_from(tmp_path, monkeypatch, "[host]\nbel = false\n")
    with pytest.raises(UsageError, match=r"\[host\] must be a table"):
        options_from(tmp_path, monkeypatch, "host = 3\n")
    assert options_from(tmp_path, monkeypatch, "[host]\nbell = true\n").bell is True
    assert options_from(tmp_path, monkeypatch, "[host]\nbell = true\n", no_bell=True).bell is False
