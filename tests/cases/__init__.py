"""Cases shared by every client's pure rules (the Python client and the web page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASES_FILE = Path(__file__).with_name("client_rules.json")


def client_rules() -> dict[str, Any]:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))
