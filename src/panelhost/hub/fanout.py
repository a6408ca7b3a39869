"""Fan-out: what each audience must be sent after a batch of events, encoded once per audience."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core import visibility as core
from panelhost.core.delta import Delta
from panelhost.core.model import Question, State
from panelhost.core.visibility import visible_to
from panelhost.hub import offer_frames
from panelhost.hub.frame_audience import ALL, HOSTS, PUBLIC, Audience
from panelhost.hub.revisions import for_older


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

    delta: Delta = field(default_factory=Delta)
    """What its events touched (`apply` notes it): what its change frames are built from."""
    presence: bool = False
    """The number of participants changed: everyone gets `presence`."""
    host_presence: bool = False
    """The number of host screens changed: hosts get `presence` (with `hosts`)."""
    replies: list[Reply] = field(default_factory=list)
    wrote: bool = False
    frames: list[tuple[Audience, bytes]] = field(default_factory=list)
    closed: bool = False
    """Encoded (frames and replies built)."""
    changes_sent: bool = False
    """Its changes went out as it closed, before its fsync (only `ok`s wait for that)."""

    @property
    def ends_session(self) -> bool:
        return self.delta.ended

    @property
    def has_welcome(self) -> bool:
        """A welcome's snapshot and registration must follow every change before it."""
        return any(not isinstance(reply.frame, bytes) for reply in self.replies)

    def close(self, state: State, now: int, participants: int, hosts: int) -> None:
        """Encode this batch's changes from `state` (which reflects every event in it).

        The hub calls it once, as the batch closes (when nothing is held back ahead of it)
        or when the committer takes it: either way the state is the batch's own, welcomes
        built then show it, and the frames are encoded once per audience.
        """
        self.closed = True
        self.frames = list(_changes(self.delta, state, now))
        if self.presence or self.host_presence:
            presence = p.Presence(seq=state.seq, participants=participants, hosts=hosts)
            self.frames.append((HOSTS, p.encode(presence)))
        if self.presence:  # participants' frames carry no `hosts`: byte for byte revision 2
            presence = p.Presence(seq=state.seq, participants=participants)
            self.frames.append((PUBLIC, p.encode(presence)))
        for reply in self.replies:
            reply.data = reply.frame if isinstance(reply.frame, bytes) else reply.frame(state)

    def absorb(self, later: Batch) -> None:
        """Take in a later batch that closed while this one still waits for its fsync.

        The two then go out as one: one frame per audience and change however many loop
        turns filled them, so a busy hub sends fewer, fuller frames, and an idle one is not
        held back (a batch alone is never kept waiting for company).
        """
        self.delta.merge(later.delta)
        self.presence = self.presence or later.presence
        self.host_presence = self.host_presence or later.host_presence
        self.replies.extend(later.replies)
        self.wrote = self.wrote or later.wrote


def _changes(delta: Delta, state: State, now: int) -> Iterator[tuple[Audience, bytes]]:
    seq = state.seq
    for question_id, was_public in delta.questions.items():
        yield from _question_changes(state, state.questions[question_id], was_public)
    if delta.votes:
        counts = {q: state.questions[q] for q in sorted(delta.votes)}
        yield HOSTS, p.encode(p.Votes(seq=seq, counts={str(i): q.votes for i, q in counts.items()}))
        public = {str(i): q.votes for i, q in counts.items() if visible_to(q, core.EVERYONE)}
        if public:
            yield PUBLIC, p.encode(p.Votes(seq=seq, counts=public))
    # the end first: the timer it pauses is then read as the end's, not a host's pause
    session_first = delta.session and delta.ended
    if session_first:
        yield from _session_frames(state, seq)
    if delta.timer:
        # before `now`: a client that says "now answering ..." as it applies `now` has the
        # new answer's timer by then, not the last one's
        yield ALL, p.encode(p.TimerChanged(seq=seq, timer=views.timer(state, now)))
    if delta.now:
        yield (
            ALL,
            p.encode(
                p.NowChanged(
                    seq=seq, question_id=state.now_question_id, panelist_id=state.now_panelist_id
                )
            ),
        )
    if delta.panel:
        yield ALL, p.encode(p.Panel(seq=seq, panelists=views.panelists(state, now)))
    for note_id in delta.notes:
        yield HOSTS, p.encode(p.NoteAdded(seq=seq, note=views.note(state.notes[note_id - 1])))
    yield from offer_frames.frames(delta.offers, delta.follow_ups, state, seq)
    if delta.session and not session_first:
        yield from _session_frames(state, seq)


def _session_frames(state: State, seq: int) -> Iterator[tuple[Audience, bytes]]:
    """One `session` frame for everyone, or, while the session is open for questions, one
    for clients of revision 3 and one that reads as live for older ones."""
    session, settings = views.session_info(state), views.settings(state)
    frame = p.encode(p.SessionChanged(seq=seq, session=session, settings=settings))
    if session.status != "open_for_questions":
        yield ALL, frame
        return
    older = p.SessionChanged(seq=seq, session=for_older(session), settings=settings)
    yield Audience("revision3"), frame
    yield Audience("older"), p.encode(older)


def _question_changes(
    state: State, question: Question, was_public: bool
) -> Iterator[tuple[Audience, bytes]]:
    """One question's frames: to each group that may see it now, and a `removed` to those
    who could see it before and no longer may (`core.visibility` decides both)."""
    seq = state.seq
    frame = p.encode(p.QuestionChanged(seq=seq, question=views.question(question)))
    if visible_to(question, core.HOSTS):
        yield HOSTS, frame
    author = question.author_id
    if visible_to(question, core.EVERYONE):
        yield PUBLIC, frame  # the author among them
        return
    if was_public:
        yield Audience("public_except", author), p.encode(p.Removed(seq=seq, id=question.id))
    if author is None:
        return
    role = state.identities[author].role
    if role != "host" and visible_to(question, core.Audience(role, author)):
        yield Audience("identity", author), frame  # hosts have it already
