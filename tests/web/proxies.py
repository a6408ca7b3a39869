"""Real nginx and Caddy as the TLS proxy in front of a hub, on loopback, each run from the
config that docs/deploy.md shows (so the documented config is the tested one)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.web.conftest import free_port, require

DEPLOY_DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
PUBLIC_NAME = "panel.test"
"""The proxy's name in the browser (mapped to 127.0.0.1 by a chromium flag)."""


def documented(kind: str) -> str:
    """The code block after `<!-- deploy: KIND -->` in docs/deploy.md."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- deploy: {kind} -->\s*```\w*\n(.*?)```", text, re.S)
    assert match is not None, f"docs/deploy.md has no {kind} block"
    return match.group(1)


def wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the proxy exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)  # polling a port that is not open yet
    raise RuntimeError(f"the proxy never listened on {port}")


class Proxy:
    """A running proxy on 127.0.0.1:`port` with TLS, forwarding to the hub on `hub_port`."""

    def __init__(
        self, kind: str, directory: Path, hub_port: int, cert: Path, key: Path, port: int = 0
    ) -> None:
        self.kind = kind
        self.port = port or free_port()
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.log = directory / "proxy.log"
        site = documented(kind).replace("127.0.0.1:8765", f"127.0.0.1:{hub_port}")
        make = self._nginx if kind == "nginx" else self._caddy
        command = make(site, cert, key)
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(directory),
            "XDG_CONFIG_HOME": str(directory),
            "HOME": str(directory),
        }
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        wait_listening(self.port, self.process, self.log)

    @property
    def public_url(self) -> str:
        return f"https://{PUBLIC_NAME}:{self.port}"

    @property
    def socket_url(self) -> str:
        return f"wss://127.0.0.1:{self.port}/ws"

    def _nginx(self, site: str, cert: Path, key: Path) -> list[str]:
        require("nginx", shutil.which("nginx") is not None, "apt-get install -y nginx")
        site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{self.port} ssl;")
        site = site.replace("server_name panel.example.org;", f"server_name {PUBLIC_NAME};")
        site = re.sub(r"ssl_certificate (\s*)\S+;", f"ssl_certificate {cert};", site)
        site = re.sub(r"ssl_certificate_key (\s*)\S+;", f"ssl_certificate_key {key};", site)
        d = self.directory
        config = d / "nginx.conf"
        config.write_text(
            f"daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + "events { worker_connections 1024; }\n"
            + f"http {{\naccess_log {d}/access.log;\nclient_body_temp_path {d}/body;\n"
            + f"proxy_temp_path {d}/proxy;\nfastcgi_temp_path {d}/fastcgi;\n"
            + f"uwsgi_temp_path {d}/uwsgi;\nscgi_temp_path {d}/scgi;\n{site}\n}}\n"
        )
        return ["nginx", "-c", str(config), "-p", str(d), "-e", str(d / "error.log")]

    def _caddy(self, site: str, cert: Path, key: Path) -> list[str]:
        require("caddy", shutil.which("caddy") is not None, "apt-get install -y caddy")
        site = site.replace(
            # the terminal clients in the tests reach it by address (no DNS for the name)
            "panel.example.org {",
            f"https://{PUBLIC_NAME}:{self.port}, https://127.0.0.1:{self.port} {{\n"
            f"\ttls {cert} {key}",
        )
        config = self.directory / "Caddyfile"
        config.write_text("{\n\tadmin off\n\tauto_https disable_redirects\n}\n" + site)
        return ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
