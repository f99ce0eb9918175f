"""Every kind of desktop notification is worded, and named on the settings page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from smsc_desktop.services.notifications import Event, Kind
from smsc_desktop.ui.texts import notifications as texts


def test_every_kind_has_its_own_title_body_and_switch(qapp: Any) -> None:
    titles = set()
    for kind in Kind:
        event = Event(
            kind,
            "acc",
            "Client A",
            subject="79165550101",
            amount=Decimal("12.5"),
            limit=Decimal("300"),
            currency="RUR",
        )
        title, body = texts.notification(event)
        assert title, kind
        assert body, kind
        titles.add(title)
        assert texts.kind_label(kind)
    assert len(titles) == len(Kind)


def test_renewals_not_covered_names_both_amounts(qapp: Any) -> None:
    event = Event(
        Kind.RENEWALS_NOT_COVERED,
        "acc",
        "Client A",
        amount=Decimal("12.5"),
        limit=Decimal("300"),
        currency="RUR",
    )
    title, body = texts.notification(event)
    assert "Client A" in title
    assert "12.50" in body
    assert "300.00" in body
