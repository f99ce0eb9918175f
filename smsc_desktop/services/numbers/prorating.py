"""When SMSC's prorated price changes: at the start of a day, in a time zone SMSC's
documentation does not name.

``current_cost`` is "the price for the days left until the end of the current month", so it
falls at every midnight and jumps to a whole month's price on the 1st. SMSC's docs do not say
whose midnight. The app reads SMSC's dates as Moscow time, so Moscow is its reading (the
quote's "today" and the days of the month it names); but a price is trusted only while no
midnight has passed since the list was asked for in any zone SMSC plausibly counts days
in: Moscow (smsc.ru, smscentre.com), Kyiv (smsc.ua, UTC+2 and +3 in summer), Almaty
(smsc.kz, UTC+5) and UTC (a server's clock). A guess about the zone therefore never leaves
an old price on the confirmation: at worst the list is asked for once more.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Final

from smsc_desktop.api import MSK

DAY_ZONES: Final = (
    UTC,
    timezone(timedelta(hours=2)),
    MSK,
    timezone(timedelta(hours=5)),
)


def smsc_date(moment: datetime) -> date:
    """The date at ``moment`` in the app's reading of SMSC's time zone (Moscow)."""
    return moment.astimezone(MSK).date()


def last_midnight(moment: datetime) -> datetime:
    """The latest midnight at or before ``moment`` in any of :data:`DAY_ZONES`."""
    return max(
        datetime.combine(moment.astimezone(zone).date(), time(0), tzinfo=zone) for zone in DAY_ZONES
    )


def price_may_have_changed(asked: datetime, now: datetime) -> bool:
    """A day may have begun for SMSC between ``asked`` (when a price list was asked for)
    and ``now``: its prorated prices may no longer be the ones SMSC charges."""
    return asked < last_midnight(now)
