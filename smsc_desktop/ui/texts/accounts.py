"""Plain, translated sentences for the accounts: what is wrong with a profile, why passwords
are kept for this session only, and what the account dialog and its connection test say.

The services report enums (``ProfileProblem``, ``KeyringProblem``) and error objects; this
module words them for the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from smsc_desktop.services.profiles import AuthKind, Profile, ProfileProblem
from smsc_desktop.services.secrets import KeyringProblem
from smsc_desktop.ui.formatting import format_money

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


# --- what is wrong with a profile ---------------------------------------------------------


def profile_problem_text(problem: ProfileProblem) -> str:
    texts = {
        ProfileProblem.NO_NAME: translate("accounts", "Enter a name for the account."),
        ProfileProblem.DUPLICATE_NAME: translate(
            "accounts", "Another account already has this name."
        ),
        ProfileProblem.BAD_SERVER: translate(
            "accounts",
            "The server address is not usable: enter e.g. smsc.ru or https://smsc.kz "
            "(plain http:// only for a server on this computer).",
        ),
        ProfileProblem.NO_LOGIN: translate("accounts", "Enter the login of the SMSC account."),
    }
    return texts[problem]


def problems_text(problems: Iterable[ProfileProblem]) -> str:
    """One line per problem."""
    return "\n".join(profile_problem_text(p) for p in problems)


# --- the keyring ----------------------------------------------------------------------------


def keyring_problem_text(problem: KeyringProblem | None) -> str:
    """Why passwords are kept for this session only ("" while the keyring is usable)."""
    if problem is None:
        return ""
    texts = {
        KeyringProblem.DISABLED: translate("accounts", "The app was started with --no-keyring."),
        KeyringProblem.NO_BACKEND: translate(
            "accounts", "No system keyring is available on this computer."
        ),
        KeyringProblem.INSECURE: translate(
            "accounts",
            "The only keyring available would store passwords in a plain file, which this "
            "app does not allow.",
        ),
        KeyringProblem.LOCKED: translate(
            "accounts", "The system keyring is locked and was not unlocked."
        ),
        KeyringProblem.UNREACHABLE: translate(
            "accounts", "The system keyring service cannot be reached."
        ),
        KeyringProblem.TIMEOUT: translate("accounts", "The system keyring did not answer in time."),
        KeyringProblem.ERROR: translate("accounts", "The system keyring reported an error."),
    }
    return texts[problem]


def session_only_text(problem: KeyringProblem | None) -> str:
    """The keyring notice: passwords stay in memory, and why."""
    return translate("accounts", "Passwords are kept for this session only. %1").replace(
        "%1", keyring_problem_text(problem)
    )


def saved_for_session_text() -> str:
    return translate("accounts", "Saved. The password is kept for this session only.")


def storage_hint(profile: Profile | None, *, keyring_usable: bool) -> str:
    """Where the secret typed into the form is kept."""
    if profile is not None and profile.demo:
        return translate("accounts", "The demo account's password is built in.")
    if keyring_usable:
        return translate("accounts", "Kept in the system keyring, never in a file.")
    return translate("accounts", "Kept for this session only: the app will ask for it next time.")


def secret_placeholder(profile: Profile | None, *, api_key: bool, has_secret: bool) -> str:
    """The grey text of the secret field (the stored secret itself never shows)."""
    if profile is not None and profile.demo:
        return translate("accounts", "Public demo password")
    if has_secret and profile is not None:
        return translate("accounts", "Saved — type a new one to replace it")
    if api_key:
        return translate("accounts", "Paste the API key from the SMSC settings")
    return translate("accounts", "The SMSC account password")


# --- a secret the app does not have ---------------------------------------------------------


def secret_to_connect_text(auth: AuthKind) -> str:
    """Save and connect without a secret."""
    if auth is AuthKind.API_KEY:
        return translate("accounts", "Enter the API key to connect.")
    return translate("accounts", "Enter the password to connect.")


def secret_to_test_text(auth: AuthKind) -> str:
    """A connection test without a secret."""
    if auth is AuthKind.API_KEY:
        return translate("accounts", "Enter the API key first.")
    return translate("accounts", "Enter the password first.")


def missing_secret_text(profile: Profile, *, keyring_explained: bool) -> str:
    """Opening an account whose secret is not known (``keyring_explained``: a notice
    already says why the keyring cannot help)."""
    if profile.auth is AuthKind.API_KEY:
        text = translate("accounts", "Enter the API key of “%1” to connect.")
    else:
        text = translate("accounts", "Enter the password of “%1” to connect.")
    text = text.replace("%1", profile.name)
    if keyring_explained:
        return text
    return text + " " + translate("accounts", "It is not in the system keyring.")


def sandbox_unavailable_text(port: int, reason: str) -> str:
    """The built-in sandbox of the demo accounts could not start (``port`` 0: any free
    one was asked for); ``reason`` is the sandbox's own words, quoted."""
    if port:
        text = translate(
            "accounts",
            "The built-in sandbox of the demo accounts could not start on port %1: another "
            "program may be using that port. Close it, or start SMSC Desktop with another "
            "--sandbox-port, or without that option (any free port is then used).",
        ).replace("%1", str(port))
    else:
        text = translate(
            "accounts",
            "The built-in sandbox of the demo accounts could not start. Restart SMSC Desktop; "
            "if it happens again, “Copy debug info” in the Help menu gives what support needs.",
        )
    return text + " " + translate("accounts", "The sandbox's words: “%1”").replace("%1", reason)


