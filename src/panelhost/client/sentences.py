"""Changes as short, self-contained sentences, for the plain client and screen readers."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import (
    STATUS_WORDS,
    author_words,
    printable,
    timer_words,
)
from panelhost.core.durations import spoken_duration
from panelhost.core.early import ASKED_EARLY_WORDS, OPEN_FOR_QUESTIONS


def question_line(mirror: Mirror, question: p.Question) -> str:
    """One question for a list: `Question 12, 5 votes, you voted, from Ana: text.`"""
    votes = f"{question.votes} vote" + ("" if question.votes == 1 else "s")
    parts = [f"Question {question.id}", votes]
    if question.status == "dismissed" and question.id in mirror.my_withdrawn:
        parts.append("withdrawn")
    elif question.status != "open":
        parts.append(STATUS_WORDS[question.status])
    if question.id in mirror.my_votes:
        parts.append("you voted")
    if question.id in mirror.my_questions:
        parts.append("yours")
    parts.append(f"from {author_words(question.author)}")
    panelist = mirror.panelist(question.panelist_id)
    if panelist is not None:
        parts.append(f"for {printable(panelist.name)}")
    if question.asked_early:
        parts.append(ASKED_EARLY_WORDS)
    return ", ".join(parts) + f": {printable(question.text)}"


def _near(a_ms: int, b_ms: int) -> bool:
    """Within a second: what a frame's trip takes off a running timer's remaining time."""
    return abs(a_ms - b_ms) < 1000


def full_stop(sentence: str) -> str:
    """End a sentence with a full stop, unless it ends in one already (or in ? or !)."""
    return sentence if sentence.endswith((".", "?", "!")) else sentence + "."


def now_sentence(mirror: Mirror, now: float) -> str:
    """What is on stage: `Now answering question 3; Dr. Rivera speaking; 2 minutes left; ...`.

    One sentence with its full stop (a question that ends in "?" gets no extra ".").
    """
    question = mirror.on_stage()
    speaker = mirror.speaker()
    parts = [f"Now answering question {question.id}" if question else "No question on stage"]
    if speaker is not None:
        parts.append(f"{printable(speaker.name)} speaking")
    timer = timer_words(mirror, now, spoken=True)
    if timer:
        parts.append(timer)
    sentence = "; ".join(parts)
    if question is not None:
        sentence += f"; question: {printable(question.text)}"
    return full_stop(sentence)


class Announcer:
    """Turns each change (after the mirror applied it) into sentences; remembers what it said."""

    def __init__(self, mirror: Mirror) -> None:
        self.mirror = mirror
        self._statuses: dict[int, tuple[str, str, int]] = {}
        self._timer = p.Timer()
        self._panel: dict[int, str] = {}
        self._session: tuple[str, bool, bool] = ("", False, True)
        self._before_panel = False
        self._warned: tuple[p.Timer | None, str] = (None, "")
        """The timer last warned about (the object, not its id: ids are reused) and how."""
        self.own_votes: set[int] = set()
        """Questions of mine I am voting on now: my command's reply says their count."""
        self.reset()

    def reset(self, now: float | None = None) -> None:
        """Take the mirror as known (after a welcome): nothing in it is news.

        Given `now`, a running timer's wrap-up or overtime at that moment is known too, so a
        reconnect does not announce again what was said before it.
        """
        mirror = self.mirror
        phase = self._phase(now) if now is not None else ""
        self._warned = (mirror.timer, phase) if phase else (None, "")
        self._statuses = {q.id: (q.status, q.text, q.votes) for q in mirror.questions.values()}
        self._timer = mirror.timer
        self._panel = {x.id: x.name for x in mirror.panelists.values()}
        self._session = (
            mirror.title,
            mirror.settings.moderation,
            mirror.settings.anonymous_allowed,
        )
        self._before_panel = mirror.session is not None and mirror.session.status == (
            OPEN_FOR_QUESTIONS
        )

    def describe(self, change: p.Change, now: float) -> list[str]:
        """Sentences for one change that the mirror has just applied."""
        if isinstance(change, p.QuestionChanged):
            return self._question(change.question)
        if isinstance(change, p.Removed):
            known = self._statuses.pop(change.id, None)
            return [f"Question {change.id} was removed from the queue."] if known else []
        if isinstance(change, p.Votes):
            return self._votes(change.counts)
        if isinstance(change, p.NowChanged):
            if change.question_id is None and change.panelist_id is None:
                return ["No question on stage now."]
            return [now_sentence(self.mirror, now)]
        if isinstance(change, p.TimerChanged):
            return self._timer_change(change.timer)
        if isinstance(change, p.Panel):
            return self._panel_change(change.panelists)
        if isinstance(change, p.SessionChanged):
            return self._session_change(change)
        return []

    def tick(self, now: float) -> list[str]:
        """Sentences the passing of time causes: wrap-up and overtime of a running timer."""
        timer = self.mirror.timer
        phase = self._phase(now)
        warned_timer, warned_phase = self._warned
        if not phase or (warned_timer is timer and warned_phase in (phase, "overtime")):
            return []
        self._warned = (timer, phase)
        remaining = self.mirror.remaining_ms(now)
        speaker = self.mirror.speaker()
        who = printable(speaker.name) if speaker else "the speaker"
        if phase == "overtime":
            return [f"Time is up: {who} is now over time."]
        return [f"Wrap up: {spoken_duration(remaining)} left for {who}."]

    def _phase(self, now: float) -> str:
        """`wrap-up` or `overtime` for a running timer at `now`, else ""."""
        reading = self.mirror.reading(now)
        if reading.state != "running":
            return ""
        return {"wrapup": "wrap-up", "overtime": "overtime"}.get(reading.phase, "")

    # -- one kind of change each ---------------------------------------------------------

    def _question(self, question: p.Question) -> list[str]:
        known = self._statuses.get(question.id)
        self._statuses[question.id] = (question.status, question.text, question.votes)
        mine = question.id in self.mirror.my_questions
        subject = f"Your question {question.id}" if mine else f"Question {question.id}"
        text = printable(question.text)
        if known is None:
            if question.status == "pending":
                return [f"Your question {question.id} is awaiting approval: {text}"]
            if question.status == "dismissed":
                return [f"Your question {question.id} was dismissed: {text}"]
            panelist = self.mirror.panelist(question.panelist_id)
            to = f" for {printable(panelist.name)}" if panelist else ""
            if question.author is None:
                return [f"New anonymous question {question.id}{to}: {text}"]
            return [f"New question {question.id} from {printable(question.author)}{to}: {text}"]
        status, old_text, _votes = known
        sentences = []
        if old_text != question.text:
            sentences.append(f"{subject} was edited: {text}")
        withdrawn = question.status == "dismissed" and question.id in self.mirror.my_withdrawn
        if status != question.status and not withdrawn:  # my command's reply says that one
            sentences.extend(self._status_change(subject, status, question.status))
        return sentences

    @staticmethod
    def _status_change(subject: str, old: str, new: str) -> list[str]:
        if new == "open":
            verb = {
                "pending": "was approved and is in the queue",
                "dismissed": "was restored to the queue",
                "answered": "was reopened",
                "answering": "is back in the queue",
            }.get(old, "is open")
            return [f"{subject} {verb}."]
        if new == "answered":
            return [f"{subject} was answered."]
        if new == "dismissed":
            return [f"{subject} was dismissed."]
        return []  # answering: the `now` change says it

    def _votes(self, counts: dict[str, int]) -> list[str]:
        sentences = []
        for raw_id, votes in counts.items():
            question_id = int(raw_id)
            known = self._statuses.get(question_id)
            if known is None or known[2] == votes:
                continue
            self._statuses[question_id] = (known[0], known[1], votes)
            if question_id in self.mirror.my_questions and question_id not in self.own_votes:
                plural = "" if votes == 1 else "s"
                sentences.append(f"Your question {question_id} has {votes} vote{plural}.")
        return sentences

    def _timer_change(self, timer: p.Timer) -> list[str]:
        old, self._timer = self._timer, timer
        if timer == old:
            return []  # sent again with the stage or the end: nothing changed
        if self.mirror.ended:
            return []  # the end pauses a running timer: "The session has ended" says it all
        speaker = self.mirror.panelist(timer.panelist_id)
        for_whom = f" for {printable(speaker.name)}" if speaker else ""
        if timer.state == "idle":
            return ["Timer stopped."] if old.state != "idle" else []
        left = (
            f"{spoken_duration(timer.remaining_ms)} left"
            if timer.remaining_ms > 0
            else f"{spoken_duration(timer.remaining_ms)} over time"
        )
        same = old.state != "idle" and old.panelist_id == timer.panelist_id
        if timer.state == "paused":
            if old.state == "paused" and same:
                return [f"Time changed: {left}{for_whom}."]
            return [f"Timer paused: {left}{for_whom}."]
        # a whole duration left is a fresh start (a new answer), even after a pause
        if not same or _near(timer.remaining_ms, timer.duration_ms):
            return [f"Timer started: {spoken_duration(timer.duration_ms)}{for_whom}."]
        if old.state == "paused":
            return [f"Timer resumed: {left}{for_whom}."]
        return [f"Time changed: {left}{for_whom}."]

    def _panel_change(self, panelists: list[p.Panelist]) -> list[str]:
        old, self._panel = self._panel, {x.id: x.name for x in panelists}
        joined = [printable(name) for pid, name in self._panel.items() if pid not in old]
        left = [printable(name) for pid, name in old.items() if pid not in self._panel]
        return [f"{name} joined the panel." for name in joined] + [
            f"{name} left the panel." for name in left
        ]

    def _session_change(self, change: p.SessionChanged) -> list[str]:
        title, moderation, anonymous = self._session
        settings = change.settings
        self._session = (change.session.title, settings.moderation, settings.anonymous_allowed)
        sentences = []
        before_panel, self._before_panel = (
            self._before_panel,
            change.session.status == (OPEN_FOR_QUESTIONS),
        )
        if before_panel and change.session.status == "live":
            sentences.append("The panel has started: the session is live.")
        if change.session.title != title:
            sentences.append(f"The session is now called {printable(change.session.title)}.")
        if settings.moderation != moderation:
            sentences.append(
                "Moderation is on: new questions wait for a host's approval."
                if settings.moderation
                else "Moderation is off: new questions go straight to the queue."
            )
        if settings.anonymous_allowed != anonymous:
            sentences.append(
                "Anonymous questions are allowed again."
                if settings.anonymous_allowed
                else "Anonymous questions are turned off; ask with your name."
            )
        return sentences
