"""TLS: `--tls-cert/--tls-key` serve wss://; clients verify the certificate unless told not to."""

from __future__ import annotations

import asyncio
import json
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidMessage

from panelhost.client.link import Link
from tests.processes import serve_command, start_serve
from tests.reliability.peers import hello_message
from tests.tlscert import make_certificate

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made for this run: (cert, key)."""
    return make_certificate(tmp_path_factory.mktemp("tls"))


def _trusting(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


async def _hello_over(url: str, hub, context: ssl.SSLContext | None) -> dict:
    async with connect(url, ssl=context, open_timeout=10) as ws:
        await ws.send(json.dumps(hello_message(hub, "participant", "Ana")))
        return json.loads(await asyncio.wait_for(ws.recv(), 10))


async def test_the_hub_serves_wss_with_the_given_certificate(make_hub, certificate):
    cert, key = certificate
    hub = await make_hub(tls_cert=cert, tls_key=key)
    assert hub.url.startswith("wss://127.0.0.1:")
    welcome = await _hello_over(hub.url, hub, _trusting(cert))
    assert welcome["type"] == "welcome"
    # Not trusted by default: a client with the system's trust store refuses it.
    with pytest.raises(ssl.SSLCertVerificationError):
        await _hello_over(hub.url, hub, ssl.create_default_context())
    # And nobody gets in without TLS.
    with pytest.raises((InvalidMessage, ConnectionError, EOFError, OSError)):
        await _hello_over(hub.url.replace("wss://", "ws://"), hub, None)


def test_panelhost_serve_prints_wss_addresses(tmp_path, certificate):
    cert, key = certificate
    serve = start_serve(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        assert serve.url.startswith("wss://")
        assert "wss://" in serve.join
        welcome = asyncio.run(_hello_over(serve.url, serve, _trusting(cert)))
        assert welcome["type"] == "welcome"
    finally:
        assert serve.terminate() == 0


def test_a_wrong_key_for_the_certificate_gives_one_line_and_exit_2(tmp_path, certificate):
    cert, _ = certificate
    result = subprocess.run(
        serve_command(tmp_path, "--tls-cert", str(cert), "--tls-key", str(cert)),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


async def _link_status(hub, **options) -> Link:
    link = Link(hub.url, role="participant", name="Ana", code=hub.code, **options)
    task = asyncio.create_task(link.run())
    try:
        await link.wait_until(lambda link: link.status != "connecting", timeout=10)
    finally:
        await link.close()
        await asyncio.wait_for(task, 10)
    return link


async def test_the_client_link_verifies_certificates_by_default(make_hub, certificate, monkeypatch):
    cert, key = certificate
    hub = await make_hub(tls_cert=cert, tls_key=key)
    refused = await _link_status(hub)
    assert refused.welcomes == 0
    assert "cannot verify the certificate" in (refused.reason or "")
    assert "--insecure" in (refused.reason or "")
    assert (await _link_status(hub, insecure=True)).welcomes == 1
    # A certificate the machine trusts (here through SSL_CERT_FILE) needs no --insecure.
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    assert (await _link_status(hub)).welcomes == 1


def test_insecure_says_what_it_gives_up(capfd):
    from panelhost.cli import main

    url = "wss://127.0.0.1:9/ws"  # nothing listens: the join fails after the warning
    for argv in (
        ["join", url, "K7Q-2M9", "--insecure", "--name", "Ana", "--plain"],
        ["screen", url, "K7Q-2M9", "--insecure"],
    ):
        assert main(argv) == 2
        err = capfd.readouterr().err.splitlines()
        assert err[0].startswith("warning: --insecure: the hub's certificate is not checked")
        assert len(err) == 2, err  # the warning, then why the join failed