def sandbox_ended_text(exit_code: int, *, reopened: bool) -> str:
    """The built-in sandbox's process ended while the app used it (``reopened``: the demo
    account that was open has been opened again on a new one)."""
    if reopened:
        return translate(
            "accounts",
            "The built-in sandbox stopped unexpectedly (exit code %1) and has been started "
            "again. The demo account starts over with its sample data.",
        ).replace("%1", str(exit_code))
    return translate(
        "accounts",
        "The built-in sandbox stopped unexpectedly (exit code %1). It starts again when a demo "
        "account is opened.",
    ).replace("%1", str(exit_code))


# --- the account list and its actions ---------------------------------------------------------


def new_account_title() -> str:
    return translate("accounts", "New account")


def default_account_name() -> str:
    return translate("accounts", "My SMSC account")


def copy_name(name: str) -> str:
    return translate("accounts", "%1 (copy)").replace("%1", name)


def draft_detail() -> str:
    """The second line of an account that is not saved yet."""
    return translate("accounts", "not saved yet")


def open_mark() -> str:
    """Marks the account that is open in the main window."""
    return translate("accounts", "open")


def api_key_detail() -> str:
    return translate("accounts", "API key")


def demo_server_text() -> str:
    return translate("accounts", "Built-in sandbox")


def delete_title() -> str:
    return translate("accounts", "Delete account")


def delete_question(name: str) -> str:
    return translate("accounts", "Delete the account “%1”?").replace("%1", name)


def delete_details() -> str:
    return translate(
        "accounts",
        "Its password is removed from the system keyring. The account itself on SMSC is not "
        "touched, and the app's journals for it stay on this computer.",
    )


def delete_postponed_text(name: str) -> str:
    return translate(
        "accounts",
        "The keyring could not be reached, so the password of “%1” is still in it; the app "
        "deletes it the next time the keyring is available.",
    ).replace("%1", name)


def unsaved_title() -> str:
    return translate("accounts", "Unsaved changes")


def unsaved_question() -> str:
    return translate("accounts", "Save the changes to this account first?")


# --- the connection test ---------------------------------------------------------------------


def testing_text() -> str:
    return translate("accounts", "Asking SMSC for the balance…")


def connected_text(amount: Decimal, currency: str) -> str:
    return translate("accounts", "Connected. Balance: %1").replace(
        "%1", format_money(amount, currency)
    )


def error_detail(error: BaseException) -> str:
    """``SMSC error 2`` or the error's class: small print under the explanation."""
    code = getattr(error, "code", None)
    if code is not None:
        return translate("accounts", "SMSC error %1").replace("%1", str(code))
    return type(error).__name__
