"""Screen readers: names for widgets a label does not name, and announcements.

``name(widget, text)`` gives a widget the name a screen reader reads when it gets focus
(a label's text can be passed as it is: the colon and the mnemonic ``&`` are dropped), and
``describe(widget, text)`` the longer description read after it. ``name_icon_button(button,
text)`` names an icon-only button and gives it the same tooltip.

``announce(widget, text)`` says a status change that matters (a verification confirmed, a
download failed, the outcome of a rent) without moving the focus: a
``QAccessibleAnnouncementEvent`` (Qt 6.8; assertive for failures, polite otherwise), which
the platform bridge (AT-SPI, UIA, NSAccessibility) reads out. ``announcer().announced``
carries the same text for tests and for whoever logs it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget


def _plain(text: str) -> str:
    return (
        text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":：").strip()
    )


def name(widget: QWidget, text: str) -> None:
    """The name read when the widget gets focus."""
    widget.setAccessibleName(_plain(text))


def describe(widget: QWidget, text: str) -> None:
    """What the widget is for, read after its name."""
    widget.setAccessibleDescription(text)


def name_icon_button(button: QAbstractButton, text: str) -> None:
    """An icon-only button: its name and its tooltip say the same."""
    plain = _plain(text)
    button.setAccessibleName(plain)
    if not button.toolTip():
        button.setToolTip(plain)


class Announcer(QObject):
    announced = Signal(str, bool)  # text, urgent


_announcer: Announcer | None = None


def announcer() -> Announcer:
    global _announcer
    if _announcer is None:
        _announcer = Announcer()
    return _announcer


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers say ``text`` now (``urgent``: interrupting what they say).
    Rich text is read as its plain text."""
    # Imported here, not with the module: QAccessible's eight enums are 2 ms of the
    # startup's GUI thread, and nothing is announced before the first account has loaded.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment

    if "<" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcer().announced.emit(text, urgent)
