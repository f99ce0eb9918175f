"""Charts drawn with QPainter: a time series, bar lists and a donut (the Insights view).

Drawn here rather than with a chart library: the few chart types the app needs cost about
600 lines, load in about 12 ms only when the Insights window opens, add nothing to the
installer, and take their colours from ``ui/theme`` like every other widget. The measured
comparison with QtCharts and pyqtgraph is in DEVELOPERS.md ("Insights").
"""

from smsc_desktop.ui.widgets.charts.bars import Bar, BarList
from smsc_desktop.ui.widgets.charts.base import Chart, nice_scale
from smsc_desktop.ui.widgets.charts.donut import Donut, Slice
from smsc_desktop.ui.widgets.charts.time_chart import TimeChart, TimePoint

__all__ = ["Bar", "BarList", "Chart", "Donut", "Slice", "TimeChart", "TimePoint", "nice_scale"]
