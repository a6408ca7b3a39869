"""Make docs/host-screen.svg, the README's screenshot, from the real host app and a real room.

    .venv/bin/python -m scripts.host_screenshot               # writes docs/host-screen.svg
    .venv/bin/python -m scripts.host_screenshot --out /tmp/x.svg --size 80x24

(from the repository's root: the host app is built and settled by `tests/tui/host/frozen.py`,
as the snapshot tests build theirs.)

An in-process hub on 127.0.0.1 (port 0, a temporary sessions directory) gets a panel of
three, 140 students who ask and vote (counts over 100 included), one question on stage with
its timer running and a note; then the host app, as `panelhost host` builds it, runs at the
given size with its clocks frozen (42:17 into the session, 1:23 left) and saves what it shows.
The cursor is moved to the second question, so the pane under the lists shows it whole.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from tests.tui.host.frozen import frozen_host_app, settled

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.hub import Hub, HubConfig

DOCS = Path(__file__).resolve().parent.parent / "docs"
PANEL = (
    ("Dr. Ana Rivera", "EM resident, PGY-2"),
    ("Dr. Marcus Chen", "EM attending"),
    ("Dr. Kwame Osei", "Pediatric EM fellow"),
)
QUESTIONS = (
    # (author or None for anonymous, text, addressed to panelist number, votes)
    ("Priya", "How did you know emergency medicine was the right specialty for you?", None, 136),
    (
        None,
        "What do program directors actually look for in a SLOE, and does an away rotation at "
        "a program you are applying to count for more than one at your home institution?",
        2,
        104,
    ),
    ("Jonas", "Is burnout in EM as bad as people say, and what helps?", 2, 61),
    ("Léa", "How do you switch between day and night shifts and still sleep?", None, 23),
    ("Mateo", "Is EM compatible with having young kids?", 3, 9),
    ("Hana", "Which fellowships open the most doors after residency?", None, 4),
    (None, "Can I match EM with a 230 on Step 2?", None, 0),
)


async def room(hub: Hub) -> list[Link]:
    """Students who asked and voted; the host's questions on stage are set by the caller."""
    links: list[Link] = []

    async def join(name: str) -> Link:
        link = Link(hub.url, role="participant", code=hub.code, name=name)
        asyncio.get_running_loop().create_task(link.run())
        while not link.connected:
            await asyncio.sleep(0.01)
        links.append(link)
        return link

    ids = []
    for n, (author, text, panelist, _) in enumerate(QUESTIONS):
        asker = await join(author or f"Anonymous {n}")
        answer = await asker.ask(text, anonymous=author is None, panelist_id=panelist)
        assert isinstance(answer, p.Ok) and answer.id is not None, answer
        ids.append(answer.id)
    most = max(votes for *_, votes in QUESTIONS)
    for n in range(most):
        voter = await join(f"Student {n}")
        for question_id, (*_, votes) in zip(ids, QUESTIONS, strict=True):
            if n < votes:
                assert isinstance(await voter.vote(question_id), p.Ok)
        if n >= 2:  # most leave once they voted; three stay online
            await voter.close()
    return links


async def screenshot(out: Path, size: tuple[int, int]) -> None:
    sessions = Path(tempfile.mkdtemp(prefix="panelhost-screenshot-"))
    config = HubConfig(
        port=0, sessions_dir=sessions, title="EM alumni panel", panelists=PANEL, code="K7Q-2M9"
    )
    hub = await Hub.start(config)
    try:
        students = await room(hub)
        app = frozen_host_app(hub.url, hub.key, "panelhost join 192.168.1.20:8765 K7Q-2M9")
        mirror = app.link.mirror
        async with app.run_test(size=size) as pilot:
            await settled(pilot)
            host = app.link
            await host.request(p.SetNow(question_id=1, panelist_id=1))
            await host.request(p.NoteRequest(text="chose EM for the variety", question_id=1))
            while mirror.timer.state != "running" or not mirror.notes:
                await pilot.pause(0.05)
            await pilot.press("down")  # the second question, read whole below the lists
            await pilot.pause(0.3)
            await settled(pilot)
            app.save_screenshot(filename=out.name, path=str(out.parent))
        for student in students:
            await student.close()
    finally:
        await hub.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS / "host-screen.svg")
    parser.add_argument("--size", default="120x34", help="COLUMNSxROWS (default 120x34)")
    args = parser.parse_args()
    columns, _, rows = args.size.partition("x")
    asyncio.run(screenshot(args.out, (int(columns), int(rows))))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
