"""Changes as sentences for the plain client (pure: a mirror fed by hand)."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.sentences import Announcer

from .test_mirror import _question, _welcome


def _setup() -> tuple[Mirror, Announcer]:
    mirror = Mirror()
    mirror.load(_welcome([_question(1, second=1)]), at=0.0)
    return mirror, Announcer(mirror)


def _say(mirror: Mirror, announcer: Announcer, change: p.Change, at: float = 0.0) -> list[str]:
    mirror.apply(change, at)
    return announcer.describe(change, at)


def test_questions_and_their_states() -> None:
    mirror, announcer = _setup()
    new = p.Question(
        id=12, text="Why EM?", author="Ana", votes=0, status="open", asked_at="2026-11-24T18:21:00Z"
    )
    assert _say(mirror, announcer, p.QuestionChanged(seq=11, question=new)) == [
        "New question 12 from Ana: Why EM?"
    ]
    anonymous = p.Question(
        id=13,
        text="[b]x[/b]\x1b[2J",
        author=None,
        votes=0,
        status="open",
        asked_at="2026-11-24T18:21:00Z",
        panelist_id=1,
    )
    assert _say(mirror, announcer, p.QuestionChanged(seq=12, question=anonymous)) == [
        "New anonymous question 13 for Dr. Rivera: [b]x[/b]\\x1b[2J"
    ]
    answered = p.Question(
        id=1,
        text="question 1",
        author="Ana",
        votes=0,
        status="answered",
        asked_at="2026-11-24T18:20:01Z",
    )
    assert _say(mirror, announcer, p.QuestionChanged(seq=13, question=answered)) == [
        "Your question 1 was answered."
    ]
    assert _say(mirror, announcer, p.Removed(seq=14, id=12)) == [
        "Question 12 was removed from the queue."
    ]
    assert _say(mirror, announcer, p.Votes(seq=15, counts={"1": 3, "13": 2})) == [
        "Your question 1 has 3 votes."
    ]


def test_stage_and_timer() -> None:
    mirror, announcer = _setup()
    running = p.Timer(state="running", panelist_id=1, duration_ms=120_000, remaining_ms=120_000)
    assert _say(mirror, announcer, p.TimerChanged(seq=11, timer=running)) == [
        "Timer started: 2 minutes for Dr. Rivera."
    ]
    assert _say(mirror, announcer, p.NowChanged(seq=12, question_id=1, panelist_id=1)) == [
        "Now answering question 1; Dr. Rivera speaking; 2 minutes left; question: question 1."
    ]
    assert announcer.tick(95.0) == ["Wrap up: 25 seconds left for Dr. Rivera."]
    assert announcer.tick(96.0) == []
    assert announcer.tick(121.0) == ["Time is up: Dr. Rivera is now over time."]
    paused = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=-3_000)
    assert _say(mirror, announcer, p.TimerChanged(seq=13, timer=paused)) == [
        "Timer paused: 3 seconds over time for Dr. Rivera."
    ]
    idle = p.Timer(state="idle", panelist_id=None, duration_ms=120_000, remaining_ms=120_000)
    assert _say(mirror, announcer, p.TimerChanged(seq=14, timer=idle)) == ["Timer stopped."]


def test_panel_and_settings() -> None:
    mirror, announcer = _setup()
    panel = [p.Panelist(id=1, name="Dr. Rivera"), p.Panelist(id=2, name="Dr. Osei")]
    assert _say(mirror, announcer, p.Panel(seq=11, panelists=panel)) == [
        "Dr. Osei joined the panel."
    ]
    session = p.SessionInfo(id="s", title="EM alumni panel", status="live", started_at="x")
    settings = p.Settings(moderation=True, anonymous_allowed=False)
    assert _say(
        mirror, announcer, p.SessionChanged(seq=12, session=session, settings=settings)
    ) == [
        "Moderation is on: new questions wait for a host's approval.",
        "Anonymous questions are turned off; ask with your name.",
    ]


def test_a_question_ending_in_a_question_mark_gets_no_extra_full_stop() -> None:
    mirror, announcer = _setup()
    asked = p.Question(
        id=12, text="Why EM?", author="Ana", votes=0, status="open", asked_at="2026-11-24T18:21:00Z"
    )
    _say(mirror, announcer, p.QuestionChanged(seq=11, question=asked))
    assert _say(mirror, announcer, p.NowChanged(seq=12, question_id=12, panelist_id=1)) == [
        "Now answering question 12; question: Why EM?"
    ]


def test_a_resync_does_not_repeat_a_warning_already_given() -> None:
    mirror, announcer = _setup()
    running = p.Timer(state="running", panelist_id=1, duration_ms=60_000, remaining_ms=60_000)
    _say(mirror, announcer, p.TimerChanged(seq=11, timer=running))
    assert announcer.tick(61.0) == ["Time is up: Dr. Rivera is now over time."]
    # a reconnect reloads the same running timer from a new welcome: nothing new to say
    over = p.Timer(state="running", panelist_id=1, duration_ms=60_000, remaining_ms=-2_000)
    mirror.load(_welcome([_question(1, second=1)], timer=over), at=62.0)
    announcer.reset(62.0)
    assert announcer.tick(63.0) == []
    # but a timer started afresh warns again, however its object is reused
    again = p.Timer(state="running", panelist_id=1, duration_ms=60_000, remaining_ms=60_000)
    _say(mirror, announcer, p.TimerChanged(seq=12, timer=again), at=70.0)
    assert announcer.tick(131.0) == ["Time is up: Dr. Rivera is now over time."]


def test_hub_errors_say_what_to_do() -> None:
    from panelhost.client.text import error_words

    too_long = p.Error(
        ref=None, code="too_long", message="question is 400 characters; the limit is 300"
    )
    assert error_words(too_long) == (
        "question is 400 characters; the limit is 300; shorten it and send it again"
    )
    limited = p.Error(
        ref=None, code="rate_limited", message="rate limited: you can ask again in 40 s"
    )
    assert error_words(limited) == "rate limited: you can ask again in 40 s"


def test_a_fresh_timer_after_a_paused_one_is_started_not_resumed() -> None:
    mirror, announcer = _setup()
    paused = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=107_000)
    _say(mirror, announcer, p.TimerChanged(seq=11, timer=paused))
    # the next question on stage: the same panelist, a new answer timer (a few ms gone by)
    fresh = p.Timer(state="running", panelist_id=1, duration_ms=120_000, remaining_ms=119_996)
    assert _say(mirror, announcer, p.TimerChanged(seq=12, timer=fresh)) == [
        "Timer started: 2 minutes for Dr. Rivera."
    ]
    _say(mirror, announcer, p.TimerChanged(seq=13, timer=paused))
    resumed = p.Timer(state="running", panelist_id=1, duration_ms=120_000, remaining_ms=106_998)
    assert _say(mirror, announcer, p.TimerChanged(seq=14, timer=resumed)) == [
        "Timer resumed: 1 minute 47 seconds left for Dr. Rivera."
    ]


def test_a_timer_sent_again_unchanged_says_nothing() -> None:
    mirror, announcer = _setup()
    paused = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=-20_000)
    _say(mirror, announcer, p.TimerChanged(seq=11, timer=paused))
    again = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=-20_000)
    assert _say(mirror, announcer, p.TimerChanged(seq=12, timer=again)) == []
