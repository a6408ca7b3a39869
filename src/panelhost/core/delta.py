"""What events touched: the one answer the live fan-out and the transcript's history read.

`apply(state, event, delta)` notes into `delta`, just before the event changes the state,
which questions it may change (and whether everyone could see each before), whose votes,
and which of the stage, timer, panel, notes and session. A delta gathers any run of events
(a request's, a loop turn's); what to send or record is then read from the state after.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from panelhost.core import events as ev
from panelhost.core import offers
from panelhost.core.model import State
from panelhost.core.visibility import EVERYONE, visible_to


@dataclass(slots=True)
class Delta:
    questions: dict[int, bool] = field(default_factory=dict)
    """Question id -> whether everyone could see it before the first event that touched it
    (False for a question that did not exist yet). In the order first touched."""
    votes: set[int] = field(default_factory=set)
    """Questions whose vote count may have changed."""
    now: bool = False
    timer: bool = False
    panel: bool = False
    """The panel, or a panelist's speaking time or answer count."""
    session: bool = False
    """The session's title, settings or status."""
    ended: bool = False
    notes: list[int] = field(default_factory=list)
    """Ids of notes taken, in order."""
    offers: set[int] = field(default_factory=set)
    """Offers made, taken back, or whose places left changed (everyone sees them)."""
    follow_ups: set[int] = field(default_factory=set)
    """Follow-ups asked or withdrawn: hosts only."""

    def note(self, state: State, event: ev.Event) -> None:
        """Note what `event` is about to change in `state` (call before applying it)."""
        for question_id in _touched_questions(state, event):
            if question_id not in self.questions:
                question = state.questions.get(question_id)
                self.questions[question_id] = question is not None and visible_to(
                    question, EVERYONE
                )
        if isinstance(event, ev.VoteAdded | ev.VoteRemoved):
            self.votes.add(event.question_id)
        elif isinstance(event, ev.NowSet):
            self.now = self.panel = True
        elif isinstance(event, ev.QuestionDismissed | ev.QuestionAnswered):
            self.now = self.now or state.now_question_id == event.question_id
        elif isinstance(event, ev.TIMER_EVENTS):
            self.timer = self.panel = True
        elif isinstance(event, ev.PanelistAdded | ev.PanelistRemoved):
            self.panel = True
            if isinstance(event, ev.PanelistRemoved):
                self.timer = self.timer or state.timer.panelist_id == event.panelist_id
        elif isinstance(event, ev.NoteTaken):
            self.notes.append(event.note_id)
        elif isinstance(event, offers.EVENTS):
            offers.touched(self.offers, self.follow_ups, state, event)
        elif isinstance(event, ev.SettingsChanged | ev.SessionWentLive):
            self.session = True
        elif isinstance(event, ev.SessionEnded):
            self.session = self.timer = self.panel = self.ended = True

    def merge(self, later: Delta) -> None:
        """Take in what a later run of events touched (its "before" is not this one's)."""
        for question_id, was_public in later.questions.items():
            self.questions.setdefault(question_id, was_public)
        self.votes |= later.votes
        self.now = self.now or later.now
        self.timer = self.timer or later.timer
        self.panel = self.panel or later.panel
        self.session = self.session or later.session
        self.ended = self.ended or later.ended
        self.notes.extend(later.notes)
        self.offers |= later.offers
        self.follow_ups |= later.follow_ups


def _touched_questions(state: State, event: ev.Event) -> tuple[int, ...]:
    """Questions whose record `event` may change: its own, or what leaves and takes the stage."""
    if isinstance(event, ev.QUESTION_EVENTS):
        return (event.question_id,)
    if isinstance(event, ev.NowSet):
        previous = state.now_question_id
        ids = (previous,) if previous is not None else ()
        return ids + ((event.question_id,) if event.question_id is not None else ())
    return ()
