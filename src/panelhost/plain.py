"""The line-mode participant client: one sentence per change, commands typed as lines.

For screen readers, braille displays, dumb terminals and pipes: no cursor movement, no
colour unless asked, and it works with stdin and stdout as pipes so it can be scripted
(at the end of input it waits for its requests to be answered, then leaves).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TextIO

from panelhost import protocol as p
from panelhost.client import plain_follow
from panelhost.client.joining import JoinFailed, join_first, stop_link
from panelhost.client.lines_in import read_lines
from panelhost.client.link import Link
from panelhost.client.link_events import (
    LinkEvent,
    MirrorChanged,
    Notice,
    StatusChanged,
    Welcomed,
)
from panelhost.client.mirror import Mirror
from panelhost.client.plain_lines import (
    HELP_LINES,
    count,
    joined_line,
    left_sentence,
    list_lines,
    mine_lines,
    notes_sentence,
    now_lines,
    panel_lines,
    parse_ask,
    sentence_of,
)
from panelhost.client.sentences import Announcer, now_sentence
from panelhost.client.text import as_sentence, printable

_RED, _YELLOW, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"

READS: dict[str, Callable[[Mirror], list[str]]] = {
    "list": list_lines,
    "ls": list_lines,
    "mine": mine_lines,
    "panel": panel_lines,
}
"""The commands that only read the mirror, and their lines (`now` also reads the clock)."""


class PlainClient:
    """Prints what happens and runs typed commands, over one link."""

    def __init__(self, link: Link, out: TextIO, err: TextIO, color: bool = False) -> None:
        self.link = link
        self.mirror = link.mirror
        self.out = out
        self.err = err
        self.color = color
        self.announcer = Announcer(self.mirror)
        self._tasks: set[asyncio.Task[None]] = set()
        self._broken_pipe = False
        self._said_reconnecting = False
        """True once "reconnecting" was said for the current outage (say it once)."""
        link.add_listener(self._on_link)

    # -- output --------------------------------------------------------------------------

    def say(self, line: str, style: str = "") -> None:
        """Write one line (coloured only with --color)."""
        if self._broken_pipe:
            return
        if self.color and style:
            line = f"{style}{line}{_RESET}"
        try:
            self.out.write(line + "\n")
            self.out.flush()
        except BrokenPipeError:
            self._broken_pipe = True

    def _on_link(self, link: Link, event: LinkEvent) -> None:
        match event:
            case Welcomed():
                self.announcer.reset(time.monotonic())
                self._said_reconnecting = False
                if event.resync:
                    self.say("Reconnected; the queue is up to date.", _YELLOW)
                else:
                    self._joined()
            case MirrorChanged(change=p.OfferChanged() as offer):
                for sentence in plain_follow.offer_sentence(link, offer):
                    self.say(sentence)
            case MirrorChanged(change=change) if change is not None:
                for sentence in self.announcer.describe(change, time.monotonic()):
                    self.say(sentence, _BOLD if sentence.startswith("Now answering") else "")
            case StatusChanged(status="reconnecting"):
                # say each outage once
                if link.welcomes and not self._said_reconnecting:
                    self._said_reconnecting = True
                    self.say("Connection lost; reconnecting...", _YELLOW)
            case Notice(error=error):
                self.say(sentence_of(error), _RED)

    def _joined(self) -> None:
        mirror = self.mirror
        self.say(joined_line(mirror))
        if mirror.on_stage() is not None or mirror.timer.state != "idle":
            self.say(now_sentence(mirror, time.monotonic()))

    # -- running -------------------------------------------------------------------------

    async def run(self, lines: asyncio.Queue[str | None]) -> int:
        """Run until `quit`, the end of input, or the link stopping; returns the exit code."""
        try:
            link_task = await join_first(self.link)
        except asyncio.CancelledError:  # ctrl+c while joining, maybe just after "Joined"
            if self.mirror.loaded:
                self.say(left_sentence(self.mirror))
            raise
        except JoinFailed as exc:
            self.err.write(f"panelhost join: {exc}\n")
            self.err.flush()
            return 2
        ticker = asyncio.create_task(self._tick())
        try:
            quitting = await self._read_commands(lines, link_task)
        except asyncio.CancelledError:  # ctrl+c: leave as quit does, with a sentence
            self.say(left_sentence(self.mirror))
            await stop_link(self.link, link_task)
            raise
        finally:
            ticker.cancel()
        if self._tasks and not quitting and not self.link.stopped:
            # the end of a script: let the questions it queued reach the hub first
            await asyncio.wait(self._tasks)
        stopped_by_hub = self.link.stopped
        await stop_link(self.link, link_task)
        if stopped_by_hub:
            self.say(as_sentence(self.link.reason or "the connection stopped"), _YELLOW)
            if self.mirror.ended or self.link.status == "ended":
                session = self.mirror.session
                self.say(notes_sentence(session.id if session else None))
            return 0 if self.link.status in ("ended", "closed") else 1
        if quitting:
            self.say(left_sentence(self.mirror))
        return 0

    async def _read_commands(
        self, lines: asyncio.Queue[str | None], link_task: asyncio.Task[object]
    ) -> bool:
        """Run commands until the input ends (False) or the user quits (True)."""
        while not self.link.stopped and not self._broken_pipe:
            next_line = asyncio.create_task(lines.get())
            done, _ = await asyncio.wait(
                {next_line, link_task}, return_when=asyncio.FIRST_COMPLETED
            )
            if next_line not in done:
                next_line.cancel()
                return False
            line = next_line.result()
            if line is None:
                return False
            if not await self.command(line):
                return True
        return False

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            for sentence in self.announcer.tick(time.monotonic()):
                self.say(sentence, _BOLD)

    # -- commands ------------------------------------------------------------------------

    async def command(self, line: str) -> bool:
        """Run one typed line; False when it asks to quit."""
        verb, _, rest = line.strip().partition(" ")
        verb, rest = verb.lower(), rest.strip()
        if not verb:
            return True
        if verb in ("quit", "exit", "q"):
            return False
        handler = {
            "ask": self._ask,
            "vote": self._vote,
            "unvote": self._unvote,
            "withdraw": self._withdraw,
        }.get(verb)
        if handler is not None:
            await handler(rest)
            return True
        if verb == "now":
            lines = now_lines(self.mirror, time.monotonic())
        elif verb in READS:
            lines = READS[verb](self.mirror)
        elif verb in plain_follow.VERBS:
            lines = await plain_follow.follow_command(self.link, verb, rest)
        elif verb in ("help", "?", "h"):
            lines = [*HELP_LINES[:-2], *plain_follow.HELP, *HELP_LINES[-2:]]
        else:
            self.say(f"Unknown command {printable(verb)}; type help for the list.", _RED)
            return True
        for said in lines:
            self.say(said)
        return True

    async def _ask(self, rest: str) -> None:
        asked = parse_ask(rest)
        if isinstance(asked, str):
            self.say(asked, _RED)
            return
        request = self.link.ask(
            asked.text, anonymous=asked.anonymous, panelist_id=asked.panelist_id
        )
        if self.link.connected:
            self._report_ask(await request)
        else:
            self.say("Not connected; your question will be sent when the connection is back.")
            self._spawn(request, self._report_ask)

    def _report_ask(self, reply: p.Ok | p.Error) -> None:
        if isinstance(reply, p.Error):
            self.say("Not asked: " + sentence_of(reply), _RED)
            return
        question = self.mirror.question(reply.id)
        where = "is in the queue"
        if question is not None and question.status == "pending":
            where = "is awaiting approval"
        self.say(f"Sent: your question {reply.id} {where}.")

    async def _vote(self, rest: str) -> None:
        question_id = self._question_id(rest, "vote")
        if question_id is not None:
            # my vote on my own question: this reply says the count, the change need not
            self.announcer.own_votes.add(question_id)
            try:
                reply = await self.link.vote(question_id)
            finally:
                self.announcer.own_votes.discard(question_id)
            if isinstance(reply, p.Error):
                self.say("Not voted: " + sentence_of(reply), _RED)
            else:
                question = self.mirror.question(question_id)
                votes = f"; it has {count(question.votes, 'vote')}" if question else ""
                self.say(f"You voted for question {question_id}{votes}.")

    async def _unvote(self, rest: str) -> None:
        question_id = self._question_id(rest, "unvote")
        if question_id is not None:
            reply = await self.link.unvote(question_id)
            if isinstance(reply, p.Error):
                self.say("Not changed: " + sentence_of(reply), _RED)
            else:
                self.say(f"You took back your vote on question {question_id}.")

    async def _withdraw(self, rest: str) -> None:
        question_id = self._question_id(rest, "withdraw")
        if question_id is not None:
            self.link.mirror.note_withdrawn(question_id)
            reply = await self.link.withdraw(question_id)
            if isinstance(reply, p.Error):
                self.link.mirror.note_withdrawn(question_id, False)
                self.say("Not withdrawn: " + sentence_of(reply), _RED)
            else:
                self.say(f"You withdrew question {question_id}.")

    def _question_id(self, rest: str, verb: str) -> int | None:
        digits = rest.lstrip("#qQ")
        if digits.isdigit() and len(digits) < 19:
            return int(digits)
        self.say(f"Give a question number, like: {verb} 12", _RED)
        return None

    def _spawn(
        self, request: Awaitable[p.Ok | p.Error], report: Callable[[p.Ok | p.Error], None]
    ) -> None:
        async def wait_and_report() -> None:
            report(await request)

        task = asyncio.create_task(wait_and_report())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


async def run_plain(link: Link, stdin: TextIO, stdout: TextIO, stderr: TextIO, color: bool) -> int:
    """Run the plain client on these streams; returns the exit code."""
    client = PlainClient(link, stdout, stderr, color=color)
    return await client.run(read_lines(stdin))
