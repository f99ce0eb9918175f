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
from pathlib import Path

from PySide6.QtCore import QCoreApplication

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

log = logging.getLogger("smsc_desktop.ui.demo")

translate = QCoreApplication.translate

DEMO_SIBLING_IDS = {
    POOR_LOGIN: "sandbox-poor",
    BLOCKED_LOGIN: "sandbox-blocked",
    KZ_LOGIN: "sandbox-kz",
}


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
