"""The sandbox's other accounts, saved as demo profiles next to "Sandbox demo".

The built-in sandbox knows four accounts (``sandbox/config.py``): the demo account, one
with 10 RUR, one whose every request is refused with "IP blocked" (error 4), and one in
tenge. When the demo is chosen for the first time (``--demo`` or the first-run page), the
three others are saved as demo profiles too, so the Overview tab has several accounts to
show: a low balance under its warning level, an error in plain words, another currency.
Like the demo profile they are ordinary saved profiles (the user may delete them) whose
server is the sandbox started on demand; their public sandbox credentials are never stored
(``AppContext.demo_credentials`` gives them by login).

The numbers the sandbox's accounts rent from the start are put into their My numbers (as
numbers rented elsewhere, with the sandbox's price), so their monthly renewals show too.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from smsc_desktop.sandbox.config import (
    BLOCKED_LOGIN,
    CURRENCY_RATES,
    DEMO_LOGIN,
    KZ_LOGIN,
    POOR_LOGIN,
    RENTED_MONTHLY_RUB,
    default_accounts,
)
from smsc_desktop.sandbox.numbers import operator_info
from smsc_desktop.services.ledger import Ledger, OwnedNumber, RentalSource
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import DEMO_PROFILE_ID, Profile, ProfileStore, demo_profile
from smsc_desktop.ui.resources import translations_dir

log = logging.getLogger("smsc_desktop.ui.demo")

translate = QCoreApplication.translate

DEMO_SIBLING_IDS = {
    POOR_LOGIN: "sandbox-poor",
    BLOCKED_LOGIN: "sandbox-blocked",
    KZ_LOGIN: "sandbox-kz",
}


def demo_name() -> str:
    """The demo account's name in the interface language."""
    return translate("demo", "Sandbox demo")


DEFAULT_NAMES = {
    DEMO_PROFILE_ID: "Sandbox demo",
    DEMO_SIBLING_IDS[POOR_LOGIN]: "Sandbox demo — low balance",
    DEMO_SIBLING_IDS[BLOCKED_LOGIN]: "Sandbox demo — IP blocked",
    DEMO_SIBLING_IDS[KZ_LOGIN]: "Sandbox demo — tenge",
}
"""The demo profiles' names in English, as a demo started in English saved them."""


def _names_in(translator: QTranslator) -> dict[str, str]:
    """The demo profiles' names in the language of ``translator`` (English when empty)."""
    names = {
        DEMO_PROFILE_ID: translator.translate("demo", "Sandbox demo"),
        DEMO_SIBLING_IDS[POOR_LOGIN]: translator.translate("demo", "Sandbox demo — low balance"),
        DEMO_SIBLING_IDS[BLOCKED_LOGIN]: translator.translate("demo", "Sandbox demo — IP blocked"),
        DEMO_SIBLING_IDS[KZ_LOGIN]: translator.translate("demo", "Sandbox demo — tenge"),
    }
    return {pid: name or DEFAULT_NAMES[pid] for pid, name in names.items()}


@cache
def _default_names_in_every_language() -> dict[str, frozenset[str]]:
    """Every name a demo profile was given at its making, in any of the app's languages."""
    known = {pid: {name} for pid, name in DEFAULT_NAMES.items()}
    for path in sorted(translations_dir().glob("smsc_desktop_*.qm")):
        translator = QTranslator()
        if translator.load(str(path)):
            for pid, name in _names_in(translator).items():
                known[pid].add(name)
    return {pid: frozenset(names) for pid, names in known.items()}


def localize_demo_names(profiles: ProfileStore) -> None:
    """Demo profiles still under a default name (in any of the app's languages) take the
    interface language's: a demo made in English reads "Демо-песочница" once the app speaks
    Russian, and back. A name the user gave is kept."""
    names = {
        DEMO_PROFILE_ID: demo_name(),
        **{profile.id: profile.name for profile in sibling_profiles()},
    }
    defaults = _default_names_in_every_language()
    for profile_id, wanted in names.items():
        profile = profiles.get(profile_id)
        if profile is None or not profile.demo or profile.name == wanted:
            continue
        if profile.name not in defaults[profile_id]:
            continue
        if all(p.name != wanted for p in profiles):
            profiles.update(profile.renamed(wanted))


def sibling_profiles() -> list[Profile]:
    """The sandbox's other accounts as demo profiles (names in the interface language)."""
    names = {
        POOR_LOGIN: translate("demo", "Sandbox demo — low balance"),
        BLOCKED_LOGIN: translate("demo", "Sandbox demo — IP blocked"),
        KZ_LOGIN: translate("demo", "Sandbox demo — tenge"),
    }
    levels = {POOR_LOGIN: Decimal("100.00"), KZ_LOGIN: Decimal("50000.00")}
    base = demo_profile("")
    return [
        replace(base, id=pid, name=names[login], login=login, low_balance=levels.get(login))
        for login, pid in DEMO_SIBLING_IDS.items()
    ]


async def add_demo_siblings(profiles: ProfileStore, paths: AppPaths) -> list[Profile]:
    """Save the sibling demo profiles that are missing (under unique names) and put the
    sandbox's rented numbers into the demo accounts' My numbers (where it is empty)."""
    added = []
    for profile in sibling_profiles():
        if profiles.get(profile.id) is None:
            added.append(profiles.add(replace(profile, name=profiles.unique_name(profile.name))))
    ids = {DEMO_LOGIN: DEMO_PROFILE_ID, **DEMO_SIBLING_IDS}
    folders = {login: paths.profile_dir(pid) for login, pid in ids.items()}
    try:
        await asyncio.to_thread(_seed_ledgers, folders)
    except OSError as exc:
        log.warning("The demo accounts' numbers were not recorded: %s", exc)
    return added


def _seed_ledgers(folders: dict[str, Path]) -> None:
    for account in default_accounts():
        folder = folders.get(account.login)
        if folder is None or not account.rented:
            continue
        ledger = Ledger(folder)
        if ledger.path.exists():
            continue
        rate = CURRENCY_RATES.get(account.currency, Decimal("1"))
        monthly = (RENTED_MONTHLY_RUB * rate).quantize(Decimal("0.01"))
        for phone, noprolong in account.rented:
            ledger.put(
                OwnedNumber(
                    phone,
                    renew=not noprolong,
                    source=RentalSource.EXTERNAL,
                    monthly_cost=monthly,
                    currency=account.currency,
                    type=1,
                    info=operator_info(phone)[0],
                )
            )
        ledger.save()
