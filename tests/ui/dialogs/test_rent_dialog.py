"""The rent confirmation cannot be misread (issue 20, items 4 and 5; issue 17, items 7 and 8):
the "Then" line follows the renewal box, the prorated charge says which days it pays for
(read off SMSC's own prices, whichever way SMSC counts today), a price asked again after
the date changed says so, and the rules a rent accepts are linked for the account's site."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from smsc_desktop.api import FreeNumber
from smsc_desktop.services.numbers import RentQuote
from smsc_desktop.services.numbers.rules import rules_page
from smsc_desktop.ui.dialogs.rent import RentDialog
from smsc_desktop.ui.resources import translations_dir

DECEMBER_3 = date(2026, 12, 3)  # December has 31 days


def prorated(cost: str, days: int, total: int = 31) -> Decimal:
    return (Decimal(cost) * days / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def quote(days: int = 29, **fields: Any) -> RentQuote:
    number = FreeNumber("79001234567", 1, Decimal("3900.00"), prorated("3900.00", days), "MTS")
    values: dict[str, Any] = {
        "balance": Decimal("5000.00"),
        "currency": "RUR",
        "today": DECEMBER_3,
        "rules_url": rules_page("https://smsc.ru"),
    }
    values.update(fields)
    return RentQuote(number, **values)


def open_dialog(qtbot: Any, q: RentQuote) -> RentDialog:
    dialog = RentDialog(q, account="Client")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load("smsc_desktop_ru", str(translations_dir()))
    QCoreApplication.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    QLocale.setDefault(before)
    QCoreApplication.removeTranslator(translator)


def test_the_then_line_follows_the_renewal_box(qtbot: Any) -> None:
    dialog = open_dialog(qtbot, quote())
    assert dialog.monthly_label.text() == (
        "3,900.00 ₽ a month from 1 January 2027, while auto-renewal is on"
    )
    dialog.renew_box.setChecked(False)
    text = dialog.monthly_label.text()
    assert "3,900.00" not in text
    assert "auto-renewal is on" not in text
    assert text == "Nothing more is charged: the number is released at the end of December."
    assert not dialog.renew
    dialog.renew_box.setChecked(True)
    assert "1 January 2027" in dialog.monthly_label.text()
    assert dialog.renew


@pytest.mark.parametrize("days", [29, 28])  # SMSC counts today, or starts tomorrow
def test_the_charge_says_which_days_it_pays_for(qtbot: Any, days: int) -> None:
    dialog = open_dialog(qtbot, quote(days))
    text = dialog.charge_label.text()
    assert f"for {days} of 31 days of December" in text
    assert str(prorated("3900.00", days)) in text.replace(",", "")


def test_prices_that_are_not_whole_days_do_not_claim_a_count(qtbot: Any) -> None:
    number = FreeNumber("79001234567", 1, Decimal("3900.00"), Decimal("2000.00"), "MTS")
    dialog = open_dialog(qtbot, RentQuote(number, None, "RUR", today=DECEMBER_3))
    text = dialog.charge_label.text()
    assert "for the days left in December" in text
    assert " of 31 days" not in text


def test_a_price_asked_again_says_why_and_what_the_list_said(qtbot: Any) -> None:
    fresh = quote(31, today=date(2026, 12, 1), previous_charge=prorated("3900.00", 1, 30))
    dialog = open_dialog(qtbot, fresh)
    assert dialog.month_note.isVisible()
    note = dialog.month_note.text()
    assert note.startswith("A new day has begun for SMSC since the list was loaded")
    assert "3,900.00 ₽ now" in note
    assert "130.00 ₽" in note  # what the list loaded on 30 November said
    assert "for 31 of 31 days of December" in dialog.charge_label.text()
    assert dialog.rent_button.text() == "Rent for 3,900.00 ₽"
    assert not open_dialog(qtbot, quote()).month_note.isVisible()
    # Asked again at midnight in another zone, SMSC's price had not changed: nothing to say.
    same = quote(29, previous_charge=prorated("3900.00", 29))
    assert same.refreshed
    assert not open_dialog(qtbot, same).month_note.isVisible()


@pytest.mark.parametrize(
    ("server", "site"),
    [
        ("https://smsc.ru", "smsc.ru"),
        ("https://www2.smsc.ru/", "smsc.ru"),
        ("smsc.kz", "smsc.kz"),
        ("https://smsc.ua", "smsc.ru"),  # no address known for smsc.ua's page
        ("https://smscentre.com", "smscentre.com"),
        ("http://127.0.0.1:8765", "smsc.ru"),
    ],
)
def test_the_rules_are_linked_for_the_accounts_site(qtbot: Any, server: str, site: str) -> None:
    url = rules_page(server)
    assert url.startswith(f"https://{site}/api/http/miscellaneous")
    dialog = open_dialog(qtbot, quote(rules_url=url))
    assert dialog.rules_label.isVisible()
    text = html.unescape(dialog.rules_label.text())
    assert "accepting SMSC's rules" in text
    assert f'href="{url}"' in text
    assert f"SMSC's page on these numbers ({site})" in text
    assert dialog.rules_label.openExternalLinks()


def test_russian_wording(qtbot: Any, russian: None) -> None:
    dialog = open_dialog(qtbot, quote())
    charge = dialog.charge_label.text()
    assert "за 29 из 31 дня декабря" in charge
    assert "1 января 2027" in dialog.monthly_label.text()
    dialog.renew_box.setChecked(False)
    assert dialog.monthly_label.text() == (
        "Больше ничего не списывается: номер освобождается в конце декабря."
    )
    assert "правил" in dialog.rules_label.text()
    number = FreeNumber("79001234567", 1, Decimal("3900.00"), Decimal("2000.00"), "MTS")
    odd = open_dialog(qtbot, RentQuote(number, None, "RUR", today=DECEMBER_3))
    assert "за оставшиеся дни декабря" in odd.charge_label.text()
