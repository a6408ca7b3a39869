"""The mirror alone: snapshots, changes, queue order, local countdown, speaking time."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.client.mirror import Mirror


def _question(qid: int, votes: int = 0, status: str = "open", second: int = 0) -> p.Question:
    return p.Question(
        id=qid,
        text=f"question {qid}",
        author="Ana",
        votes=votes,
        status=status,  # type: ignore[arg-type]
        asked_at=f"2026-11-24T18:20:{second:02d}.000Z",
        answered_at="2026-11-24T18:30:00.000Z" if status == "answered" else None,
    )


def _welcome(questions: list[p.Question], **state: object) -> p.Welcome:
    snapshot = p.Snapshot(
        session=p.SessionInfo(
            id="s", title="EM alumni panel", status="live", started_at="2026-11-24T18:20:00.000Z"
        ),
        settings=p.Settings(),
        panelists=[p.Panelist(id=1, name="Dr. Rivera", spoken_ms=60_000)],
        questions=questions,
        now=p.Now(),
        timer=state.get("timer", p.Timer()),  # type: ignore[arg-type]
        participants=3,
        my_votes=[2],
        my_questions=[1],
        notes=[],
    )
    return p.Welcome(
        protocol=1,
        seq=10,
        you=p.You(id="p_1", name="Ana", role="participant"),
        token="t",
        state=snapshot,
    )


def test_queue_follows_protocol_order_and_votes_rerank() -> None:
    mirror = Mirror()
    mirror.load(
        _welcome(
            [
                _question(1, votes=1, second=1),
                _question(2, votes=3, second=2),
                _question(3, status="answering", second=3),
                _question(4, status="answered", second=4),
                _question(5, status="pending", second=5),
            ]
        ),
        at=0.0,
    )
    assert [q.id for q in mirror.queue()] == [3, 2, 1, 4]
    assert [q.id for q in mirror.pending()] == [5]
    version = mirror.version
    mirror.apply(p.Votes(seq=11, counts={"1": 5}), at=1.0)
    assert mirror.version > version
    assert [q.id for q in mirror.queue()] == [3, 1, 2, 4]
    mirror.apply(p.Removed(seq=12, id=1), at=1.0)
    assert [q.id for q in mirror.queue()] == [3, 2, 4]
    mirror.apply(p.QuestionChanged(seq=13, question=_question(6, votes=9, second=6)), at=1.0)
    assert [q.id for q in mirror.queue()] == [3, 6, 2, 4]
    assert mirror.seq == 13


def test_queue_is_cached_until_something_changes() -> None:
    mirror = Mirror()
    mirror.load(_welcome([_question(i, votes=i % 7, second=i % 60) for i in range(1, 2001)]), 0)
    first = mirror.queue()
    assert mirror.queue() is first
    mirror.apply(p.Presence(seq=11, participants=4), at=0)
    assert mirror.queue() is first
    mirror.apply(p.Votes(seq=12, counts={"2000": 100}), at=0)
    assert mirror.queue()[0].id == 2000


def test_my_votes_and_questions() -> None:
    mirror = Mirror()
    mirror.load(_welcome([_question(1), _question(2)]), 0)
    assert mirror.my_votes == {2} and mirror.my_questions == {1}
    mirror.note_vote(1, True)
    mirror.note_vote(2, False)
    mirror.note_asked(7)
    assert mirror.my_votes == {1} and mirror.my_questions == {1, 7}
    assert [q.id for q in mirror.mine()] == [1]


def test_timer_counts_down_locally_into_overtime() -> None:
    mirror = Mirror()
    running = p.Timer(state="running", panelist_id=1, duration_ms=120_000, remaining_ms=5_000)
    mirror.load(_welcome([]), at=100.0)
    mirror.apply(p.TimerChanged(seq=11, timer=running), at=100.0)
    mirror.apply(p.Panel(seq=11, panelists=[p.Panelist(id=1, name="R", spoken_ms=60_000)]), 100.0)
    assert mirror.remaining_ms(101.5) == 3_500
    assert mirror.remaining_ms(107.0) == -2_000
    assert mirror.spoken_ms(1, 110.0) == 70_000
    paused = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=-2_000)
    mirror.apply(p.TimerChanged(seq=12, timer=paused), at=107.0)
    mirror.apply(p.Panel(seq=12, panelists=[p.Panelist(id=1, name="R", spoken_ms=67_000)]), 107.0)
    assert mirror.remaining_ms(200.0) == -2_000
    assert mirror.spoken_ms(1, 200.0) == 67_000


def test_now_session_and_notes() -> None:
    mirror = Mirror()
    mirror.load(_welcome([_question(3, status="answering")]), 0)
    mirror.apply(p.NowChanged(seq=11, question_id=3, panelist_id=1), 0)
    assert mirror.on_stage() is not None and mirror.on_stage().id == 3  # type: ignore[union-attr]
    assert mirror.speaker() is None  # on stage, but nobody speaks until their timer runs
    running = p.Timer(state="running", panelist_id=1, duration_ms=60_000, remaining_ms=60_000)
    mirror.apply(p.TimerChanged(seq=11, timer=running), 0)
    assert mirror.speaker() is not None and mirror.speaker().name == "Dr. Rivera"  # type: ignore[union-attr]
    ended = p.SessionInfo(id="s", title="T", status="ended", started_at="2026-11-24T18:20:00Z")
    mirror.apply(p.SessionChanged(seq=12, session=ended, settings=p.Settings()), 0)
    assert mirror.ended and mirror.title == "T"
    mirror.apply(p.NoteAdded(seq=13, note=p.Note(id=1, question_id=3, text="n", at="x")), 0)
    assert [n.text for n in mirror.notes] == ["n"]
