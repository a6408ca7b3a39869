"""`panelhost join --plain` as a real subprocess with piped stdin and stdout."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from panelhost import protocol as p
from panelhost.hub import Hub, HubConfig

from .linkkit import OpenLink

MARKUP = "[bold red]x[/] [link=https://example.org]y[/link] \x1b[31mred"


class PlainProcess:
    """A running `panelhost join --plain`, read line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self.stderr = ""

    async def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()

    async def expect(self, fragment: str, timeout: float = 15) -> str:
        """Read lines until one contains `fragment`; returns it."""
        assert self.process.stdout is not None
        async with asyncio.timeout(timeout):
            while True:
                raw = await self.process.stdout.readline()
                if not raw:
                    raise AssertionError(f"output ended before {fragment!r}: {self.lines}")
                line = raw.decode().rstrip("\n")
                self.lines.append(line)
                if fragment in line:
                    return line

    async def finish(self, timeout: float = 15) -> int:
        assert self.process.stdin is not None
        if not self.process.stdin.is_closing():
            self.process.stdin.close()
        async with asyncio.timeout(timeout):
            rest, err = await self.process.communicate()
        self.lines.extend(rest.decode().splitlines())
        self.stderr = err.decode()
        assert self.process.returncode is not None
        return self.process.returncode


@pytest.fixture
async def plain(tmp_path: Path) -> AsyncIterator[object]:
    started: list[PlainProcess] = []

    async def start(*args: str) -> PlainProcess:
        env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONUNBUFFERED": "1"}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "panelhost",
            "join",
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        started.append(PlainProcess(process))
        return started[-1]

    yield start
    for running in started:
        if running.process.returncode is None:
            running.process.kill()
            await running.process.wait()


async def test_plain_session_from_joining_to_the_end(hub: Hub, open_link: OpenLink, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    joined = await client.expect("Joined")
    assert joined.startswith("Joined EM alumni panel as Ana")

    await client.send("ask How did you choose EM?")
    assert await client.expect("Sent:") == "Sent: your question 1 is in the queue."

    ben = await open_link(hub, name="Ben")
    assert isinstance(await ben.ask(MARKUP), p.Ok)
    shown = await client.expect("New question 2")
    # markup shows literally; the escape character never reaches the terminal
    assert "[bold red]x[/] [link=https://example.org]y[/link]" in shown
    assert "\x1b" not in shown

    await client.send("vote 2")
    assert await client.expect("You voted") == "You voted for question 2; it has 1 vote."
    await client.send("unvote 2")
    await client.expect("You took back your vote on question 2.")
    await client.send("vote 99")
    assert await client.expect("Not voted") == (
        "Not voted: There is no question 99; check its number in the list."
    )
    await client.send("list")
    await client.expect("Question 1, 0 votes, yours, from Ana: How did you choose EM?")

    host = await open_link(hub, role="host", name="Maya")
    assert isinstance(await host.request(p.SetNow(question_id=1, panelist_id=1)), p.Ok)
    now = await client.expect("Now answering")
    assert now.startswith("Now answering question 1; Dr. Rivera speaking")
    assert isinstance(await host.request(p.End()), p.Ok)
    await client.expect("The session has ended.")
    assert await client.finish() == 0


async def test_plain_says_each_answer_with_its_own_fresh_timer(
    hub: Hub, open_link: OpenLink, plain
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    ana = await open_link(hub, name="Ana")
    first = await ana.ask("How did you choose EM?")
    second = await ana.ask("What is a typical week like?")
    assert isinstance(first, p.Ok) and isinstance(second, p.Ok)
    client = await plain(hub.url, hub.code, "--name", "Ben", "--plain")
    await client.expect("Joined")
    assert isinstance(await host.request(p.SetNow(question_id=first.id, panelist_id=1)), p.Ok)
    await client.expect("Now answering question 1; Dr. Rivera speaking; 2 minutes left")
    assert isinstance(await host.request(p.TimerRequest(action="pause")), p.Ok)
    await client.expect("Timer paused")
    assert isinstance(await host.request(p.SetNow(question_id=second.id, panelist_id=1)), p.Ok)
    started = await client.expect("Timer ")
    assert started == "Timer started: 2 minutes for Dr. Rivera."  # not "resumed"
    now = await client.expect("Now answering")
    assert now.startswith("Now answering question 2; Dr. Rivera speaking; 2 minutes left;")
    assert isinstance(await host.request(p.MarkAnswered(question_id=second.id)), p.Ok)
    await client.expect("Question 2 was answered.")
    assert await client.expect("Timer stopped") == "Timer stopped."
    assert await client.expect("No question") == "No question on stage now."
    assert not any("speaking" in line for line in client.lines[-3:])


async def test_plain_script_ends_with_its_input(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.send("ask one")
    await client.send("ask --anonymous two")
    await client.send("bogus")
    assert await client.finish() == 0
    assert "Sent: your question 2 is in the queue." in client.lines
    assert "Unknown command bogus; type help for the list." in client.lines
    assert [q.author_name for q in hub.session.state.questions.values()] == ["Ana", None]


async def test_plain_rejoin_keeps_the_identity(hub: Hub, plain) -> None:
    first = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await first.send("ask mine")
    await first.expect("Sent:")
    assert await first.finish() == 0
    again = await plain(hub.url, hub.code, "--plain")  # no --name: the remembered one
    await again.expect("as Ana")
    await again.send("mine")
    await again.expect("Question 1, 0 votes, yours, from Ana: mine")
    assert await again.finish() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("WRONG",), "wrong join code; check it with the host"),
        (("--bad-url",), "use a ws:// or wss:// URL"),
    ],
)
async def test_bad_input_is_one_line_and_exit_2(hub: Hub, plain, args, message) -> None:
    if args == ("--bad-url",):
        client = await plain("http://127.0.0.1/ws", hub.code, "--name", "Ana", "--plain")
    else:
        client = await plain(hub.url, *args, "--name", "Ana", "--plain")
    assert await client.finish() == 2
    err = client.stderr
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


