"""The core and the wire protocol import without asyncio, websockets or Textual."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("asyncio", "websockets", "textual", "rich")

PROBE = f"""
import importlib, json, pkgutil, sys
import panelhost.core, panelhost.protocol
for module in pkgutil.walk_packages(panelhost.core.__path__, "panelhost.core."):
    importlib.import_module(module.name)
print(json.dumps({{
    "loaded": sorted(m for m in sys.modules if m.startswith("panelhost")),
    "forbidden": sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r}),
}}))
"""


def test_core_and_protocol_import_no_io_or_ui_library(tmp_path) -> None:
    # a fresh interpreter: this test process has long since imported all of them
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    report = json.loads(result.stdout)
    assert "panelhost.core.views" in report["loaded"]  # the walk really imported every module
    assert "panelhost.protocol" in report["loaded"]
    assert report["forbidden"] == []
