"""The charts and the summary of one export: what ``InsightsDialog`` shows once it has read
the file. It only draws an :class:`~smsc_desktop.services.insights.Insights`; reading,
saving and messages are the dialog's."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.insights import Field, Insights, Outcome, Share
from smsc_desktop.ui.models.insights_summary import SummaryModel
from smsc_desktop.ui.texts import insights as texts
from smsc_desktop.ui.theme import Tone, colour, set_tone, theme
from smsc_desktop.ui.widgets.charts import Bar, BarList, Chart, Donut, Slice, TimeChart, TimePoint
from smsc_desktop.ui.widgets.table import DataTable

TOP = 8
"""Bars shown in a list; the rest are summed up as "N others"."""
OUTCOME_TONES = {
    Outcome.DELIVERED: Tone.GOOD,
    Outcome.PENDING: Tone.WARNING,
    Outcome.FAILED: Tone.BAD,
    Outcome.UNKNOWN: Tone.MUTED,
}


def shade_of(base: QColor, index: int) -> QColor:
    """The ``index``-th variant of an outcome's colour: the hue turned a little each way
    and the lightness stepped, so statuses of one meaning look related but distinct."""
    if index == 0:
        return base
    step = (index + 1) // 2 * (1 if index % 2 else -1)
    lighter = max(25, min(210, base.lightness() + 18 * step))
    return QColor.fromHsl((base.hslHue() + 14 * step) % 360, base.hslSaturation(), lighter)


class InsightsPanel(QWidget):
    """Cards of charts and the summary table; ``show_insights`` fills them."""

    saveChartRequested = Signal(object)  # (Chart)
    chartCopied = Signal()
    saveSummaryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InsightsPanel")
        # As tall as the cards need, never stretched (the window puts a stretch below it).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.insights: Insights | None = None
        self.titles: dict[QWidget, QLabel] = {}
        self.time_chart = TimeChart(self, "timeChart", texts.time_title_accessible())
        self.status_chart = Donut(self, "statusChart", texts.status_title())
        self.senders_chart = BarList(self, "sendersChart", texts.senders_title())
        self.operators_chart = BarList(self, "operatorsChart", texts.operators_title())
        self.countries_chart = BarList(self, "countriesChart", texts.countries_title())
        self.parts_chart = BarList(self, "partsChart", texts.parts_title())
        self.charts: list[Chart] = [
            self.time_chart,
            self.status_chart,
            self.senders_chart,
            self.operators_chart,
            self.countries_chart,
            self.parts_chart,
        ]
        self.summary_model = SummaryModel(self)
        self.summary = DataTable(
            self,
            "summaryTable",
            accessible_name=texts.summary_accessible_name(),
            context_menu=False,
        )
        self.summary.setModel(self.summary_model)
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.save_summary = QPushButton(texts.save_summary(), self)
        self.save_summary.setObjectName("saveSummary")
        self.save_summary.setToolTip(texts.save_summary_tooltip())
        self.save_summary.setEnabled(False)
        self.save_summary.clicked.connect(self.saveSummaryRequested.emit)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.time_card = self._card(texts.time_title_accessible(), self.time_chart)
        grid.addWidget(self.time_card, 0, 0, 1, 2)
        grid.addWidget(self._card(texts.status_title(), self.status_chart), 1, 0)
        summary = QWidget(self)
        box = QVBoxLayout(summary)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.summary, 1)
        box.addWidget(self.save_summary)
        grid.addWidget(self._card(texts.summary_title(), summary), 1, 1)
        grid.addWidget(self._card(texts.senders_title(), self.senders_chart), 2, 0)
        grid.addWidget(self._card(texts.operators_title(), self.operators_chart), 2, 1)
        grid.addWidget(self._card(texts.countries_title(), self.countries_chart), 3, 0)
        self.parts_note = QLabel(self)
        self.parts_note.setWordWrap(True)
        set_tone(self.parts_note, Tone.MUTED)
        self.parts_note.hide()
        grid.addWidget(self._card(texts.parts_title(), self.parts_chart, self.parts_note), 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for chart in self.charts:
            chart.copy_label, chart.save_label = texts.copy_chart(), texts.save_chart()
            chart.copyRequested.connect(self.chartCopied.emit)
            chart.saveRequested.connect(lambda c=chart: self.saveChartRequested.emit(c))
        theme().changed.connect(self._restyle)

    def _card(self, title: str, body: QWidget, note: QLabel | None = None) -> QFrame:
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(10, 8, 10, 10)
        top = QHBoxLayout()
        label = QLabel(f"<b>{title}</b>", card)
        top.addWidget(label, 1)
        self.titles[body] = label
        if isinstance(body, Chart):
            chart = body
            for text, tip, slot, name in (
                (texts.copy_chart(), texts.copy_chart_tooltip(), chart.copy_to_clipboard, "copy"),
                (texts.save_chart(), texts.save_chart_tooltip(), chart.saveRequested.emit, "save"),
            ):
                button = QToolButton(card)
                button.setObjectName(f"{body.objectName()}_{name}")
                button.setText(text)
                button.setToolTip(tip)
                button.setAccessibleName(f"{tip}: {title}")
                button.setAutoRaise(True)
                button.clicked.connect(lambda _checked=False, run=slot: run())
                top.addWidget(button)
        layout.addLayout(top)
        layout.addWidget(body)
        if note is not None:
            layout.addWidget(note)
        layout.addStretch(1)  # a card taller than its content (its row's height) keeps it on top
        return card

    # --- filling ------------------------------------------------------------------------

    def show_insights(self, insights: Insights) -> None:
        for step in self.fill_steps(insights):
            step()

    def fill_steps(self, insights: Insights) -> list[Callable[[], None]]:
        """Filling the cards one at a time (the window lets the event loop run between the
        steps, so drawing a big result never holds the window for long)."""
        self.insights = insights

        def summary() -> None:
            self.summary_model.set_insights(insights)
            rows = self.summary_model.rowCount()
            height = self.summary.verticalHeader().defaultSectionSize() * rows
            header = self.summary.horizontalHeader().sizeHint().height()
            self.summary.setMinimumHeight(height + header + 4)
            self.save_summary.setEnabled(True)

        return [
            summary,
            lambda: self._show_time(insights),
            lambda: self._show_statuses(insights),
            lambda: self._show_shares(self.senders_chart, insights.senders, insights, Field.SENDER),
            lambda: self._show_shares(
                self.operators_chart, insights.operators, insights, Field.OPERATOR
            ),
            lambda: self._show_shares(
                self.countries_chart, insights.countries, insights, Field.COUNTRY
            ),
            lambda: self._show_parts(insights),
            self._part_colours,
        ]

    def _show_time(self, insights: Insights) -> None:
        step = insights.step()
        has_cost = insights.has(Field.COST)
        points = [
            TimePoint(
                texts.point_label(b.start, step),
                texts.point_title(b.start, step),
                b.messages,
                float(b.cost),
                texts.point_tooltip(
                    texts.point_title(b.start, step), b.messages, b.cost if has_cost else None
                ),
            )
            for b in insights.timeline
        ]
        title = texts.time_title(step)
        self.titles[self.time_chart].setText(f"<b>{title}</b>")
        self.time_chart.setAccessibleName(title)
        self.time_chart.empty_text = (
            texts.no_column(Field.DATE) if not insights.has(Field.DATE) else texts.no_data()
        )
        self.time_chart.format_left = lambda v: texts.number(round(v))
        self.time_chart.format_right = lambda v: texts.money(Decimal(round(v)))[:-3]
        self.time_chart.set_points(
            points, texts.messages_label(), texts.cost_label(), show_line=has_cost
        )

    def _show_statuses(self, insights: Insights) -> None:
        chart = self.status_chart
        chart.empty_text = (
            texts.no_column(Field.STATUS) if not insights.has(Field.STATUS) else texts.no_data()
        )
        total = insights.rows
        has_cost = insights.has(Field.COST)
        shades: dict[Outcome, int] = {}
        slices = []
        for share in insights.statuses:
            outcome = share.outcome or Outcome.UNKNOWN
            shade = shades.get(outcome, 0)
            shades[outcome] = shade + 1
            tint = shade_of(colour(OUTCOME_TONES[outcome]), shade)
            label = share.label or texts.empty_label()
            slices.append(
                Slice(
                    label,
                    share.messages,
                    f"{label} — {texts.percent(share.messages / total if total else 0)}",
                    texts.status_tooltip(
                        label, outcome, share.messages, total, share.cost if has_cost else None
                    ),
                    tint,
                )
            )
        delivered = insights.delivered_share
        centre = (
            f"{texts.percent(delivered)}\n{texts.outcome_name(Outcome.DELIVERED).lower()}"
            if delivered is not None
            else ""
        )
        chart.set_slices(slices, centre)

    def _show_shares(
        self, chart: BarList, shares: tuple[Share, ...], insights: Insights, what: Field
    ) -> None:
        chart.empty_text = texts.no_column(what) if not insights.has(what) else texts.no_data()
        total = insights.rows
        has_status = insights.has(Field.STATUS)
        shown = list(shares[:TOP])
        rest = shares[TOP:]
        if rest:
            shown.append(
                Share(
                    texts.counted().others(len(rest)),
                    sum(s.messages for s in rest),
                    sum(s.delivered for s in rest),
                    sum(s.failed for s in rest),
                )
            )
        bars = []
        for share in shown:
            label = share.label or texts.empty_label()
            figure = texts.number(share.messages)
            if has_status and share.messages:
                figure += " · " + texts.percent(share.delivered_share)
            bars.append(
                Bar(
                    label,
                    share.messages,
                    figure,
                    texts.share_tooltip(
                        label, share.messages, total, share.delivered if has_status else None
                    ),
                    share.delivered_share if has_status else None,
                )
            )
        chart.set_bars(bars)

    def _show_parts(self, insights: Insights) -> None:
        chart = self.parts_chart
        missing = not insights.has(Field.PARTS) and not insights.has(Field.MESSAGE)
        chart.empty_text = texts.no_column(Field.MESSAGE) if missing else texts.no_data()
        total = sum(insights.parts.values())
        chart.set_bars(
            [
                Bar(
                    texts.parts_label(parts),
                    count,
                    texts.number(count),
                    texts.share_tooltip(texts.parts_label(parts), count, total, None),
                )
                for parts, count in insights.parts.items()
            ]
        )
        self.parts_note.setText(texts.parts_from_text())
        self.parts_note.setVisible(insights.parts_from_text)

    def _part_colours(self) -> None:
        """Delivered parts of the bars in the theme's "good" colour, the rest neutral."""
        good = colour(Tone.GOOD)
        for chart in (self.senders_chart, self.operators_chart, self.countries_chart):
            chart.part_colour = good if self.insights and self.insights.has(Field.STATUS) else None
            chart.update()

    def _restyle(self) -> None:
        """The scheme changed: colours that were picked when the data was shown."""
        self._part_colours()
        if self.insights is not None and self.status_chart.slices:
            self._show_statuses(self.insights)
