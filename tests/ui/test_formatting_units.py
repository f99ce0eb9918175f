"""Sizes, speeds and percentages follow the interface language, as money does (the money
formats themselves: test_formatting.py)."""

from __future__ import annotations

from typing import Any

from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.ui.formatting import format_bytes, format_percent, format_speed
from smsc_desktop.ui.models.downloads import percent_text
from smsc_desktop.ui.texts import exports as export_texts
from smsc_desktop.ui.texts import insights as insight_texts
from tests.helpers.fit import interface_language


def test_english(qapp: Any) -> None:
    with interface_language("en_US"):
        assert format_bytes(512) == "512 B"
        assert format_bytes(48 * 1024) == "48.0 KB"
        assert format_bytes(1.5 * 1024**3) == "1.5 GB"
        assert format_speed(4.8 * 1024**2) == "4.8 MB/s"
        assert format_percent(7.6) == "7.6 %"
        assert percent_text(0.076) == "7.6 %"
        assert insight_texts.percent(0.822) == "82.2 %"


def test_russian(qapp: Any) -> None:
    with interface_language("ru_RU"):
        assert format_bytes(512) == "512 Б"
        assert format_bytes(48 * 1024) == "48,0 КБ"
        assert format_bytes(1.5 * 1024**3) == "1,5 ГБ"
        assert format_bytes(2_000 * 1024**4) == "2\xa0000,0 ТБ"
        assert format_speed(4.8 * 1024**2) == "4,8 МБ/с"
        assert format_percent(7.6) == "7,6 %"
        assert percent_text(0.076) == "7,6 %"
        assert percent_text(0.5) == "50 %"
        assert insight_texts.percent(0.822) == "82,2 %"
        # every place that shows a speed or a size words it the same way
        counts = dict.fromkeys(DownloadState, 0)
        counts[DownloadState.DOWNLOADING] = 2
        summary = export_texts.downloads_summary(counts, 4.8 * 1024**2, 120 * 1024**2)
        assert "4,8 МБ/с" in summary
        assert "120,0 МБ" in summary
