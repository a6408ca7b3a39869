"""Make the example transcript by running a real session: a hub, a simulated room, a host.

    /tmp/v/bin/python scripts/make_example_session.py     # about 40 minutes: sessions/<id>.json
    /tmp/v/bin/python scripts/make_example_session.py --minute 0.5 --out /tmp/quick.json

Everything really runs: an in-process hub on 127.0.0.1 (port 0, a temporary sessions dir),
simulated students as `Link`s (`panelhost.demo.SimulatedRoom`) and a scripted host `Link`
that moderates, puts questions on stage with the timer, takes notes and ends the session.
By default it runs in real time (a panel minute is 60 real seconds, answers take one to
three minutes), so the transcript's times and speaking times are those of a real panel;
`--minute 0.5` compresses it for a quick try (the hub reads the real clock, as it should,
so such a transcript has answers of a few seconds). The transcript is named after the
session id the hub gave it (the date it ran, then the title).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.mirror import Mirror
from panelhost.demo import SimulatedRoom
from panelhost.hub import Hub, HubConfig

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"

PANEL = (
    ("Dr. Ana Rivera", "EM resident, PGY-2"),
    ("Dr. Marcus Chen", "EM attending, community hospital"),
    ("Dr. Kwame Osei", "Pediatric EM fellow"),
    ("Dr. Sarah Goldberg", "Academic EM attending, ultrasound director"),
)

NOTES: dict[str, str] = {
    "How did you know emergency medicine was the right specialty for you?": (
        "chose EM for the variety; shift work suits them"
    ),
    "What made you choose EM over internal medicine or anesthesia?": (
        "liked IM's puzzles, not the pace; anesthesia felt too narrow"
    ),
    "What do program directors actually look for in a SLOE?": (
        "SLOE ranking and comments beat grades; be teachable and reliable"
    ),
    "How many away rotations should I do, and when should they end?": (
        "one or two aways, finished by early September for SLOEs"
    ),
    "Is it a red flag to apply EM without a home program?": (
        "not a red flag; get two aways and ask early for SLOEs"
    ),
    "How do you handle switching between day and night shifts?": (
        "blocks of nights, blackout curtains, anchor sleep"
    ),
    "Any practical tips for sleep after a string of overnights?": (
        "short nap after the last night, then stay up till 9 pm"
    ),
    "Is burnout in EM as bad as the surveys say?": (
        "burnout is real; boarding is the main driver, not patients"
    ),
    "What keeps you from burning out on a bad stretch of shifts?": (
        "protects days off, runs, debriefs with co-residents"
    ),
    "How worried should we be about the EM job market in 2030?": (
        "jobs exist, fewer in big cities; be flexible on location"
    ),
    "How did the match change after the 2023 unfilled positions?": (
        "2023 scared people off; fill rates recovered since"
    ),
    "How many EM programs should I apply to this cycle?": (
        "about 30-40 programs for a typical applicant; ask your advisor"
    ),
    "Do Step 2 scores matter much for EM now that Step 1 is pass/fail?": (
        "Step 2 matters more now, but SLOEs still come first"
    ),
    "What procedures did you feel least prepared for as an intern?": (
        "felt least ready for central lines and peds airways"
    ),
    "How much ultrasound should I learn before residency?": (
        "learn FAST and IV access; residency teaches the rest"
    ),
    "Is an ultrasound fellowship worth the extra year?": (
        "US fellowship worth it for academic jobs; less for community"
    ),
    "How did you decide between pediatrics and pediatric EM?": (
        "loved acute care with kids; peds EM via EM or peds residency"
    ),
    "What is the hardest part of caring for very sick kids?": (
        "hardest part is the families; team debriefs help"
    ),
    "Which fellowships open the most doors: critical care, tox, EMS?": (
        "critical care opens the most doors; tox and EMS are niche but fun"
    ),
    "Can you do EM-critical care and still work regular ED shifts?": (
        "yes, many split ICU and ED time; contracts vary"
    ),
    "What does a normal week look like for you, hours and shifts?": (
        "about 14 shifts a month, 8-10 hours each"
    ),
    "Is EM compatible with having young kids?": (
        "two kids; fixed schedule requests and a partner make it work"
    ),
    "How do you pay off loans on an EM salary with $300k of debt?": (
        "PSLF if academic; otherwise live like a resident for 3-5 years"
    ),
    "Is the pay gap between community and academic jobs real?": (
        "community pays 20-30% more; academic has teaching and protected time"
    ),
    "Community or academic residency: which trains you better?": (
        "both train well; community gives more autonomy earlier"
    ),
    "Why did you choose a community job after residency?": (
        "community job for autonomy and a fixed schedule"
    ),
    "What is it like being a woman in EM, with patients and with staff?": (
        "women still get called nurse; mentors and women-in-EM groups help"
    ),
    "Have you dealt with violence in the ED, and how do you stay safe?": (
        "violence is common; de-escalation training and never block the door"
    ),
    "How much research do I need for a competitive EM application?": (
        "research is a plus, not required; one finished project is enough"
    ),
    "Does it matter if my research is not in emergency medicine?": (
        "any research counts if you can talk about it"
    ),
    "What makes a student stand out on an EM rotation?": (
        "own your patients, follow up, present crisply"
    ),
    "What should I do on my first day of an EM sub-I?": (
        "meet the chief, learn the EMR, see patients early"
    ),
    "How do you ask for a SLOE without it being awkward?": (
        "ask the clerkship director in week 2; send your CV"
    ),
    "What is the best and worst part of working in the ED?": ("best: the team; worst: boarding"),
    "How do you cope with a bad outcome and still see the next patient?": (
        "takes two minutes, says it out loud to a colleague, moves on"
    ),
    "Do you ever miss having continuity with your patients?": (
        "sometimes; follows up on admitted patients now and then"
    ),
    "How does EM deal with boarding and long waits these days?": (
        "boarding is the biggest problem; advocacy at hospital level"
    ),
    "Three-year or four-year residency: what would you choose again?": (
        "would pick four years again for the extra elective time"
    ),
    "What did you wish you had known as a third-year student?": (
        "wish I had asked for feedback sooner, every shift"
    ),
    "How is the transition from resident to attending?": (
        "hardest part: no one checks your plan; find a mentor"
    ),
    "How do you teach residents when the ED is slammed?": (
        "one teaching pearl per patient, two minutes at the bedside"
    ),
    "Is it too late to switch to EM if I matched into another field?": (
        "not too late; talk to EM PDs about open PGY-1 spots"
    ),
}
"""A short host note per question in the demo's bank, after the panelist's surname."""

OFF_TOPIC = "Can you share your Step 2 score?"
TYPO = "How do you stay sharp on pedatric airways when you rarely see them?"
FIXED = "How do you stay sharp on pediatric airways when you rarely see them?"


class Host:
    """The scripted host: a real host `Link` and helpers that fail loudly on any error."""

    def __init__(self, hub: Hub, minute: float, rng: random.Random) -> None:
        self.link = Link(hub.url, role="host", key=hub.key, name="Maya (host)")
        self.minute = minute
        self.rng = rng
        self.task: asyncio.Task[object] | None = None
        self.last_answer: tuple[p.Question, int] | None = None
        """The question last put on stage and its panelist."""

    @property
    def mirror(self) -> Mirror:
        return self.link.mirror

    async def connect(self) -> None:
        self.task = asyncio.create_task(self.link.run())
        await self.link.wait_until(lambda x: x.connected or x.stopped, timeout=10)
        if not self.link.connected:
            raise SystemExit(f"host could not join: {self.link.reason}")

    async def send(self, request: p.Request) -> int | None:
        reply = await self.link.request(request)
        if isinstance(reply, p.Error):
            raise SystemExit(f"{request.__struct_config__.tag}: {reply.code}: {reply.message}")
        return reply.id

    async def wait(self, minutes: float) -> None:
        await asyncio.sleep(minutes * self.minute)

    async def until(self, predicate: Callable[[Link], bool]) -> None:
        """Wait for the room; up to 20 panel minutes (at least a minute of real time)."""
        await self.link.wait_until(predicate, max(60.0, 20 * self.minute))

    def surname(self, panelist_id: int) -> str:
        return self.mirror.panelists[panelist_id].name.split()[-1]

    def next_question(self) -> p.Question | None:
        open_questions = [q for q in self.mirror.queue() if q.status == "open"]
        return open_questions[0] if open_questions else None

    def least_heard(self) -> int:
        panel = self.mirror.panelists.values()
        return min(panel, key=lambda x: (x.spoken_ms, x.answers, self.rng.random())).id

    async def answer(
        self,
        question: p.Question,
        panelist_id: int,
        minutes: float,
        *,
        pause: bool = False,
        overtime: bool = False,
        note: bool = True,
    ) -> None:
        """Put a question on stage for a panelist with the timer, and let them speak."""
        seconds = max(2, round(2 * self.minute))
        await self.send(p.SetNow(question_id=question.id, panelist_id=panelist_id))
        await self.send(p.TimerRequest(action="start", seconds=seconds, panelist_id=panelist_id))
        if pause:  # the room asks for a pause: a fire alarm test, a microphone
            await self.wait(minutes / 2)
            await self.send(p.TimerRequest(action="pause"))
            await self.wait(0.5)
            await self.send(p.TimerRequest(action="resume"))
            await self.wait(minutes / 2)
        elif overtime:  # runs past the timer; the host grants a little more
            await asyncio.sleep(seconds + self.minute / 2)
            await self.send(p.TimerRequest(action="add", seconds=max(1, seconds // 4)))
            await self.wait(minutes / 4)
        else:
            await self.wait(minutes)
        await self.send(p.TimerRequest(action="pause"))
        self.last_answer = (question, panelist_id)
        if note and question.text in NOTES:
            text = f"{self.surname(panelist_id)}: {NOTES[question.text]}"
            await self.send(p.NoteRequest(text=text, question_id=question.id))


async def run_session(minute: float, seed: int, sessions_dir: Path) -> Path:
    """Run the whole scripted session; return the path of the transcript the hub wrote."""
    rng = random.Random(seed)
    hub = await Hub.start(
        HubConfig(sessions_dir=sessions_dir, port=0, title="EM alumni panel", panelists=PANEL)
    )
    host = Host(hub, minute, rng)
    room = SimulatedRoom(
        hub.url,
        hub.code,
        students=28,
        speed=60 / minute,
        rng=random.Random(seed + 1),
        duration_s=40 * 60,
        votes_per_student=7,
    )
    try:
        await host.connect()
        await host.send(
            p.NoteRequest(text="Four EM alumni; questions by votes, two minutes per answer")
        )
        await room.start()
        await host.until(lambda x: sum(q.status == "open" for q in x.mirror.queue()) >= 6)
        await host.wait(2)
        await _answer_rounds(host, rounds=5, overtime_at=3, pause_at=None)
        await _moderated_stretch(hub, host)
        await _answer_rounds(host, rounds=5, overtime_at=None, pause_at=1)
        await _follow_up(host)
        await _answer_rounds(host, rounds=3, overtime_at=None, pause_at=None)
        await host.send(p.SetNow(question_id=None, panelist_id=None))
        await host.send(p.TimerRequest(action="reset"))
        await host.send(
            p.NoteRequest(
                text="Unanswered questions go to the panelists by email; slides on the club drive"
            )
        )
        await host.send(p.End())
        await asyncio.wait_for(room.finished.wait(), 30)
    finally:
        await room.stop()
        await host.link.close()
        await hub.stop()
    return hub.transcript_path


async def _answer_rounds(
    host: Host, rounds: int, overtime_at: int | None, pause_at: int | None
) -> None:
    for number in range(rounds):
        question = host.next_question()
        if question is None:
            await host.until(lambda x: any(q.status == "open" for q in x.mirror.queue()))
            question = host.next_question()
            assert question is not None
        panelist_id = question.panelist_id or host.least_heard()
        minutes = host.rng.uniform(1.2, 2.4)
        await host.answer(
            question,
            panelist_id,
            minutes,
            overtime=number == overtime_at,
            pause=number == pause_at,
        )
        await host.wait(0.3)
    if host.mirror.now.question_id is not None:
        await host.send(p.MarkAnswered(question_id=host.mirror.now.question_id))


async def _moderated_stretch(hub: Hub, host: Host) -> None:
    """Moderation on for a while: approve most, dismiss the off-topic one, fix a typo."""
    await host.send(p.SettingsRequest(moderation=True))
    await host.send(p.NoteRequest(text="Moderation on: questions wait for approval"))
    ben = Link(hub.url, role="participant", code=hub.code, name="Ben")
    ben_task = asyncio.create_task(ben.run())
    await ben.wait_until(lambda x: x.connected or x.stopped, 10)
    for text in (OFF_TOPIC, TYPO):
        await ben.ask(text)
    await host.until(lambda x: len(x.mirror.pending()) >= 2)
    await host.wait(1)
    for question in list(host.mirror.pending()):
        if question.text == OFF_TOPIC:
            await host.send(p.Dismiss(question_id=question.id))
        elif question.text == TYPO:
            await host.send(p.Edit(question_id=question.id, text=FIXED))
            await host.send(p.Approve(question_id=question.id))
        else:
            await host.send(p.Approve(question_id=question.id))
        await host.wait(0.2)
    await ben.close()
    await ben_task
    await _answer_rounds(host, rounds=2, overtime_at=None, pause_at=None)
    await host.send(p.SettingsRequest(moderation=False))
    for question in list(host.mirror.pending()):  # turning it off leaves them pending
        await host.send(p.Approve(question_id=question.id))


async def _follow_up(host: Host) -> None:
    """A second panelist adds to the question answered last."""
    if host.last_answer is None:
        return
    question, first = host.last_answer
    others = [pid for pid in host.mirror.panelists if pid != first]
    second = host.rng.choice(others)
    await host.answer(question, second, 1.0, note=False)
    await host.send(
        p.NoteRequest(
            text=f"{host.surname(second)} added a second view on the same question",
            question_id=question.id,
        )
    )
    await host.send(p.MarkAnswered(question_id=question.id))


def main(argv: list[str] | None = None) -> int:
    """Run the session and copy its transcript to `--out`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--minute", type=float, default=60.0, help="real seconds per panel minute (60)"
    )
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument(
        "--out", type=Path, help="where to write it (default: sessions/<session id>.json)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as temp:
        transcript = asyncio.run(run_session(args.minute, args.seed, Path(temp) / "sessions"))
        out = args.out or SESSIONS / transcript.name
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(transcript, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
