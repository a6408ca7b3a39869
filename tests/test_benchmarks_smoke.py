"""A tiny run of every benchmark so the harness cannot rot (no timing assertions)."""

from __future__ import annotations

import socket

from benchmarks import bursts, capacity, fanout, hostview, journal, storm, transcript


async def test_fanout_measures_floor_and_hub_with_raw_and_link_clients() -> None:
    raw = await fanout.run([5], trials=2)
    assert [row["server"] for row in raw["rows"]] == ["floor", "hub (tmpfs)", "hub (disk)"]
    assert all(row["delivery"]["samples"] == 10 for row in raw["rows"])
    assert all(low <= high for low, high in (row["p99_vs_floor_ci95"] for row in raw["rows"]))
    link = await fanout.run([5], trials=2, client_kind="link", with_disk=False)
    assert link["rows"][1]["delivery"]["samples"] == 10
    assert "p99/floor" in fanout.report(raw)


async def test_storm_ends_with_exact_counts_everywhere() -> None:
    result = await storm.run(clients=10, rate=100, seconds=1, questions=3, tmpfs=True)
    assert result["votes_acked"] == result["votes_sent"] > 0
    assert result["clients_with_wrong_final_counts"] == 0
    assert result["hub_counts_match_ledger"]
    assert result["votes_not_seen_by_all"] == 0
    assert storm.report(result)


async def test_capacity_and_bursts_with_kill_and_resume() -> None:
    cap = await capacity.run(20, tmpfs=True)
    assert [row["connected"] for row in cap["rows"]] == [20, 20]
    burst = await bursts.run(10, tmpfs=True)
    assert [join["welcomed"] for join in burst["join"]] == [10, 10]
    assert burst["resume"]["resumed_same_identity"] == 10
    assert capacity.report(cap) and bursts.report(burst)


async def test_host_tui_attached() -> None:
    result = await hostview.run(clients=5, trials=2, storm_seconds=0.5, rate=20)
    assert [row["server"] for row in result["fanout"]] == ["hub (disk)", "hub (disk) + host TUI"]
    assert result["storm_with"]["host_app_flushes_per_s"] > 0
    assert hostview.report(result)


def test_journal_and_transcript() -> None:
    result = journal.run(seconds=0.2, events=2_000)
    assert all(group["acked_votes"] > 0 for group in result["group_commit"])
    assert result["recovery"]["events"] == 2_000
    loaded = transcript.run(events=2_000, questions=20, repeats=1)
    assert loaded["questions"] == 20
    assert journal.report(result) and transcript.report(loaded)


async def test_web_page_size_and_fanout_under_page_loads() -> None:
    from benchmarks import web

    size = web.page_size()
    assert size["bytes"] > size["gzip_bytes"] > 0
    result = await web.fanout_under_page_loads(n=20, trials=8, rate=20, blocks=1)
    assert result["quiet"]["samples"] > 0 and result["page_loads"]["samples"] > 0
    assert result["loader"][0]["loads"] > 0 and result["loader"][0]["failed"] == 0
    assert web.report({"size": size, "fanout": result})


def test_the_page_load_process_stopped_at_once_still_says_what_it_did():
    """Stopped right after it starts (a busy machine starts it late, at nice 19), the page
    loader still prints its result line: CI once lost the web benchmark to a SIGTERM that came
    before its handler was in place."""
    from benchmarks.web import start_loader, stop_loader

    with socket.socket() as unused:  # a port nothing listens on: every load fails, quickly
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = stop_loader(start_loader(port, rate=50))
    assert set(result) == {"loads", "failed", "seconds", "per_second"}
    assert result["loads"] == 0
