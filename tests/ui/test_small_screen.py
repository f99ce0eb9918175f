"""Every page fits a 1024×600 screen in both languages, and no text is cut off unexplained.

The window and each dialog are built in the language under test (the Russian texts are the
longer ones), shown at 1024×600 with the demo's data loaded, and then: the window's smallest
size fits the screen, and every visible label, button, table header and table cell either
shows its whole text or has a tooltip that does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QWidget

from smsc_desktop.sandbox.exportfile import ExportFile
from smsc_desktop.ui.dialogs.insights import InsightsDialog
from tests.helpers.app import AppHarness
from tests.helpers.fit import SMALL_SCREEN, cut_texts, interface_language, layout_culprits
from tests.helpers.sandbox import SandboxHandle

LANGUAGES = ["en_US", "ru_RU"]
TITLE_BAR = 32
"""Height a window manager's title bar takes from a 600-pixel screen."""


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    with interface_language(request.param):
        yield request.param


@pytest.fixture
def demo_app(
    language: str, qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> Iterator[AppHarness]:
    sandbox.reset(enforce_limits=False)
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    harness.run(harness.controller.start(demo=True))
    session = harness.wait_session("sandbox-demo")
    qtbot.waitUntil(lambda: session.balance is not None, timeout=10_000)
    window = harness.window
    window.resize(*SMALL_SCREEN)
    window.show()
    qtbot.waitExposed(window)
    yield harness
    harness.close()


def fits(widget: QWidget) -> list[str]:
    """What keeps ``widget`` from fitting the small screen (empty when it fits)."""
    width, height = SMALL_SCREEN
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    problems = []
    if hint.width() > width:
        problems.append(f"{widget.objectName()} needs {hint.width()} px wide:")
        problems += layout_culprits(widget, width)
    if widget.isWindow() and widget.parent() is None:
        height -= TITLE_BAR  # the main window's frame is on the screen too
    if hint.height() > height:
        problems.append(f"{widget.objectName()} needs {hint.height()} px high")
    return problems


def settle(qtbot: Any, widget: QWidget) -> None:
    """Run the layouts a resize (or a page change) asked for before texts are measured."""
    for _ in range(3):  # a layout that resizes a child posts the child's request
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert widget.isVisible()


@pytest.mark.parametrize("tab", ["overview", "numbers", "verification", "exports"])
def test_every_tab_fits_a_small_screen(demo_app: AppHarness, tab: str) -> None:
    window, qtbot = demo_app.window, demo_app.qtbot
    page = window.show_tab(tab)
    qtbot.waitUntil(page.is_loaded, timeout=10_000)
    window.resize(*SMALL_SCREEN)
    settle(qtbot, window)
    problems = fits(window)
    for _view in views_of(page):
        settle(qtbot, window)
        problems += cut_texts(page)
    assert problems == [], "\n".join(problems)


def views_of(page: Any) -> Iterator[str]:
    """Show each part of ``page`` in turn: the Numbers tab's lower tabs, the Verification
    tab's tools."""
    if page.name == "numbers":
        for index in range(page.bottom.count()):
            page.bottom.setCurrentIndex(index)
            yield page.bottom.tabText(index)
    elif page.name == "verification":
        from smsc_desktop.ui.tabs.verification import PAGES

        for key in PAGES:
            page.show_page(key)
            yield key
    else:
        yield page.name


def test_the_accounts_dialog_fits_a_small_screen(demo_app: AppHarness) -> None:
    dialog = demo_app.window.accounts.show_dialog()
    qtbot = demo_app.qtbot
    qtbot.waitExposed(dialog)
    dialog.resize(*SMALL_SCREEN)
    settle(qtbot, dialog)
    problems = fits(dialog) + cut_texts(dialog)
    dialog.close()
    assert problems == [], "\n".join(problems)


def test_the_settings_dialog_fits_a_small_screen(demo_app: AppHarness) -> None:
    window, qtbot = demo_app.window, demo_app.qtbot
    window.show_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    problems = fits(dialog)
    for page in range(dialog.stack.count()):
        dialog.nav.setCurrentRow(page)
        settle(qtbot, dialog)
        problems += cut_texts(dialog)
    dialog.close()
    assert problems == [], "\n".join(problems)


def test_the_insights_dialog_fits_a_small_screen(
    language: str, qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes(ExportFile(2_500_000).read())  # three days of the sandbox's messages
    dialog = InsightsDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    dialog.resize(*SMALL_SCREEN)
    settle(qtbot, dialog)
    problems = fits(dialog) + cut_texts(dialog)
    assert problems == [], "\n".join(problems)


def test_the_accounts_dialog_at_its_own_size_cuts_no_button(demo_app: AppHarness) -> None:
    dialog = demo_app.window.accounts.show_dialog()
    demo_app.qtbot.waitExposed(dialog)
    settle(demo_app.qtbot, dialog)
    problems = cut_texts(dialog)
    dialog.close()
    assert problems == [], "\n".join(problems)


def test_verification_shows_its_steps_and_two_cards_whole(demo_app: AppHarness) -> None:
    window, qtbot = demo_app.window, demo_app.qtbot
    page = window.show_tab("verification")
    qtbot.waitUntil(page.is_loaded, timeout=10_000)
    settle(qtbot, window)
    panel = page.call_panel
    scroll = panel.cards_area.scroll_area.verticalScrollBar()
    assert scroll.maximum() == 0, "the steps of how it works are cut"
    for count, phone in enumerate(("+7 916 123-00-01", "+7 916 123-00-02"), 1):
        panel.form.phone_edit.setText(phone)
        qtbot.mouseClick(panel.form.request_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=count: given_numbers(panel) == n, timeout=10_000)
    settle(qtbot, window)
    assert scroll.maximum() == 0, "a card is cut"
    assert panel.history.table.isVisible()
    assert panel.history.table.viewport().height() >= 2 * 20


def given_numbers(panel: Any) -> int:
    """Cards that show their number to call (SMSC answered their request)."""
    return sum(bool(c.verification.call_to) for c in panel.cards_area.cards.values())
