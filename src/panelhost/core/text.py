"""Normalisation of names, questions, titles and notes, exactly as PROTOCOL.md says."""

from __future__ import annotations

import re
import unicodedata

# CR, LF, TAB, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR become spaces.
_SPACES = str.maketrans({c: " " for c in "\r\n\t\x0b\x0c\x85\u2028\u2029"})
# Every other C0/C1 control, and the bidi embedding, override and isolate characters.
_REMOVED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_RUNS_OF_SPACES = re.compile(" {2,}")


def normalize(text: str) -> str:
    """NFC, line breaks to spaces, controls and bidi overrides removed, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_SPACES)
    text = _REMOVED.sub("", text)
    return _RUNS_OF_SPACES.sub(" ", text).strip(" ")
