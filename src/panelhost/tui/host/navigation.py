"""The host screen's question lists: what each shows, the selection, tab between them.

Mixed into `HostScreen` (as `HostRequests` is): the lists, the detail pane of the selected
question and the footer's keys repaint together, since they show the same selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.events import DescendantFocus
from textual.widgets import DataTable

from panelhost import protocol as p
from panelhost.tui.host.footer import FooterState, ListKind, show_keys
from panelhost.tui.host.lists import lower_title, queue_title
from panelhost.tui.widgets.detail import QuestionDetail
from panelhost.tui.widgets.queue import QuestionList, RowContext

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.widget import Widget

    from panelhost.tui.host.app import HostApp

LIST_CYCLE: tuple[ListKind, ...] = ("queue", "pending", "answered", "dismissed")
"""What tab goes through: the queue, then the lower list's three kinds."""
NARROW_COLUMNS = 100
"""Below this width the footer is compact."""


class HostLists:
    """The queue and the lower list, the detail pane under them, and the footer's keys."""

    if TYPE_CHECKING:
        lower_kind: ListKind
        _lower_chosen: bool
        _lower_cursor: dict[ListKind, int | None]
        _painted_version: int
        _footer: FooterState | None

        @property
        def host(self) -> HostApp: ...

        focused: Widget | None

        @property
        def size(self) -> Any: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def has_class(self, *names: str) -> bool: ...
        def set_class(self, add: bool, *class_names: str, update: bool = True) -> Any: ...
        def flush(self) -> None: ...

    def lists(self) -> tuple[QuestionList, QuestionList]:
        return self.query_one("#queue", QuestionList), self.query_one("#lower", QuestionList)

    def focused_list(self) -> QuestionList:
        queue, lower = self.lists()
        return lower if self.focused is lower else queue

    def focused_kind(self) -> ListKind:
        return self.lower_kind if self.focused_list().id == "lower" else "queue"

    def selected(self) -> p.Question | None:
        """The question under the cursor of the focused list."""
        return self.host.link.mirror.question(self.focused_list().selected_id)

    def show_list(self, kind: ListKind) -> None:
        """Focus a list: the queue, or the lower list showing `kind`."""
        queue, lower = self.lists()
        if kind == "queue":
            queue.focus()
            return
        if kind != self.lower_kind:
            self._lower_cursor[self.lower_kind] = lower.selected_id
            self.lower_kind = kind
            self._lower_chosen = True
            self._painted_version = -1
        lower.focus()
        self.flush()
        remembered = self._lower_cursor.get(kind)
        if remembered is not None:
            lower.select(remembered)

    def action_next_list(self) -> None:
        index = LIST_CYCLE.index(self.focused_kind())
        self.show_list(LIST_CYCLE[(index + 1) % len(LIST_CYCLE)])

    def action_previous_list(self) -> None:
        index = LIST_CYCLE.index(self.focused_kind())
        self.show_list(LIST_CYCLE[(index - 1) % len(LIST_CYCLE)])

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # a short screen shows the lower list only while it has the focus
        self.set_class(event.widget.id == "queue", "-queue-focused")
        self._repaint_detail(self.host.options.clock.wall_ms())

    def _repaint_lists(self, now_wall: int) -> bool:
        mirror = self.host.link.mirror
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
        changed = queue.show(open_questions, context)
        changed = lower.show(lower_questions.get(self.lower_kind, pending), context) or changed
        queue.border_title = queue_title(
            open_questions, len(pending), len(answered), queue.size.width
        )
        lower.border_title = lower_title(
            self.lower_kind, len(lower_questions[self.lower_kind]), mirror.settings.moderation
        )
        return changed

    def _repaint_detail(self, now_wall: int) -> None:
        """The selected question, whole, under the lists (votes and age change as it waits)."""
        mirror = self.host.link.mirror
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
            question, context, on_stage and self.has_class("-short"), empty
        )

    def _repaint_footer(self) -> None:
        """The keys of the focused list, in its words; changed only when they change."""
        mirror = self.host.link.mirror
        state = FooterState(
            kind=self.focused_kind(),
            narrow=self.size.width < NARROW_COLUMNS,
            on_stage=mirror.now.question_id is not None or mirror.now.panelist_id is not None,
            panelists=bool(mirror.panelists),
            timer=mirror.timer.state,
            pending=bool(mirror.pending()),
            empty=not self.focused_list().order,
            before_panel=mirror.session is not None
            and mirror.session.status == "open_for_questions",
        )
        if state == self._footer:
            return
        self._footer = state
        show_keys([cast("DOMNode", self), *self.lists()], state.ids(), state.labels())

    @on(DataTable.RowHighlighted)
    def cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        self._repaint_detail(self.host.options.clock.wall_ms())
