"""A client's local copy of the session, built from `welcome` and kept current by changes.

Pure: no asyncio, no sockets, no Textual, no clock reads. Times are passed in as
`time.monotonic()` seconds of the moment a frame arrived (or of "now" for a view), so
the timer can count down locally between timer frames.

Every change bumps `version`; views remember the version they painted and repaint at
their own bounded rate when it moved, rather than once per message. The sorted queue is
cached and recomputed only when a question or a vote count changed.
"""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.core.clock import parse_rfc3339
from panelhost.core.order import QUEUE_STATUSES, queue_key
from panelhost.core.stage import speaker_id
from panelhost.core.timer_reading import TimerReading, read_timer

_QUEUE_STATUSES = frozenset(QUEUE_STATUSES)


class Mirror:
    """The state one client sees, for any role (hosts also see pending, dismissed and notes)."""

    def __init__(self) -> None:
        self.version = 0
        """Bumped by every welcome and change; compare to decide whether to repaint."""
        self.seq = 0
        """The hub's `seq` of the last frame applied."""
        self.loaded = False
        """True once a `welcome` was applied."""
        self.you: p.You | None = None
        self.session: p.SessionInfo | None = None
        self.settings = p.Settings()
        self.questions: dict[int, p.Question] = {}
        self.panelists: dict[int, p.Panelist] = {}
        self.now = p.Now()
        self.timer = p.Timer()
        self.timer_at = 0.0
        """Monotonic time the current `timer` arrived."""
        self.panel_at = 0.0
        """Monotonic time the current panelists' `spoken_ms` arrived."""
        self.participants = 0
        self.hosts: int | None = None
        """Host screens attached to the session (hosts only; None for everyone else)."""
        self.my_votes: set[int] = set()
        self.my_questions: set[int] = set()
        self.my_withdrawn: set[int] = set()
        """My questions I withdrew: the wire says `dismissed` for these too, so the client
        remembers them (a welcome keeps them; the join command saves them with my token)."""
        self.notes: list[p.Note] = []
        self.offers: dict[int, p.Offer] = {}
        self.follow_ups: dict[int, p.FollowUp] = {}
        """Hosts only: participants never receive them."""
        self.my_follow_ups: set[int] = set()
        self._keys: dict[int, tuple[int, int, int, int]] = {}
        self._asked_ms: dict[int, int] = {}
        self._queue: list[p.Question] | None = None

    # -- feeding -------------------------------------------------------------------------

    def load(self, welcome: p.Welcome, at: float) -> None:
        """Replace everything with a welcome's snapshot (a first join or a resync)."""
        state = welcome.state
        self.loaded = True
        self.seq = welcome.seq
        self.you = welcome.you
        self.session = state.session
        self.settings = state.settings
        self.questions = {}
        self._keys = {}
        self._asked_ms = {}
        for question in state.questions:
            self._put(question)
        self.panelists = {x.id: x for x in state.panelists}
        self.panel_at = at
        self.now = state.now
        self.timer = state.timer
        self.timer_at = at
        self.participants = state.participants
        self.hosts = state.hosts
        self.my_votes = set(state.my_votes)
        self.my_questions = set(state.my_questions)
        self.notes = list(state.notes)
        self.offers = {o.id: o for o in state.offers}
        self.follow_ups = {f.id: f for f in state.follow_ups}
        self.my_follow_ups = set(state.my_follow_ups)
        self._touch(queue=True)

    def apply(self, change: p.Change, at: float) -> None:
        """Apply one change frame that arrived at monotonic time `at`."""
        self.seq = max(self.seq, change.seq)
        queue = False
        if isinstance(change, p.QuestionChanged):
            self._put(change.question)
            queue = True
        elif isinstance(change, p.Votes):
            queue = self._set_votes(change.counts)
        elif isinstance(change, p.Removed):
            queue = self._drop(change.id)
        elif isinstance(change, p.NowChanged):
            self.now = p.Now(question_id=change.question_id, panelist_id=change.panelist_id)
        elif isinstance(change, p.TimerChanged):
            self.timer = change.timer
            self.timer_at = at
        elif isinstance(change, p.Panel):
            self.panelists = {x.id: x for x in change.panelists}
            self.panel_at = at
        elif isinstance(change, p.Presence):
            self.participants = change.participants
            if change.hosts is not None:
                self.hosts = change.hosts
        elif isinstance(change, p.SessionChanged):
            self.session = change.session
            self.settings = change.settings
        elif isinstance(change, p.NoteAdded):
            self.notes.append(change.note)
        elif isinstance(change, p.OfferChanged):
            if change.removed:
                self.offers.pop(change.offer.id, None)
            else:
                self.offers[change.offer.id] = change.offer
        elif isinstance(change, p.FollowUpChanged):
            self.follow_ups[change.follow_up.id] = change.follow_up
        self._touch(queue=queue)

    def note_vote(self, question_id: int, voted: bool) -> None:
        """The hub acknowledged my vote (True) or unvote (False) on a question."""
        if voted:
            self.my_votes.add(question_id)
        else:
            self.my_votes.discard(question_id)
        self._touch()

    def note_withdrawn(self, question_id: int, withdrawn: bool = True) -> None:
        """I am withdrawing a question (noted before the request: its change comes before
        the reply), or the hub refused it (False)."""
        if withdrawn:
            self.my_withdrawn.add(question_id)
        else:
            self.my_withdrawn.discard(question_id)
        self._touch()

    def note_follow_up(self, follow_up_id: int, asked: bool) -> None:
        """The hub acknowledged my follow-up (True) or its withdrawal (False)."""
        if asked:
            self.my_follow_ups.add(follow_up_id)
        else:
            self.my_follow_ups.discard(follow_up_id)
        self._touch()

    def note_asked(self, question_id: int) -> None:
        """The hub acknowledged my ask with this question id."""
        self.my_questions.add(question_id)
        self._touch()

    # -- views ---------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.session is not None and self.session.status == "ended"

    @property
    def title(self) -> str:
        return self.session.title if self.session is not None else ""

    def queue(self) -> list[p.Question]:
        """Answering, open and answered questions in protocol order (cached until changed)."""
        if self._queue is None:
            ids = [i for i, q in self.questions.items() if q.status in _QUEUE_STATUSES]
            ids.sort(key=self._keys.__getitem__)
            self._queue = [self.questions[i] for i in ids]
        return self._queue

    def pending(self) -> list[p.Question]:
        """Questions waiting for approval, oldest first (hosts see all; others their own)."""
        return self._oldest_first("pending")

    def dismissed(self) -> list[p.Question]:
        """Dismissed questions, oldest first (hosts see all; others their own)."""
        return self._oldest_first("dismissed")

    def mine(self) -> list[p.Question]:
        """My own questions in any status I can see, oldest first."""
        return [self.questions[i] for i in sorted(self.my_questions) if i in self.questions]

    def question(self, question_id: int | None) -> p.Question | None:
        return None if question_id is None else self.questions.get(question_id)

    def panelist(self, panelist_id: int | None) -> p.Panelist | None:
        return None if panelist_id is None else self.panelists.get(panelist_id)

    def on_stage(self) -> p.Question | None:
        """The question being answered, if any."""
        return self.question(self.now.question_id)

    def speaker(self) -> p.Panelist | None:
        """Who is speaking: the panelist the timer runs or is paused for (`core.stage`)."""
        return self.panelist(speaker_id(self.timer.state, self.timer.panelist_id))

    def answerer(self) -> p.Panelist | None:
        """Who answers the question on stage (named in `now`), else whoever is speaking.

        For "Answering: ..." labels; "speaking" is only ever said of `speaker()`.
        """
        return self.panelist(self.now.panelist_id) or self.speaker()

    def remaining_ms(self, now: float) -> int:
        """The timer's remaining time at monotonic `now` (negative in overtime)."""
        return self.reading(now).remaining_ms

    def reading(self, now: float) -> TimerReading:
        """The timer's phase, words and time left at monotonic `now` (`core.timer_reading`)."""
        return read_timer(self.timer, round((now - self.timer_at) * 1000))

    def spoken_ms(self, panelist_id: int, now: float) -> int:
        """A panelist's speaking time at monotonic `now`, counting the running timer."""
        panelist = self.panelists.get(panelist_id)
        if panelist is None:
            return 0
        spoken = panelist.spoken_ms
        if self.timer.state == "running" and self.timer.panelist_id == panelist_id:
            # the panel frame counted up to its sending; the timer has run on since
            spoken += max(0, round((now - max(self.panel_at, self.timer_at)) * 1000))
        return spoken

    def asked_ms(self, question_id: int) -> int:
        """When a question was asked, in ms since the epoch (parsed once)."""
        return self._asked_ms.get(question_id, 0)

    # -- internals -----------------------------------------------------------------------

    def _touch(self, queue: bool = False) -> None:
        self.version += 1
        if queue:
            self._queue = None

    def _put(self, question: p.Question) -> None:
        asked = self._asked_ms.get(question.id)
        if asked is None:
            asked = parse_rfc3339(question.asked_at)
            self._asked_ms[question.id] = asked
        self.questions[question.id] = question
        self._rekey(question, asked)

    def _rekey(self, question: p.Question, asked: int) -> None:
        if question.status not in _QUEUE_STATUSES:
            self._keys.pop(question.id, None)
            return
        answered = None if question.answered_at is None else parse_rfc3339(question.answered_at)
        self._keys[question.id] = queue_key(
            question.status, question.votes, asked, answered, question.id
        )

    def _set_votes(self, counts: dict[str, int]) -> bool:
        changed = False
        for raw_id, votes in counts.items():
            question = self.questions.get(int(raw_id))
            if question is None or question.votes == votes:
                continue
            question.votes = votes
            changed = True
            key = self._keys.get(question.id)
            if key is not None and key[0] == 1:  # only open questions rank by votes
                self._keys[question.id] = (1, -votes, key[2], key[3])
        return changed

    def _drop(self, question_id: int) -> bool:
        if self.questions.pop(question_id, None) is None:
            return False
        self._keys.pop(question_id, None)
        self._asked_ms.pop(question_id, None)
        # my vote stays on the hub: keep it for when the question is visible again
        return True

    def _oldest_first(self, status: str) -> list[p.Question]:
        questions = self.questions
        return [questions[i] for i in sorted(questions) if questions[i].status == status]
