"""Participant text in the Markdown notes renders exactly as typed, with few backslashes.

A real CommonMark parser (markdown-it-py, which Textual already depends on) with GitHub's
tables, strikethrough and footnotes and a permissive `$` math plugin reads every escaped
text in each place the notes put one; the rendered text must be the text itself, with no
markup at all.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from panelhost.transcript.markdown_text import markdown
from panelhost.transcript.plaintext import plain

PARSER = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(dollarmath_plugin)
    .use(footnote_plugin)
)

PLACES = (
    ("{}", "paragraph"),
    ("- {}", "list item"),
    ("1. {} (Asked by Ana · 3 votes)", "ordered item with a byline"),
    ("### Q7 · {}", "heading"),
    ("- **{}**, EM resident: 2 answers", "bold name"),
)


def rendered_text(document: str) -> tuple[str, set[str]]:
    """The text a reader sees, and every kind of inline token besides text and our bold."""
    inline = [t for t in PARSER.parse(document) if t.type == "inline"]
    assert len(inline) == 1, f"{document!r} split into {len(inline)} blocks"
    children: list[Token] = inline[0].children or []
    kinds = {t.type for t in children} - {"text", "strong_open", "strong_close"}
    return "".join(t.content for t in children if t.type == "text"), kinds


def assert_inert(text: str) -> None:
    escaped = markdown(text)
    for template, place in PLACES:
        document = template.format(escaped)
        shown, kinds = rendered_text(document)
        assert not kinds, f"{text!r} as a {place} renders {kinds}: {document!r}"
        blocks = {t.type for t in PARSER.parse(document)} - {"inline"}
        wanted = {
            "paragraph": {"paragraph_open", "paragraph_close"},
            "list item": {"bullet_list_open", "list_item_open", "paragraph_open",
                          "paragraph_close", "list_item_close", "bullet_list_close"},
            "ordered item with a byline": {"ordered_list_open", "list_item_open",
                                           "paragraph_open", "paragraph_close",
                                           "list_item_close", "ordered_list_close"},
            "heading": {"heading_open", "heading_close"},
            "bold name": {"bullet_list_open", "list_item_open", "paragraph_open",
                          "paragraph_close", "list_item_close", "bullet_list_close"},
        }[place]  # fmt: skip
        assert blocks == wanted, f"{text!r} as a {place} makes blocks {blocks}: {document!r}"
        if place == "paragraph":
            assert shown == plain(text), f"{text!r} reads {shown!r}"
        else:
            assert plain(text) in shown, f"{text!r} as a {place} reads {shown!r}"


MARKDOWN_CHARACTERS = "*_~`$[]()<>!#&\\|{}-+=.:;^\"' \n1aZé"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=MARKDOWN_CHARACTERS, max_size=12))
def test_any_text_of_markdown_characters_renders_as_typed(text: str) -> None:
    assume(plain(text))  # the hub never stores empty text
    assert_inert(text)


def test_hostile_text_renders_as_typed() -> None:
    for text in (
        "[bold red]x[/] [link=https://evil.example]y[/link] <img src=x onerror=alert(1)>",
        "*em* _u_ **strong** ~~gone~~ `code` &amp; &#60; ![i](https://t.example/p.png)",
        "[a](javascript:alert(1)) [ref] [^1] <https://x.example> <!-- c --> \\",
        "# heading", "###### six", "- item", "+ item", "* item", "12) item", "3. item",
        "> quote", "---", "* * *", "___", "```fence", "~~~fence", "| a | b |",
        "$x$ and $y$", "Is it C# #", "a\\*b", "ends with \\", "[x]: https://e.example",
        "[^1]: a footnote", "see [^1]", "[a] [b](c) [d]", "![i](p.png)",
    ):  # fmt: skip
        assert_inert(text)


def test_ordinary_punctuation_is_left_alone() -> None:
    for text in (
        "How do you pay off loans with $300k of debt?",
        "What do PDs (program directors) look for?",
        "PGY-2, Dr. Chen",
        "Is 5 * 3 hours of sleep enough?",
        "snake_case and C# and 100% and a+b=c",
        "Q&A: is it <3 or >3 years?",
        "Step 1 is pass/fail! Really?",
        "~30-40 programs | maybe more {or less}",
        "Rank #1 choice",
        "Protect your days off [really] and sleep [sic]",
        "+1 to that",
        "2026 was a good year",
    ):
        assert markdown(text) == text, markdown(text)


def test_only_what_would_act_is_escaped() -> None:
    assert markdown("*em* and _u_") == "\\*em\\* and \\_u\\_"
    assert markdown("$5 and $6") == "\\$5 and \\$6"
    assert markdown("[a](b)") == "\\[a](b)"
    assert markdown("- item") == "\\- item"
    assert markdown("3. item") == "3\\. item"
    assert markdown("<b>x</b>") == "\\<b>x\\</b>"
    assert markdown("&amp; & more") == "\\&amp; & more"
