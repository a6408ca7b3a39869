"""Fan-out: what each audience must be sent after a batch of events, encoded once per audience."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core import views
from panelhost.core.model import State

AudienceKind = Literal["all", "hosts", "public", "identity", "public_except"]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets a frame: everyone, hosts, participants and viewers, or one identity.

    `public_except` is the public audience minus one identity's connection.
    """

    kind: AudienceKind
    identity_id: str | None = None


ALL = Audience("all")
HOSTS = Audience("hosts")
PUBLIC = Audience("public")


@dataclass(slots=True)
class Reply:
    """A frame for one connection (ok, error, welcome), sent after the batch's changes.

    `frame` may be a builder called when the batch closes (a welcome's snapshot must show
    the state as of the batch), or empty (an `ok` without a ref: nothing to say). `then`
    runs after it is sent (registering a welcomed client). If the batch's fsync fails,
    `failed` goes instead (an `unavailable` error; None: the frame is an error already)
    and `then_failed` runs instead of `then`.
    """

    client: Any
    frame: bytes | Callable[[State], bytes]
    then: Callable[[], None] | None = None
    failed: bytes | None = None
    then_failed: Callable[[], None] | None = None
    data: bytes = b""
    """The frame as sent: set when the batch closes (a builder is kept, to build again)."""


@dataclass(slots=True)
class Batch:
    """What one loop iteration decided: journaled and fsync'd together (group commit)."""

    questions_were_public: dict[int, bool] = field(default_factory=dict)
    vote_questions: set[int] = field(default_factory=set)
    now: bool = False
    timer: bool = False
    panel: bool = False
    session: bool = False
    presence: bool = False
    notes: list[int] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    wrote: bool = False
    ends_session: bool = False
    frames: list[tuple[Audience, bytes]] = field(default_factory=list)
    closed: bool = False
    """Encoded (frames and replies built)."""
    changes_sent: bool = False
    """Its changes went out as it closed, before its fsync (only `ok`s wait for that)."""

    def before(self, state: State, event: ev.Event) -> None:
        """Note what `event` is about to change (call before applying it)."""
        self.wrote = True
        for question_id in _touched_questions(state, event):
            if question_id not in self.questions_were_public:
                question = state.questions.get(question_id)
                self.questions_were_public[question_id] = question is not None and question.public
        if isinstance(event, ev.VoteAdded | ev.VoteRemoved):
            self.vote_questions.add(event.question_id)
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
        elif isinstance(event, ev.SettingsChanged):
            self.session = True
        elif isinstance(event, ev.SessionEnded):
            self.session = self.timer = self.panel = self.ends_session = True

    @property
    def has_welcome(self) -> bool:
        """A welcome's snapshot and registration must follow every change before it."""
        return any(not isinstance(reply.frame, bytes) for reply in self.replies)

    def close(self, state: State, now: int, participants: int) -> None:
        """Encode this batch's changes from `state` (which reflects every event in it).

        The hub calls it once, as the batch closes (when nothing is held back ahead of it)
        or when the committer takes it: either way the state is the batch's own, welcomes
        built then show it, and the frames are encoded once per audience.
        """
        self.closed = True
        self.frames = list(_changes(self, state, now))
        if self.presence:
            presence = p.Presence(seq=state.seq, participants=participants)
            self.frames.append((ALL, p.encode(presence)))
        for reply in self.replies:
            reply.data = reply.frame if isinstance(reply.frame, bytes) else reply.frame(state)

    def absorb(self, later: Batch) -> None:
        """Take in a later batch that closed while this one still waits for its fsync.

        The two then go out as one: one frame per audience and change however many loop
        turns filled them, so a busy hub sends fewer, fuller frames, and an idle one is not
        held back (a batch alone is never kept waiting for company).
        """
        for question_id, was_public in later.questions_were_public.items():
            self.questions_were_public.setdefault(question_id, was_public)
        self.vote_questions |= later.vote_questions
        self.now = self.now or later.now
        self.timer = self.timer or later.timer
        self.panel = self.panel or later.panel
        self.session = self.session or later.session
        self.presence = self.presence or later.presence
        self.notes.extend(later.notes)
        self.replies.extend(later.replies)
        self.wrote = self.wrote or later.wrote
        self.ends_session = self.ends_session or later.ends_session


def _touched_questions(state: State, event: ev.Event) -> tuple[int, ...]:
    if isinstance(event, ev.QUESTION_EVENTS):
        return (event.question_id,)
    if isinstance(event, ev.NowSet):
        previous = state.now_question_id
        ids = (previous,) if previous is not None else ()
        return ids + ((event.question_id,) if event.question_id is not None else ())
    return ()


def _changes(batch: Batch, state: State, now: int) -> Any:
    seq = state.seq
    for question_id, was_public in batch.questions_were_public.items():
        question = state.questions[question_id]
        frame = p.encode(p.QuestionChanged(seq=seq, question=views.question(question)))
        yield HOSTS, frame
        author = question.author_id
        author_is_participant = author is not None and state.identities[author].role != "host"
        if question.public:
            yield PUBLIC, frame
        elif was_public:
            yield Audience("public_except", author), p.encode(p.Removed(seq=seq, id=question_id))
            if author_is_participant:
                yield Audience("identity", author), frame
        elif author_is_participant:
            yield Audience("identity", author), frame
    if batch.vote_questions:
        counts = {q: state.questions[q] for q in sorted(batch.vote_questions)}
        yield HOSTS, p.encode(p.Votes(seq=seq, counts={str(i): q.votes for i, q in counts.items()}))
        public = {str(i): q.votes for i, q in counts.items() if q.public}
        if public:
            yield PUBLIC, p.encode(p.Votes(seq=seq, counts=public))
    # the end first: the timer it pauses is then read as the end's, not a host's pause
    session_first = batch.session and batch.ends_session
    if session_first:
        yield ALL, _session_frame(seq, state)
    if batch.timer:
        # before `now`: a client that says "now answering ..." as it applies `now` has the
        # new answer's timer by then, not the last one's
        yield ALL, p.encode(p.TimerChanged(seq=seq, timer=views.timer(state, now)))
    if batch.now:
        yield (
            ALL,
            p.encode(
                p.NowChanged(
                    seq=seq, question_id=state.now_question_id, panelist_id=state.now_panelist_id
                )
            ),
        )
    if batch.panel:
        yield ALL, p.encode(p.Panel(seq=seq, panelists=views.panelists(state, now)))
    for note_id in batch.notes:
        yield HOSTS, p.encode(p.NoteAdded(seq=seq, note=views.note(state.notes[note_id - 1])))
    if batch.session and not session_first:
        yield ALL, _session_frame(seq, state)


def _session_frame(seq: int, state: State) -> bytes:
    return p.encode(
        p.SessionChanged(seq=seq, session=views.session_info(state), settings=views.settings(state))
    )
