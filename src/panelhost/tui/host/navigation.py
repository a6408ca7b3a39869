"""The host screen's question lists: the queue, the lower list, and the selected question.

One widget: what each list shows, the selection, which kind the lower list shows, and the
cursor each lower kind had (to come back to it after tab). The screen asks it to repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.tui.host.footer import ListKind
from panelhost.tui.host.lists import lower_title, queue_title
from panelhost.tui.widgets.detail import QuestionDetail
from panelhost.tui.widgets.queue import QuestionList, RowContext, age_changes_at

LIST_CYCLE: tuple[ListKind, ...] = ("queue", "pending", "answered", "dismissed")
"""What tab goes through: the queue, then the lower list's three kinds."""
NARROW_COLUMNS = 100
"""Below this width the footer is compact."""


class HostQuestionList(QuestionList):
    """A question list whose enter puts the selected question on stage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "on stage", id="stage.put"),
        Binding("home", "scroll_top", "first", show=False, id="lists.first"),
        Binding("end", "scroll_bottom", "last", show=False, id="lists.last"),
    ]


class HostLists(Vertical):
    """The queue and the lower list, and the detail pane of the selected question."""

    def __init__(
        self, mirror: Mirror, wall_ms: Callable[[], int], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.mirror = mirror
        self.wall_ms = wall_ms
        self.lower_kind: ListKind = "pending"
        """What the lower list shows: pending, answered or dismissed."""
        self.dirty = True
        """The lists must be shown again even if the mirror did not change."""
        self.ages_change_at = 0
        """When (wall ms) the age of a row shown next changes: repaint then."""
        self._lower_chosen = False
        self._lower_cursor: dict[ListKind, int | None] = {}

    def compose(self) -> ComposeResult:
        yield HostQuestionList(id="queue")
        yield HostQuestionList(id="lower")
        yield QuestionDetail(id="detail")

    def lists(self) -> tuple[QuestionList, QuestionList]:
        return self.query_one("#queue", QuestionList), self.query_one("#lower", QuestionList)

    def focused_list(self) -> QuestionList:
        queue, lower = self.lists()
        return lower if self.screen.focused is lower else queue

    def focused_kind(self) -> ListKind:
        return self.lower_kind if self.focused_list().id == "lower" else "queue"

    def selected(self) -> p.Question | None:
        """The question under the cursor of the focused list."""
        return self.mirror.question(self.focused_list().selected_id)

    @property
    def stale(self) -> bool:
        """True when a list must be shown again though the mirror did not change."""
        queue, lower = self.lists()
        return self.dirty or queue.stale or lower.stale

    def show_list(self, kind: ListKind) -> bool:
        """Focus a list: the queue, or the lower list showing `kind`; True for the lower
        list (repaint it, then `restore_cursor`)."""
        queue, lower = self.lists()
        if kind == "queue":
            queue.focus()
            return False
        if kind != self.lower_kind:
            self._lower_cursor[self.lower_kind] = lower.selected_id
            self.lower_kind = kind
            self._lower_chosen = True
            self.dirty = True
        lower.focus()
        return True

    def restore_cursor(self) -> None:
        """The lower list's cursor back where it was when this kind was last shown."""
        remembered = self._lower_cursor.get(self.lower_kind)
        if remembered is not None:
            self.lists()[1].select(remembered)

    def next_kind(self, step: int) -> ListKind:
        """The list tab (1) or shift+tab (-1) goes to."""
        index = LIST_CYCLE.index(self.focused_kind())
        return LIST_CYCLE[(index + step) % len(LIST_CYCLE)]

    def repaint(self, now_wall: int) -> bool:
        """Show the mirror's questions; True if a list changed."""
        self.dirty = False
        mirror = self.mirror
        context = RowContext(
            panelists=mirror.panelists,
            now_wall_ms=now_wall,
            asked_ms={q.id: mirror.asked_ms(q.id) for q in mirror.questions.values()},
        )
        queue, lower = self.lists()
        open_questions = [q for q in mirror.queue() if q.status != "answered"]
        pending = mirror.pending()
        answered = [q for q in mirror.queue() if q.status == "answered"]
        dismissed = mirror.dismissed()
        if not self._lower_chosen:
            self.lower_kind = "pending" if pending or mirror.settings.moderation else "answered"
        lower_questions = {"pending": pending, "answered": answered, "dismissed": dismissed}
        lower_shown = lower_questions.get(self.lower_kind, pending)
        changed = queue.show(open_questions, context)
        changed = lower.show(lower_shown, context) or changed
        self.ages_change_at = min(
            (
                age_changes_at(context.asked_ms[q.id], now_wall)
                for q in (*open_questions, *lower_shown)
            ),
            default=now_wall + 60_000,
        )
        queue.border_title = queue_title(
            open_questions, len(pending), len(answered), queue.size.width
        )
        lower.border_title = lower_title(
            self.lower_kind, len(lower_questions[self.lower_kind]), mirror.settings.moderation
        )
        return changed

    def repaint_detail(self, now_wall: int) -> None:
        """The selected question, whole, under the lists (votes and age change as it waits)."""
        mirror = self.mirror
        question = self.selected()
        asked = {} if question is None else {question.id: mirror.asked_ms(question.id)}
        context = RowContext(panelists=mirror.panelists, now_wall_ms=now_wall, asked_ms=asked)
        on_stage = question is not None and question.id == mirror.now.question_id
        empty = (
            "No questions yet: they come in from the join line above."
            if self.focused_kind() == "queue" and not self.focused_list().order
            else "No question selected: up/down (j/k) pick one."
        )
        self.query_one(QuestionDetail).show(
            question, context, on_stage and self.screen.has_class("-short"), empty
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.repaint_detail(self.wall_ms())