async def test_plain_outage_is_said_once_and_a_queued_ask_says_so(tmp_path: Path, plain) -> None:
    sessions = tmp_path / "sessions"
    hub = await Hub.start(HubConfig(sessions_dir=sessions, port=0, title="Panel"))
    port, session_id, code = hub.port, hub.session_id, hub.code
    try:
        client = await plain(hub.url, code, "--name", "Ana", "--plain")
        await client.expect("Joined")
        await hub.stop()
        await client.expect("Connection lost; reconnecting...")
        await client.send("ask asked during the outage?")
        queued = await client.expect("Not connected")
        assert queued == "Not connected; your question will be sent when the connection is back."
        hub = await Hub.start(
            HubConfig(sessions_dir=sessions, port=port, title="Panel", resume=session_id)
        )
        await client.expect("Reconnected; the queue is up to date.")
        assert await client.expect("Sent:") == "Sent: your question 1 is in the queue."
        assert await client.finish() == 0
        assert client.lines.count("Connection lost; reconnecting...") == 1
    finally:
        await hub.stop()


# -- what a person saw (issue 11, "Also seen: plain client") ----------------------------------


async def test_list_counts_exactly_what_it_lists_under_moderation(
    make_hub, open_link: OpenLink, plain
) -> None:
    hub = await make_hub(moderation=True)
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("ask Mine, pending?")
    await client.expect("Sent: your question 1 is awaiting approval.")
    await client.send("list")
    # seen: "No questions yet" followed by one
    assert await client.expect("queue") == "No questions in the queue yet."
    assert await client.expect("Your") == "Your question not in the queue:"
    assert (await client.expect("Question 1")).startswith("Question 1, 0 votes, awaiting")

    host = await open_link(hub, role="host", name="Maya")
    ben = await open_link(hub, name="Ben")
    for question_id in (1, (await ben.ask("Night shifts?")).id):  # type: ignore[union-attr]
        assert isinstance(await host.request(p.Approve(question_id=question_id)), p.Ok)
    await client.expect("New question 2")
    await client.send("ask Another of mine?")
    await client.expect("Sent: your question 3 is awaiting approval.")
    await client.send("list")
    # seen: "4 questions" and five listed
    header = await client.expect("most votes first")
    start = len(client.lines)
    await client.expect("not in the queue:")
    listed = client.lines[start:-1]
    assert header == "2 questions, most votes first:" and len(listed) == 2, client.lines
    assert (await client.expect("Question 3")).startswith("Question 3, 0 votes, awaiting")


