"""A transcript that tests the replay's room to show things: a 300-character question on
stage, vote counts over 100, long and short panelist names, withdrawn and dismissed ones."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.transcript import Transcript, build_transcript
from tests.transcript.transcript_driver import DrivenSession

LAST_WORD = "zebrafish"
LONG_QUESTION = (
    "Looking back on the path from your first clinical rotation to the match, which "
    "decision about away rotations, letters, research or your rank list made the biggest "
    "difference, and what would you tell a second-year student who is unsure whether EM "
    "is right for them, the way I was once, about zebrafish"
)
"""300 characters, the most a question may have, ending in a word found nowhere else."""
PANEL = (
    ("Dr. Ana Rivera", "EM resident, PGY-2"),
    ("Dr. A", None),
    ("Dr. Sarah Goldberg-Okonkwo", "Academic EM attending, ultrasound director"),
    ("Prof. Kwame Osei", "Pediatric EM fellow"),
)
VOTERS = 150


def long_session() -> Transcript:
    """Q1 (300 characters) goes on stage for Dr. Sarah Goldberg-Okonkwo; Q2 has 150 votes and
    Q3 120; Q4 is withdrawn by its author, Q5 dismissed by the host, Q6 never approved."""
    s = DrivenSession("2025-11-24-long", "EM alumni panel: the long questions")
    students = [s.join(f"ident-{n}", "participant", f"Student {n}") for n in range(VOTERS)]
    for name, title in PANEL:
        s.ok(s.host, p.PanelistAdd(name=name, title=title))
    ana, ben = students[0], students[1]
    s.ok(ana, p.Ask(text=LONG_QUESTION, panelist_id=3))
    s.ok(ben, p.Ask(text="What do program directors look for on a rotation?", anonymous=True))
    s.ok(ana, p.Ask(text="How do you handle night shifts and still sleep?"))
    s.ok(ben, p.Ask(text="Never mind, I found the answer myself"))
    s.ok(ana, p.Ask(text="Can you share your Step 2 score?"))
    for number, voter in enumerate(students):
        s.ok(voter, p.Vote(question_id=2), 100)
        if number < 120:
            s.ok(voter, p.Vote(question_id=3), 100)
    s.ok(ben, p.Withdraw(question_id=4))
    s.ok(s.host, p.Dismiss(question_id=5))
    s.ok(s.host, p.SettingsRequest(moderation=True))
    s.ok(ben, p.Ask(text="Is it too late to switch specialties after intern year?"))
    s.ok(s.host, p.SetNow(question_id=2, panelist_id=1), 30_000)
    s.ok(s.host, p.TimerRequest(action="start", panelist_id=1))
    s.ok(s.host, p.SetNow(question_id=1, panelist_id=3), 95_000)
    s.ok(s.host, p.TimerRequest(action="start", panelist_id=3))
    s.ok(s.host, p.NoteRequest(text="Goldberg-Okonkwo: aways matter most", question_id=1), 40_000)
    s.ok(s.host, p.SetNow(question_id=3, panelist_id=2), 80_000)
    s.ok(s.host, p.TimerRequest(action="start", panelist_id=2))
    s.ok(s.host, p.End(), 50_000)
    return build_transcript(s.events)
