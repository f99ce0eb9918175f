"""File → Settings…: the user's preferences, one page per section.

The options themselves are declared once in ``services/settings.py`` (``OPTIONS``: type,
default, range); a page only says which ones it shows and how they are labelled. To add a
section: subclass :class:`SettingsSection`, build its fields in ``build()`` with
``self.check(...)``/``self.number(...)`` (or add your own widgets and override ``load``
and ``apply``), give it a ``key`` and a ``title()``, and append the class to ``SECTIONS``.
OK and Apply write every page's values (``Settings.set``, which saves at once and tells
whoever follows an option); Cancel writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.notifications import Kind
from smsc_desktop.services.settings import OPTIONS, Settings
from smsc_desktop.ui import a11y
from smsc_desktop.ui.texts import notifications as texts
from smsc_desktop.ui.theme import Tone, set_tone

Field = tuple[str, Callable[[], Any], Callable[[Any], None]]
"""(option name, read the widget, show a value)."""


class SettingsSection(QWidget):
    """One page of the settings dialog."""

    key: ClassVar[str] = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[Field] = []
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.build()

    def title(self) -> str:
        raise NotImplementedError

    def build(self) -> None:
        """Add the page's fields."""

    def intro(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        set_tone(label, Tone.MUTED)
        self.form.addRow(label)
        return label

    def check(self, name: str, label: str) -> QCheckBox:
        """A switch for the ``bool`` option ``name``."""
        box = QCheckBox(label, self)
        box.setObjectName(name)
        box.setAccessibleName(label)
        self.fields.append((name, box.isChecked, lambda v: box.setChecked(bool(v))))
        self.form.addRow(box)
        return box

    def number(self, name: str, label: str, suffix: str = "") -> QSpinBox:
        """A number for the ``int`` option ``name``, within its declared range."""
        option = OPTIONS[name]
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(label.rstrip(":"))
        spin.setRange(
            option.minimum if option.minimum is not None else 0,
            option.maximum if option.maximum is not None else 1_000_000,
        )
        spin.setSuffix(suffix)
        self.fields.append((name, spin.value, lambda v: spin.setValue(int(v))))
        self.form.addRow(label, spin)
        return spin

    def choice(self, name: str, label: str, items: list[tuple[str, str]]) -> QComboBox:
        """A choice among ``items`` (text, value) for the ``str`` option ``name``."""
        combo = QComboBox(self)
        combo.setObjectName(name)
        a11y.name(combo, label)
        for text, value in items:
            combo.addItem(text, value)

        def show(value: Any) -> None:
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))

        self.fields.append((name, combo.currentData, show))
        self.form.addRow(label, combo)
        return combo

    def load(self, settings: Settings) -> None:
        for name, _read, show in self.fields:
            show(settings.get(name))

    def apply(self, settings: Settings) -> None:
        for name, read, _show in self.fields:
            settings.set(name, OPTIONS[name].type(read()))


class NotificationsSection(SettingsSection):
    key = "notifications"

    def title(self) -> str:
        return self.tr("Notifications")

    def build(self) -> None:
        self.intro(texts.page_intro())
        for kind in Kind:
            self.check(kind.setting, texts.kind_label(kind))


class InboxSection(SettingsSection):
    key = "inbox"

    def title(self) -> str:
        return self.tr("Incoming SMS")

    def build(self) -> None:
        self.intro(
            self.tr(
                "The Numbers tab shows the SMS that arrive on the account's numbers. It checks "
                "for new ones while it is open and the account rents a number."
            )
        )
        self.number("inbox/lookback_hours", self.tr("Show the SMS of the last:"), self.tr(" h"))
        self.number("inbox/poll_seconds", self.tr("Check for new SMS every:"), self.tr(" s"))


class AppearanceSection(SettingsSection):
    key = "appearance"

    def title(self) -> str:
        return self.tr("Appearance")

    def build(self) -> None:
        self.choice(
            "ui/language",
            self.tr("Language:"),
            [(self.tr("As the system"), ""), ("English", "en"), ("Русский", "ru")],
        )
        note = self.intro(self.tr("A new language is used from the next start."))
        note.setObjectName("languageNote")
        self.choice(
            "ui/color_scheme",
            self.tr("Colours:"),
            [
                (self.tr("As the system"), "system"),
                (self.tr("Light"), "light"),
                (self.tr("Dark"), "dark"),
            ],
        )


class DownloadsSection(SettingsSection):
    key = "downloads"

    def title(self) -> str:
        return self.tr("Downloads")

    def build(self) -> None:
        self.folder = QLineEdit(self)
        self.folder.setObjectName("downloads/folder")
        self.folder.setPlaceholderText(self.tr("the Downloads folder"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setObjectName("chooseFolder")
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        label = QLabel(self.tr("Save export files to:"), self)
        label.setBuddy(self.folder)
        self.form.addRow(label, row)
        self.fields.append(("downloads/folder", self.folder.text, self._show_folder))
        self.number("downloads/concurrency", self.tr("Files downloaded at once:"))

    def _show_folder(self, value: Any) -> None:
        self.folder.setText(str(value or ""))

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for export files"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()


SECTIONS: list[type[SettingsSection]] = [
    NotificationsSection,
    InboxSection,
    AppearanceSection,
    DownloadsSection,
]


class SettingsDialog(QDialog):
    """The sections on the left, the chosen one on the right; OK, Cancel, Apply."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        sections: list[type[SettingsSection]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsNav")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget(self)
        self.sections: dict[str, SettingsSection] = {}
        for cls in sections or SECTIONS:
            page = cls(self.stack)
            page.load(settings)
            self.sections[cls.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setSizeHint(QSize(150, 30))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply.clicked.connect(self.apply)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(640, 400)

    def reload(self) -> None:
        """Show the values saved now (the dialog is opened again)."""
        for page in self.sections.values():
            page.load(self.settings)

    def show_section(self, key: str) -> SettingsSection:
        page = self.sections[key]
        self.nav.setCurrentRow(self.stack.indexOf(page))
        return page

    def apply(self) -> None:
        for page in self.sections.values():
            page.apply(self.settings)

    def accept(self) -> None:
        self.apply()
        super().accept()