async def test_joining_counts_the_open_questions_in_the_queue(
    hub: Hub, open_link: OpenLink, plain
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    ben = await open_link(hub, name="Ben")
    for text in ("One?", "Two?", "Three?", "Four?"):
        assert isinstance(await ben.ask(text), p.Ok)
    assert isinstance(await host.request(p.MarkAnswered(question_id=4)), p.Ok)
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    joined = await client.expect("Joined")
    # seen: "4 questions in the queue" when 3 are open
    assert joined.startswith("Joined EM alumni panel as Ana: 3 questions in the queue, 1 answered")
    assert await client.finish() == 0


@pytest.mark.parametrize(
    ("typed", "asked"),
    [("- dash", "- dash"), ("-- -x", "-x"), ("-x y", "-x y"), ("-a -- --to 2", "--to 2")],
)
async def test_ask_takes_dashes_as_written(hub: Hub, plain, typed: str, asked: str) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send(f"ask {typed}")
    assert await client.expect("Sent:") == "Sent: your question 1 is in the queue."
    assert [q.text for q in hub.session.state.questions.values()] == [asked]
    assert await client.finish() == 0


async def test_ask_to_without_a_number_says_what_to_type(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("ask --to Rivera why?")
    assert await client.expect("--to") == (
        "Give a panelist's number after --to, like: ask --to 2 TEXT (see: panel)"
    )
    assert await client.finish() == 0
    assert hub.session.state.questions == {}


async def test_voting_for_my_own_question_says_one_line(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("ask Mine?")
    await client.expect("Sent:")
    await client.send("vote 1")
    await client.send("panel")  # a line that comes after everything the vote could say
    await client.expect("Panelist 2")
    said = [line for line in client.lines if "vote" in line]
    assert said == ["You voted for question 1; it has 1 vote."], client.lines
    assert await client.finish() == 0


async def test_quit_says_goodbye(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("quit")
    assert await client.finish() == 0
    assert client.lines[-1] == (
        "You left EM alumni panel; your questions and votes stay. Join again to come back."
    )


async def test_ctrl_c_says_goodbye(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("panel")
    await client.expect("Panelist 2")  # reading commands
    client.process.send_signal(signal.SIGINT)
    await client.expect("You left EM alumni panel")
    assert await client.finish() == 130
    assert "Traceback" not in client.stderr


@pytest.mark.parametrize("paused", [True, False], ids=["paused", "running"])
async def test_the_end_says_where_the_notes_are_and_no_spurious_timer_line(
    hub: Hub, open_link: OpenLink, plain, paused: bool
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("ask How did you choose EM?")
    await client.expect("Sent:")
    assert isinstance(await host.request(p.SetNow(question_id=1, panelist_id=1)), p.Ok)
    await client.expect("Now answering")
    if paused:
        assert isinstance(await host.request(p.TimerRequest(action="pause")), p.Ok)
        await client.expect("Timer paused")
    start = len(client.lines)
    assert isinstance(await host.request(p.End()), p.Ok)
    await client.expect("The session has ended.")
    # seen: "Time changed" just before "The session has ended"; and in a rehearsal, with
    # the timer running: "Timer paused: 1 minute 4 seconds over time for Dr. Ana Rivera."
    assert not any(line.startswith(("Time", "Timer")) for line in client.lines[start:])
    notes = await client.expect("notes")
    assert (
        notes
        == f"The host keeps the notes (panelhost export {hub.session_id}): ask them for a copy."
    )
    assert await client.finish() == 0


async def test_my_withdrawn_question_stays_withdrawn_after_a_restart(hub: Hub, plain) -> None:
    # rehearsal: `withdraw 3` printed "Your question 3 was dismissed." before "You withdrew
    # question 3.", and `list` said "dismissed" (the wire has one status for both)
    first = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await first.send("ask Oops, wrong one")
    await first.expect("Sent:")
    await first.send("withdraw 1")
    await first.expect("You withdrew question 1.")
    await first.send("list")
    await first.expect("Question 1, 0 votes, withdrawn, yours, from Ana: Oops, wrong one")
    assert await first.finish() == 0
    assert not any("dismissed" in line for line in first.lines), first.lines
    again = await plain(hub.url, hub.code, "--plain")  # the remembered Ana
    await again.expect("as Ana")
    await again.send("list")
    await again.expect("Question 1, 0 votes, withdrawn, yours, from Ana: Oops, wrong one")
    assert await again.finish() == 0


async def test_plain_in_a_session_open_for_questions(make_hub, open_link: OpenLink, plain) -> None:
    hub = await make_hub(opens_early=True)
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    joined = await client.expect("Joined")
    assert "open for questions: the panel has not started yet: ask and vote now." in joined
    await client.send("ask Night shifts: how do you study?")
    await client.expect("Sent:")
    await client.send("list")
    listed = await client.expect("Question 1,")
    assert listed.endswith("asked before the panel: Night shifts: how do you study?")
    host = await open_link(hub, role="host", name="Maya")
    assert isinstance(await host.request(p.GoLive()), p.Ok)
    await client.expect("The panel has started: the session is live.")
    assert isinstance(await host.request(p.End()), p.Ok)
    await client.expect("The session has ended.")
    assert await client.finish() == 0


async def test_plain_offers_and_a_follow_up(hub: Hub, open_link: OpenLink, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    host = await open_link(hub, role="host", name="Maya")
    offer = p.OfferRequest(panelist_id=1, text="Read three personal statements", places=1)
    assert isinstance(await host.request(offer), p.Ok)
    announced = await client.expect("New offer 1")
    assert announced == (
        "New offer 1, Dr. Rivera: Read three personal statements (1 of 1 place left)."
        " Follow up with: follow 1 EMAIL"
    )
    await client.send("follow 1 not-an-address hello")  # no @: the message, no email
    sent = await client.expect("Sent: follow-up 1")
    assert "only the hosts see it" in sent
    await client.send("follow 1 ana@example.org")
    assert "Not sent: You follow up on offer 1 already" in await client.expect("Not sent")
    await client.send("follow panelist 2 ana@example org")
    await client.expect("Not sent:")
    await client.send("follow panelist 2 " + "y" * 600)  # the hub's words say what to do once
    too_long = await client.expect("Not sent: The message is 600")
    assert too_long == "Not sent: The message is 600 characters; shorten it to 500."
    await client.send("offers")
    await client.expect("Offer 1, Dr. Rivera: Read three personal statements (no places left)")
    await client.send("unfollow 1")
    await client.expect("You withdrew follow-up 1.")
    assert hub.session.state.follow_ups[1].withdrawn
    await client.send("quit")
    assert await client.finish() == 0


async def test_plain_reads_out_mine_panel_and_now(hub: Hub, plain) -> None:
    client = await plain(hub.url, hub.code, "--name", "Ana", "--plain")
    await client.expect("Joined")
    await client.send("mine")
    await client.expect("You have not asked anything yet. Ask with: ask TEXT")
    await client.send("panel")
    assert (await client.expect("Panelist 1")).startswith("Panelist 1: Dr. Rivera")
    await client.expect("Panelist 2: Dr. Chen")
    await client.send("now")
    await client.expect("EM alumni panel: 1 online.")
    assert await client.finish() == 0
