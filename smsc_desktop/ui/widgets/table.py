"""The one table view of the app: set up the same way everywhere, and never silently empty.

``DataTable(parent, name, accessible_name=...)`` is a read-only ``QTableView`` with row
selection, no grid, a fixed row height, left-aligned headers and per-pixel horizontal
scrolling. While its model has no rows it paints a centred, wrapped note in the viewport:
``set_placeholder(text)`` says what goes there ("No numbers match the filter"),
``set_busy(text)`` says that it is loading (drawn in the same place, with a moving ellipsis);
``placeholder()`` reads the note a user sees now. ``fit_columns(weights)`` shares the
width over the columns by weight until the user drags a column edge. ``shortcut(keys, slot)``
and ``bind(action)`` give keys that act on the selection while the table has the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QItemSelectionModel, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QTableView,
    QWidget,
)

from smsc_desktop.ui.widgets.column_fitter import ColumnFitter

Keys = QKeySequence | QKeySequence.StandardKey | Qt.Key | str


VIEWPORT_NAME = "qt_scrollarea_viewport"
"""The object name Qt gives every scroll area's viewport (``QAbstractScrollAreaPrivate::init``)."""


def adopt_viewport(view: QAbstractScrollArea) -> QWidget | None:
    """Give ``view``'s viewport its Python wrapper through its meta-object, before anything
    calls ``view.viewport()``.

    PySide6 (6.11) finds the Python class of a widget that C++ made and returns, as
    ``viewport()`` returns the viewport, by asking every ``QWidget`` subclass of its
    bindings in turn; the first such walk in a run creates the Python enums of each class it
    passes (``QWizard``'s, ``QCalendarWidget``'s, ``QMdiArea``'s...): 47 classes' enums at the
    app's startup, 5 ms of the GUI thread and 0.3 MB that stay, for widgets the app never
    makes. ``findChild`` by name wraps it by its meta-object's class name instead, and later
    ``viewport()`` calls return that wrapper. Where Qt names the viewport otherwise, nothing
    is wrapped here and ``viewport()`` works as before (it only costs the walk)."""
    return view.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)


class DataTable(QTableView):
    def __init__(
        self,
        parent: QWidget | None = None,
        name: str = "",
        *,
        accessible_name: str = "",
        multi_select: bool = False,
        context_menu: bool = True,
    ) -> None:
        super().__init__(parent)
        adopt_viewport(self)
        if name:
            self.setObjectName(name)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        if context_menu:
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._placeholder = ""
        self._busy = ""
        self._dots = 0
        self._ticker = QTimer(self)
        self._ticker.setInterval(400)
        self._ticker.timeout.connect(self._tick)
        self.columns: ColumnFitter | None = None

    # --- the note over an empty table -----------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Reached from the keyboard with nothing selected: the current row is selected, so
        Enter and the table's keys act on what the focus frame shows."""
        super().focusInEvent(event)
        keyboard = (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        )
        selection = self.selectionModel()
        model = self.model()
        if event.reason() not in keyboard or selection is None or model is None:
            return
        if selection.hasSelection() or model.rowCount() == 0:
            return
        index = self.currentIndex()
        if not index.isValid():
            index = model.index(0, 0)
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def shortcut(self, keys: Keys, slot: Callable[[], object]) -> QAction:
        """A key that acts on the table while it (or its editor) has the focus."""
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.bind(action)
        return action

    def bind(self, action: QAction) -> None:
        """Let ``action``'s shortcut work while the table has the focus (a toolbar's buttons
        take no focus, so their keys would otherwise never reach them)."""
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)

    def set_placeholder(self, text: str) -> None:
        """What the table holds, shown while it is empty (and not busy)."""
        if text != self._placeholder:
            self._placeholder = text
            self.viewport().update()

    def set_busy(self, text: str) -> None:
        """Loading: ``text`` ("Loading the free numbers") shown while the table is empty;
        an empty text ends the busy state."""
        self._busy = text
        if text:
            self._dots = 0
            self._ticker.start()
        else:
            self._ticker.stop()
        self.setProperty("busy", bool(text))
        self.viewport().update()

    def is_busy(self) -> bool:
        return bool(self._busy)

    def placeholder(self) -> str:
        """The note a user sees now ("" when the table has rows)."""
        model = self.model()
        if model is not None and model.rowCount() > 0:
            return ""
        return self._busy or self._placeholder

    def _tick(self) -> None:
        self._dots = (self._dots + 1) % 4
        if self.placeholder():
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.placeholder()
        if not text:
            return
        if self._busy:
            text = text + "." * self._dots + " " * (3 - self._dots)
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        rect, flags = self.placeholder_rect(text)
        painter.drawText(rect, flags, text)
        painter.end()

    def placeholder_rect(self, text: str) -> tuple[QRect, int]:
        """Where the note goes: centred with a margin, or from the top with a thin one when
        the table is too short for it (a short pane must not cut it in half)."""
        wrap = int(Qt.TextFlag.TextWordWrap)
        rect = self.viewport().rect().adjusted(24, 16, -24, -16)
        needed = self.fontMetrics().boundingRect(rect, wrap, text).height()
        if needed <= rect.height():
            return rect, int(Qt.AlignmentFlag.AlignCenter) | wrap
        rect = self.viewport().rect().adjusted(12, 2, -12, -2)
        return rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop) | wrap

    # --- columns --------------------------------------------------------------------------

    def fit_columns(self, weights: Mapping[int, float]) -> ColumnFitter:
        """Share the width over the columns by ``weights`` until the user sizes one."""
        self.columns = ColumnFitter(self, weights)
        return self.columns
