"""The account form: name, server, sign-in, secret, low-balance warning, and the connection
test under them.

The secret field is never filled from the keyring: a stored secret stays where it is unless
the user types a new one, so neither the form nor a screenshot of it ever holds a stored
password. What the fields mean (the profile, what changed, what is wrong) is decided by
``services.profile_form.read_form``; this panel only shows and words it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.ids import new_id
from smsc_desktop.services.profile_form import FormReading, FormValues, read_form
from smsc_desktop.services.profiles import (
    PRODUCTION_SERVERS,
    AuthKind,
    Profile,
    ProfileProblem,
    clients_of,
    is_usable_server,
)
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.dialogs.accounts.connection_test import ConnectionTest
from smsc_desktop.ui.formatting import CURRENCY_SIGNS
from smsc_desktop.ui.texts import accounts as texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.account_badge import chip_style, kind_text, kind_tooltip
from smsc_desktop.ui.widgets.secret_edit import SecretEdit


class ProfileForm(QWidget):
    """One account's settings. ``load(profile)`` shows a saved account (None: a new one),
    ``reading()`` says what the fields mean now, ``edited`` fires on every edit."""

    edited = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccountForm")
        self.ctx = ctx
        self.current: Profile | None = None  # the saved profile shown; None: a new one
        self.loaded = False  # False until load(): nothing to edit
        self.has_secret = False  # the shown account has a secret stored
        self._draft_id = ""
        self._loading = False
        self.lookup_task = TaskSlot(self, "secret-lookup")
        self._build()

    def _build(self) -> None:
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("NameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. Client A — marketing"))
        self.client_edit = QLineEdit(self)
        self.client_edit.setObjectName("ClientEdit")
        self.client_edit.setPlaceholderText(self.tr("The company this account is for (optional)"))
        self.client_edit.setToolTip(
            self.tr("Accounts of the same client are grouped together in the list.")
        )
        self.client_model = QStringListModel(self)
        completer = QCompleter(self.client_model, self.client_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.client_edit.setCompleter(completer)
        self.client_label = QLabel(self.tr("Client:"), self)
        self.client_label.setBuddy(self.client_edit)
        a11y.name(self.client_edit, self.tr("Client:"))
        self.server_combo = QComboBox(self)
        self.server_combo.setObjectName("ServerCombo")
        self.server_combo.setEditable(True)
        self.server_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for url, label in PRODUCTION_SERVERS.items():
            self.server_combo.addItem(label, url)
        server_edit = self.server_combo.lineEdit()
        assert server_edit is not None  # an editable combo box has one
        server_edit.setPlaceholderText(self.tr("smsc.ru or another address"))
        self.server_combo.setToolTip(
            self.tr(
                "The SMSC site your account was registered on, a mirror, or the address of a "
                "test server (plain http:// only on this computer)."
            )
        )
        self.server_chip = QLabel(self)
        self.server_chip.setObjectName("ServerKind")
        server_row = QHBoxLayout()
        server_row.addWidget(self.server_combo, 1)
        server_row.addWidget(self.server_chip)
        a11y.name(self.server_combo, self.tr("Server:"))

        self.password_radio = QRadioButton(self.tr("Login and password"), self)
        self.apikey_radio = QRadioButton(self.tr("API key"), self)
        self.auth_group = QButtonGroup(self)
        self.auth_group.addButton(self.password_radio)
        self.auth_group.addButton(self.apikey_radio)
        self.password_radio.setChecked(True)
        auth_row = QHBoxLayout()
        auth_row.addWidget(self.password_radio)
        auth_row.addWidget(self.apikey_radio)
        auth_row.addStretch(1)

        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("LoginEdit")
        self.login_label = QLabel(self.tr("Login:"), self)
        self.secret_edit = SecretEdit(self)
        self.secret_label = QLabel(self)
        self.storage_hint = QLabel(self)
        self.storage_hint.setObjectName("StorageHint")
        set_tone(self.storage_hint, Tone.MUTED)
        self.storage_hint.setWordWrap(True)

        self.low_spin = QDoubleSpinBox(self)
        self.low_spin.setObjectName("LowBalance")
        self.low_spin.setRange(0, 10_000_000)
        self.low_spin.setDecimals(2)
        self.low_spin.setSingleStep(100)
        self.low_spin.setSpecialValueText(self.tr("Off"))
        self.low_spin.setToolTip(
            self.tr("The balance turns red in the status bar below this amount (0: off).")
        )

        self.tester = ConnectionTest(self.ctx, self.reading, self)
        self.tester.problemsFound.connect(self.show_problems)
        self.tester.currencyFound.connect(self._currency_found)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("FormProblem")
        set_tone(self.problem_label, Tone.BAD)
        self.problem_label.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.client_label, self.client_edit)
        form.addRow(self.tr("Server:"), server_row)
        form.addRow(self.tr("Sign in with:"), auth_row)
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.secret_label, self.secret_edit)
        self.login_label.setBuddy(self.login_edit)
        self.secret_label.setBuddy(self.secret_edit.edit)
        form.addRow("", self.storage_hint)
        form.addRow(self.tr("Low-balance warning:"), self.low_spin)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 4, 8, 4)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(line)
        layout.addWidget(self.tester)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

        for signal in (
            self.name_edit.textChanged,
            self.client_edit.textChanged,
            self.server_combo.editTextChanged,
            self.login_edit.textChanged,
            self.secret_edit.textChanged,
            self.low_spin.valueChanged,
            self.password_radio.toggled,
        ):
            signal.connect(self._changed)
        for signal in (
            self.server_combo.editTextChanged,
            self.login_edit.textChanged,
            self.secret_edit.textChanged,
            self.password_radio.toggled,
        ):
            signal.connect(self._connection_changed)
        self.password_radio.toggled.connect(self._auth_kind_changed)
        self.server_combo.editTextChanged.connect(self._update_server_chip)

    # --- showing an account ----------------------------------------------------------------

    def load(self, profile: Profile | None, *, has_secret: bool | None = None) -> None:
        """Show ``profile`` (None: an empty form for a new account). ``has_secret`` when the
        caller knows whether a secret is stored; otherwise the keyring is asked."""
        self._loading = True
        self.lookup_task.cancel()
        if not _same_account(profile, self.current):
            self.tester.cancel()  # a test of the same account (before a save) carries on
        self.current = profile
        self.loaded = True
        self._draft_id = "" if profile else new_id()
        self.problem_label.clear()
        if not self.tester.running:
            self.tester.clear()
        self.secret_edit.clear()
        self.client_model.setStringList(clients_of(self.ctx.profiles))
        if profile is None:
            self.heading.setText(texts.new_account_title())
            self.name_edit.setText(self.ctx.profiles.unique_name(texts.default_account_name()))
            self.server_combo.setCurrentIndex(0)
            self.password_radio.setChecked(True)
            self.login_edit.clear()
            self.client_edit.clear()
            self.low_spin.setValue(0)
        else:
            self.heading.setText(profile.name)
            self.name_edit.setText(profile.name)
            self.client_edit.setText(profile.client)
            self._set_server(profile)
            (
                self.apikey_radio if profile.auth is AuthKind.API_KEY else self.password_radio
            ).setChecked(True)
            self.login_edit.setText(profile.login)
            self.low_spin.setValue(float(profile.low_balance or 0))
        demo = bool(profile and profile.demo)
        for widget in (
            self.server_combo,
            self.password_radio,
            self.apikey_radio,
            self.login_edit,
            self.secret_edit,
        ):
            widget.setEnabled(not demo)
        self.has_secret = bool(has_secret)
        self._auth_kind_changed()
        self._update_server_chip()
        self._loading = False
        if profile is not None and has_secret is None:
            self.lookup_task.start(self._look_up_secret(profile))

    def unload(self) -> None:
        """Nothing to edit (the welcome page is shown, or the account was deleted)."""
        self.stop()
        self.current = None
        self.loaded = False

    def stop(self) -> None:
        """Stop the keyring lookup and the connection test (the dialog closed)."""
        self.lookup_task.cancel()
        self.tester.cancel()

    def _set_server(self, profile: Profile) -> None:
        if profile.demo:
            self.server_combo.setEditText(texts.demo_server_text())
            return
        index = self.server_combo.findData(profile.server)
        if index >= 0:
            self.server_combo.setCurrentIndex(index)
        else:
            self.server_combo.setEditText(profile.server)

    async def _look_up_secret(self, profile: Profile) -> None:
        # Cancelled when another account is loaded or the form goes: then the await below
        # raises and nothing here touches a widget.
        has = await self.ctx.accounts.has_secret(profile)
        self.has_secret = has
        self.update_secret_hint()

    # --- reading ---------------------------------------------------------------------------

    def values(self) -> FormValues:
        """What the fields say."""
        return FormValues(
            name=self.name_edit.text(),
            server=self._server_text(),
            auth=AuthKind.API_KEY if self.apikey_radio.isChecked() else AuthKind.PASSWORD,
            login=self.login_edit.text(),
            secret=self.secret_edit.text(),
            low_balance=self.low_spin.value(),
            client=self.client_edit.text(),
        )

    def reading(self) -> FormReading:
        """The fields as a profile: its problems and what differs from the saved one."""
        return read_form(
            self.values(),
            base=self.current,
            draft_id=self._draft_id,
            others=self.ctx.profiles.profiles(),
        )

    @property
    def dirty(self) -> bool:
        """Whether the form holds something to save."""
        return self.loaded and self.reading().dirty

    def _server_text(self) -> str:
        """The address typed, or the one behind a server chosen from the list."""
        text = self.server_combo.currentText().strip()
        index = self.server_combo.findText(text)
        if index >= 0 and self.server_combo.itemData(index):
            return str(self.server_combo.itemData(index))
        return text

    # --- showing what is wrong -----------------------------------------------------------------

    def show_problems(self, problems: Sequence[ProfileProblem]) -> None:
        """Word the problems under the form and put the cursor where the first one is."""
        self.problem_label.setText(texts.problems_text(problems))
        focus: dict[ProfileProblem, QWidget] = {
            ProfileProblem.NO_NAME: self.name_edit,
            ProfileProblem.DUPLICATE_NAME: self.name_edit,
            ProfileProblem.BAD_SERVER: self.server_combo,
            ProfileProblem.NO_LOGIN: self.login_edit,
        }
        if problems:
            focus[problems[0]].setFocus()

    def show_note(self, text: str) -> None:
        """A line under the form (a saved secret kept for this session only, a missing
        secret)."""
        self.problem_label.setText(text)

    def ask_for_secret(self) -> None:
        self.show_note(
            texts.secret_to_connect_text(
                self.current.auth if self.current is not None else AuthKind.PASSWORD
            )
        )
        self.secret_edit.setFocus()

    # --- following the edits --------------------------------------------------------------------

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        self.problem_label.clear()
        self.edited.emit()

    def _connection_changed(self, *_: object) -> None:
        """Another server, login or secret: the last test result no longer applies."""
        if not self._loading and not self.tester.running:
            self.tester.clear()

    def _auth_kind_changed(self, *_: object) -> None:
        api_key = self.apikey_radio.isChecked()
        self.login_label.setVisible(not api_key)
        self.login_edit.setVisible(not api_key)
        self.secret_label.setText(self.tr("API key:") if api_key else self.tr("Password:"))
        self.secret_edit.conceal()
        self.update_secret_hint()

    def update_secret_hint(self) -> None:
        """The secret field's grey text and where a typed secret is kept."""
        profile = self.current
        self.secret_edit.setPlaceholderText(
            texts.secret_placeholder(
                profile, api_key=self.apikey_radio.isChecked(), has_secret=self.has_secret
            )
        )
        self.storage_hint.setText(
            texts.storage_hint(profile, keyring_usable=self.ctx.secrets.status.usable)
        )

    def _update_server_chip(self, *_: object) -> None:
        if self.current is not None and self.current.demo:
            probe = self.current
        else:
            probe = Profile(name="", server=self._server_text())
            if not is_usable_server(probe.server):
                self.server_chip.hide()
                return
        self.server_chip.setText(kind_text(probe))
        self.server_chip.setStyleSheet(chip_style(probe))
        self.server_chip.setToolTip(kind_tooltip(probe))
        self.server_chip.show()

    def _currency_found(self, currency: str) -> None:
        sign = CURRENCY_SIGNS.get(currency.upper(), currency)
        self.low_spin.setSuffix(f" {sign}")


def _same_account(a: Profile | None, b: Profile | None) -> bool:
    return a is not None and b is not None and a.id == b.id
