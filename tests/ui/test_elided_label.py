"""ElidedLabel: a status line that gives way, and shows its whole text as a tooltip when cut."""

from __future__ import annotations

from typing import Any

from smsc_desktop.ui.widgets.elided_label import ElidedLabel

TEXT = "On offer: 300 · updated at 10:52:07 · double-click a number to rent it"


def test_a_narrow_label_is_cut_with_the_whole_text_as_tooltip(qtbot: Any) -> None:
    label = ElidedLabel(TEXT)
    qtbot.addWidget(label)
    label.show()
    label.setToolTip("Numbers SMSC offers now")
    assert label.minimumSizeHint().width() < label.sizeHint().width() // 3
    label.resize(label.sizeHint())
    assert not label.is_elided()
    assert label.toolTip() == "Numbers SMSC offers now"
    label.resize(label.sizeHint().width() // 2, label.height())
    assert label.is_elided()
    assert label.shown_text().endswith("…")
    assert label.text() == TEXT
    assert label.toolTip() == f"{TEXT}\nNumbers SMSC offers now"
    label.setText("short")
    assert not label.is_elided()
    assert label.toolTip() == "Numbers SMSC offers now"
