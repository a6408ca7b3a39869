"""Issue 5's target: load a 3-hour transcript (2,000 questions, 200,000 events), ready to replay.

The transcript is built from a synthetic session (benchmarks/sessiongen.py) and saved with
the project's own functions; the timed part is `load_transcript` (strict decode and checks)
plus `replay_state` (folding every event), which is what opening a replay does.

    python -m benchmarks.transcript
"""

from __future__ import annotations

import argparse
import contextlib
import time
from typing import Any

from benchmarks.common import sessions_root, table, write_result
from benchmarks.sessiongen import synthetic_session
from panelhost.transcript import build_transcript, load_transcript, replay_state, save_transcript


def run(events: int, questions: int, repeats: int = 3) -> dict[str, Any]:
    made = synthetic_session(events=events, questions=questions, hours=3.0)
    path = sessions_root(False) / "benchmark.json"
    save_transcript(build_transcript(made), path)
    loads, folds, totals = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        transcript = load_transcript(path)
        loaded = time.perf_counter()
        state = replay_state(transcript)
        done = time.perf_counter()
        loads.append(loaded - start)
        folds.append(done - loaded)
        totals.append(done - start)
    assert len(state.questions) == questions

    def median(values: list[float]) -> float:
        return round(sorted(values)[len(values) // 2], 3)

    return {
        "events": len(transcript.events),
        "questions": len(state.questions),
        "file_mib": round(path.stat().st_size / 2**20, 1),
        "load_s": median(loads),
        "fold_s": median(folds),
        "total_s": median(totals),
    }


def report(r: dict[str, Any]) -> str:
    return "transcript load + replay (goal: <= 1 s)\n" + table(
        ["events", "questions", "MiB", "load s", "fold s", "total s"],
        [[r["events"], r["questions"], r["file_mib"], r["load_s"], r["fold_s"], r["total_s"]]],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--name", default="transcript")
    args = parser.parse_args(argv)
    result = run(args.events, args.questions)
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
