"""`join` and `screen` read ADDRESS CODE the one way (commands/hub_arg.py): a bad address or
an empty code is one line that says what to type, and exit 2, from both."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelhost.cli import main


@pytest.mark.parametrize("command", ["join", "screen"])
@pytest.mark.parametrize(
    ("address", "code", "said"),
    [
        ("127.0.0.1:1", "   ", "give the join code the host shows, like K7Q-2M9"),
        ("bad::addr", "K7Q-2M9", "write an IPv6 address in brackets, like [::1]:8765"),
    ],
    ids=["empty-code", "bad-address"],
)
def test_a_bad_address_or_code_is_one_line_from_join_and_screen(
    command: str,
    address: str,
    code: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # no remembered identity is read
    assert main([command, address, code]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"panelhost {command}: ")
    assert said in err
