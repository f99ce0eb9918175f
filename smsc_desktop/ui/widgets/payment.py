"""What every confirmation of a money-spending action shares (rent, test send).

- :func:`show_money_warning`: the balance is known to be short (an error box: nothing will be
  sent) or could not be checked (a note: SMSC refuses and charges nothing if it is short);
- :class:`PayButtons`: Cancel as the default button (Enter never spends money by accident)
  and a primary "… for <amount>" button that accepts the dialog once: a second click on the
  way out does nothing, so one confirmation sends one request.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton

from smsc_desktop.ui.theme import Box, set_box, set_primary


def show_money_warning(
    label: QLabel, enough_money: bool | None, *, short: str, unchecked: str
) -> None:
    """``short`` when the balance is known to be too low, ``unchecked`` when it is unknown;
    the label hidden when the balance is enough."""
    if enough_money is False:
        label.setText(short)
        set_box(label, Box.ERROR)
    elif enough_money is None:
        label.setText(unchecked)
        set_box(label, Box.NOTE)
    label.setVisible(enough_money is not True)


class PayButtons(QDialogButtonBox):
    """Cancel (default) and the pay button (``pay_button``), which accepts ``dialog`` once."""

    def __init__(self, dialog: QDialog, text: str, *, object_name: str, enabled: bool) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.pay_button = QPushButton(text, dialog)
        self.pay_button.setObjectName(object_name)
        set_primary(self.pay_button)
        self.pay_button.setAutoDefault(False)
        self.pay_button.setDefault(False)
        self.pay_button.setEnabled(enabled)
        self.cancel_button = self.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.addButton(self.pay_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.pay_button.clicked.connect(self.confirm)
        self.rejected.connect(dialog.reject)
        self.confirmed = False

    def confirm(self) -> None:
        """Accept the dialog, once; what every extra click ends in."""
        if self.confirmed or not self.pay_button.isEnabled():
            return
        self.confirmed = True
        self.pay_button.setEnabled(False)
        self._dialog.accept()
