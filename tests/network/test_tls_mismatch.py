"""ws:// against a TLS hub, or wss:// against a plain one: one line that names the mismatch."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tlscert import make_certificate

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def _join(url: str, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelhost", "join", url, code, "--plain", "--name", "Ana"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def _refused(wrong: str, right: str, code: str, sentence: str) -> None:
    """Joining `wrong` exits 2 with one line: `sentence` about it, and the `right` URL."""
    result = await asyncio.to_thread(_join, wrong, code)
    assert result.returncode == 2
    where = wrong.split("//")[1].split("/")[0]
    assert result.stderr == f"panelhost join: {where} {sentence}: try {right}\n"


async def test_wss_to_a_plain_hub_says_it_does_not_speak_tls(hub) -> None:
    wrong = hub.url.replace("ws://", "wss://")
    sentence = "does not speak TLS (wss://); it looks like a plain hub"
    await _refused(wrong, hub.url, hub.code, sentence)


async def test_ws_to_a_tls_hub_says_it_looks_like_a_tls_hub(make_hub, tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    hub = await make_hub(tls_cert=cert, tls_key=key)
    wrong = hub.url.replace("wss://", "ws://")
    sentence = "did not answer plain ws://; it looks like a TLS hub"
    await _refused(wrong, hub.url, hub.code, sentence)
