"""The account dialog (``AccountsDialog``) and its panels: the account list, the welcome
page, the account form and its connection test."""

from smsc_desktop.ui.dialogs.accounts.dialog import FORM_PAGE, WELCOME_PAGE, AccountsDialog

__all__ = ["FORM_PAGE", "WELCOME_PAGE", "AccountsDialog"]
