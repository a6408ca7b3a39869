"""A self-signed certificate made by the test run (openssl), for wss and https tests."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_certificate(directory: Path, *names: str) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and `names` (DNS names), valid one day: (cert, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    alternatives = ",".join(["IP:127.0.0.1", *(f"DNS:{name}" for name in names)])
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt"),
            *("ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=127.0.0.1", "-addext", f"subjectAltName={alternatives}"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key
