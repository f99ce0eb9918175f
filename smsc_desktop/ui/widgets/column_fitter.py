"""Table columns that share the view's width by weight, until the user sizes one by hand."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class ColumnFitter(QObject):
    """Spreads ``view``'s width over its shown columns in proportion to ``weights`` whenever
    the view is resized; once the user drags a column edge, their widths are left alone.
    ``set_hidden`` hides or shows a column and shares the width anew."""

    def __init__(self, view: QTableView, weights: Mapping[int, float]) -> None:
        super().__init__(view)
        self._view = view
        self._weights = dict(weights)
        self._fitting = False
        self.user_sized = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def fit(self) -> None:
        width = self._view.viewport().width()
        shown = {c: w for c, w in self._weights.items() if not self._view.isColumnHidden(c)}
        total = sum(shown.values())
        if width <= 0 or total <= 0:
            return
        self._fitting = True
        try:
            for column, weight in shown.items():
                self._view.setColumnWidth(column, max(40, int(width * weight / total)))
        finally:
            self._fitting = False

    def set_hidden(self, column: int, hidden: bool) -> None:
        if self._view.isColumnHidden(column) == hidden:
            return
        self._fitting = True
        try:
            self._view.setColumnHidden(column, hidden)
        finally:
            self._fitting = False
        if not self.user_sized:
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and not self.user_sized:
            self.fit()
        return False

    def _on_section_resized(self, *_args: object) -> None:
        if not self._fitting:
            self.user_sized = True
