"""Text normalisation exactly as PROTOCOL.md "Text" says, and lengths in code points."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panelhost.core.rules import clean_text
from panelhost.core.text import normalize

LINE_BREAKS = "\r\n\t\x0b\x0c\x85\u2028\u2029"
REMOVED_CONTROLS = [chr(c) for c in range(0x00, 0x20) if chr(c) not in LINE_BREAKS] + [
    chr(c) for c in range(0x7F, 0xA0) if chr(c) not in LINE_BREAKS
]
BIDI = [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]


def test_nfc_composes() -> None:
    assert normalize("Jose\u0301") == "Jos\u00e9"
    assert normalize("\u212b") == "\u00c5"  # ANGSTROM SIGN is NFC-mapped to A-ring


@pytest.mark.parametrize("brk", list(LINE_BREAKS))
def test_each_line_break_becomes_a_space(brk: str) -> None:
    assert normalize(f"a{brk}b") == "a b"


@pytest.mark.parametrize("control", REMOVED_CONTROLS + BIDI)
def test_other_controls_and_bidi_are_removed_not_spaced(control: str) -> None:
    assert normalize(f"a{control}b") == "ab"


def test_escape_sequence_loses_only_the_escape() -> None:
    assert normalize("Ben\u001b[31m") == "Ben[31m"


def test_bidi_override_is_removed() -> None:
    assert normalize("\u202eevil\u202c name \u2066x\u2069") == "evil name x"


def test_runs_of_spaces_collapse_and_ends_are_trimmed() -> None:
    assert normalize("   a    b  ") == "a b"
    assert normalize("a\r\n\r\nb") == "a b"
    assert normalize("\t\tx\n") == "x"


def test_removed_control_between_spaces_leaves_one_space() -> None:
    # controls go before spaces collapse, so "a \x00 b" is "a  b" and then "a b"
    assert normalize("a \x00 b") == "a b"


def test_markup_stays_literal() -> None:
    assert normalize("[bold red]x[/] [link=https://e.x]y[/link]") == (
        "[bold red]x[/] [link=https://e.x]y[/link]"
    )


def test_only_breaks_and_controls_is_empty() -> None:
    assert normalize("\n\t\x00\u202e \u2028") == ""


def test_other_characters_are_kept() -> None:
    # not on the list: kept (zero-width joiner in an emoji sequence, no-break space, tabs are not)
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalize(family) == family
    assert normalize("a\u00a0b") == "a\u00a0b"


def test_length_counts_code_points_after_normalisation() -> None:
    # five combining sequences that compose to five code points
    assert clean_text("e\u0301" * 5, 5, "x") == "\u00e9" * 5
    # a ZWJ family emoji is five code points: over a limit of 4
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    refused = clean_text(family, 4, "x")
    assert not isinstance(refused, str)
    assert refused.code == "too_long"
    assert clean_text(family, 5, "x") == family
    # controls removed before counting
    assert clean_text("ab\x00\x00\x00", 2, "x") == "ab"


def test_empty_is_bad_request_and_long_is_too_long() -> None:
    empty = clean_text(" \n\x1b ", 10, "the name")
    assert not isinstance(empty, str) and empty.code == "bad_request"
    long = clean_text("x" * 11, 10, "the name")
    assert not isinstance(long, str) and long.code == "too_long"


@given(st.text())
def test_result_has_no_listed_characters_and_no_double_spaces(raw: str) -> None:
    out = normalize(raw)
    forbidden = set(LINE_BREAKS) | set(REMOVED_CONTROLS) | set(BIDI)
    assert not forbidden & set(out)
    assert "  " not in out
    assert out == out.strip(" ")


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs"))))
def test_normalize_is_idempotent_without_removed_characters(raw: str) -> None:
    # With removed characters it is not: NFC runs first (PROTOCOL.md's order), so
    # "e\x00\u0301" leaves "e\u0301", which a second pass composes.
    raw = "".join(c for c in raw if c not in BIDI)
    once = normalize(raw)
    assert normalize(once) == once


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_text_without_listed_characters_is_only_nfc_collapsed_and_trimmed(raw: str) -> None:
    raw = "".join(c for c in raw if c not in BIDI)
    expected = " ".join(part for part in unicodedata.normalize("NFC", raw).split(" ") if part)
    assert normalize(raw) == expected
