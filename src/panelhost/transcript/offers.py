"""The notes' list of offers: what each panelist offered, for every student who reads them.

Who asked to follow up is never here: that list is the host's (transcript/followups.py).
"""

from __future__ import annotations

from panelhost.transcript.markdown_text import markdown
from panelhost.transcript.model import Transcript


def offer_lines(transcript: Transcript, names: dict[int, str]) -> list[str]:
    """`## Offers` and one line per offer not taken back, or nothing when none was made."""
    offers = [o for o in transcript.offers if not o.removed]
    if not offers:
        return []
    lines = ["", "## Offers", ""]
    for offer in offers:
        who = names.get(offer.panelist_id, f"panelist {offer.panelist_id}")
        places = "" if offer.places is None else f" ({offer.places} places)"
        if offer.places == 1:
            places = " (1 place)"
        lines.append(f"- **{who}**: {markdown(offer.text)}{places}")
    lines += ["", "Ask the host to put you in touch."]
    return lines
