"""What an export says: totals, shares and a time series, built from a scanner's counts.

Every value is read here once per distinct raw value (a few thousand at most), so dates,
amounts and statuses can be read carefully. Nothing here imports Qt; the view draws it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from smsc_desktop.services.insights.columns import Field
from smsc_desktop.services.insights.scan import FileFormat, Tally, split_fields
from smsc_desktop.services.insights.values import (
    Outcome,
    amount_of,
    hour_of,
    outcome_of,
    parts_for,
    parts_of,
)

HOURLY_UP_TO = dt.timedelta(days=2)
"""A shorter range is drawn per hour; a longer one per day."""
DAILY_UP_TO = dt.timedelta(days=400)
"""A longer range than this is drawn per month."""


class Step(enum.Enum):
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Bucket:
    """Messages and their cost in one hour, day or month."""

    start: dt.datetime
    messages: int
    cost: Decimal


@dataclass(frozen=True, slots=True)
class Share:
    """One sender, operator, country or status: its messages, how many were delivered, cost."""

    label: str
    messages: int
    delivered: int = 0
    failed: int = 0
    cost: Decimal = Decimal(0)
    outcome: Outcome | None = None
    """For a status: what it means."""

    @property
    def delivered_share(self) -> float:
        return self.delivered / self.messages if self.messages else 0.0


@dataclass(frozen=True)
class Insights:
    path: Path
    format: FileFormat
    rows: int
    """Records read (unreadable lines not counted)."""
    bad_lines: int
    bad_examples: tuple[int, ...]
    hours: tuple[Bucket, ...]
    """Every hour that has messages, in order."""
    undated: int
    """Records whose date is missing or cannot be read."""
    statuses: tuple[Share, ...]
    outcomes: dict[Outcome, int]
    senders: tuple[Share, ...]
    operators: tuple[Share, ...]
    countries: tuple[Share, ...]
    parts: dict[int, int] = field(default_factory=dict)
    """SMS parts → messages (empty when neither a parts nor a text column is there)."""
    parts_from_text: bool = False
    """The parts were worked out from the text's length (no parts column)."""
    total_cost: Decimal = Decimal(0)
    unreadable_costs: int = 0
    timeline: tuple[Bucket, ...] = ()
    """``series()`` at the step that suits the range, worked out with the rest (in the
    worker thread), so the view only draws it."""

    def has(self, what: Field) -> bool:
        return self.format.columns.has(what)

    @property
    def delivered(self) -> int:
        return self.outcomes.get(Outcome.DELIVERED, 0)

    @property
    def failed(self) -> int:
        return self.outcomes.get(Outcome.FAILED, 0)

    @property
    def pending(self) -> int:
        return self.outcomes.get(Outcome.PENDING, 0)

    @property
    def delivered_share(self) -> float | None:
        """Delivered / all messages with a status (None without a status column)."""
        if not self.has(Field.STATUS) or not self.rows:
            return None
        return self.delivered / self.rows

    @property
    def total_parts(self) -> int:
        return sum(p * n for p, n in self.parts.items())

    @property
    def first(self) -> dt.datetime | None:
        return self.hours[0].start if self.hours else None

    @property
    def last(self) -> dt.datetime | None:
        return self.hours[-1].start if self.hours else None

    def step(self) -> Step:
        if not self.hours:
            return Step.DAY
        span = self.hours[-1].start - self.hours[0].start
        if span <= HOURLY_UP_TO:
            return Step.HOUR
        return Step.DAY if span <= DAILY_UP_TO else Step.MONTH

    def series(self, step: Step | None = None) -> list[Bucket]:
        """Messages and cost per hour, day or month from the first to the last, gaps as 0."""
        step = step or self.step()
        if not self.hours:
            return []
        counts: Counter[dt.datetime] = Counter()
        costs: dict[dt.datetime, Decimal] = defaultdict(Decimal)
        for bucket in self.hours:
            key = _floor(bucket.start, step)
            counts[key] += bucket.messages
            costs[key] += bucket.cost
        out: list[Bucket] = []
        moment, end = _floor(self.hours[0].start, step), _floor(self.hours[-1].start, step)
        while moment <= end:
            out.append(Bucket(moment, counts.get(moment, 0), costs.get(moment, Decimal(0))))
            moment = _next(moment, step)
        return out


def _floor(moment: dt.datetime, step: Step) -> dt.datetime:
    if step is Step.HOUR:
        return moment
    if step is Step.DAY:
        return moment.replace(hour=0)
    return moment.replace(day=1, hour=0)


def _next(moment: dt.datetime, step: Step) -> dt.datetime:
    if step is Step.HOUR:
        return moment + dt.timedelta(hours=1)
    if step is Step.DAY:
        return moment + dt.timedelta(days=1)
    return (moment.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def build(path: Path, fmt: FileFormat, tally: Tally) -> Insights:
    """Read the distinct raw values of ``tally`` and sum them up."""
    codec = fmt.codec

    @cache
    def text(raw: bytes) -> str:
        value = raw.decode(codec, errors="replace").strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('""', '"').strip()
        return value

    @cache
    def amount(raw: bytes) -> Decimal | None:
        return amount_of(text(raw))

    messages: Counter[dt.datetime] = Counter()
    costs: dict[dt.datetime, Decimal] = defaultdict(Decimal)
    undated = unreadable = 0
    total = Decimal(0)
    for (stamp, cost_raw), count in tally.by_time.items():
        cost = amount(cost_raw)
        if cost is None:
            unreadable += count
            cost = Decimal(0)
        total += cost * count
        moment = hour_of(stamp.decode("ascii", errors="replace")) if stamp else None
        if moment is None:
            undated += count
            continue
        messages[moment] += count
        costs[moment] += cost * count
    buckets = tuple(Bucket(m, messages[m], costs[m]) for m in sorted(messages))

    outcomes: Counter[Outcome] = Counter()
    status_counts: Counter[str] = Counter()
    status_costs: dict[str, Decimal] = defaultdict(Decimal)
    senders: list[tuple[str, Outcome, int]] = []
    operators: list[tuple[str, Outcome, int]] = []
    countries: list[tuple[str, Outcome, int]] = []
    parts: Counter[int] = Counter()
    index = fmt.columns.index
    status_at, cost_at = index.get(Field.STATUS), index.get(Field.COST)
    sender_at, operator_at = index.get(Field.SENDER), index.get(Field.OPERATOR)
    country_at, parts_at = index.get(Field.COUNTRY), index.get(Field.PARTS)
    for key, count in tally.by_kind.items():
        values = _split_runs(key, tally.kind_runs, codec, fmt.separator)
        status = values.get(status_at, "")
        meaning = outcome_of(status)
        outcomes[meaning] += count
        status_counts[status] += count
        status_costs[status] += (amount_of(values.get(cost_at, "")) or Decimal(0)) * count
        senders.append((values.get(sender_at, ""), meaning, count))
        operators.append((values.get(operator_at, ""), meaning, count))
        countries.append((values.get(country_at, ""), meaning, count))
        number = parts_of(values.get(parts_at, ""))
        if number is not None:
            parts[number] += count
    status_shares = tuple(
        sorted(
            (
                Share(label, n, cost=status_costs[label], outcome=outcome_of(label))
                for label, n in status_counts.items()
            ),
            key=lambda s: (-s.messages, s.label),
        )
    )
    from_text = False
    if not fmt.columns.has(Field.PARTS) and tally.by_length:
        from_text = True
        for (length, latin, quoted, doubled), count in tally.by_length.items():
            chars = length - (2 if quoted else 0) - doubled
            parts[parts_for(max(0, chars), latin)] += count

    insights = Insights(
        path=path,
        format=fmt,
        rows=tally.rows,
        bad_lines=tally.bad_lines,
        bad_examples=tuple(tally.bad_examples),
        hours=buckets,
        undated=undated if fmt.columns.has(Field.DATE) else 0,
        statuses=status_shares if fmt.columns.has(Field.STATUS) else (),
        outcomes=dict(outcomes) if fmt.columns.has(Field.STATUS) else {},
        senders=_shares(senders) if fmt.columns.has(Field.SENDER) else (),
        operators=_shares(operators) if fmt.columns.has(Field.OPERATOR) else (),
        countries=_shares(countries) if fmt.columns.has(Field.COUNTRY) else (),
        parts=dict(sorted(parts.items())),
        parts_from_text=from_text,
        total_cost=total if fmt.columns.has(Field.COST) else Decimal(0),
        unreadable_costs=unreadable if fmt.columns.has(Field.COST) else 0,
    )
    return replace(insights, timeline=tuple(insights.series()))


def _split_runs(
    key: Any, runs: tuple[tuple[int, ...], ...], codec: str, separator: str
) -> dict[int | None, str]:
    """Column → value, read from the raw text of each run of adjacent columns."""
    raws = key if isinstance(key, tuple) else (key,)
    values: dict[int | None, str] = {}
    for raw, columns in zip(raws, runs, strict=False):
        text = raw.decode(codec, errors="replace")
        fields = split_fields(text, separator)
        for column, value in zip(columns, fields, strict=False):
            values[column] = value.strip()
    return values


def _shares(items: Iterable[tuple[str, Outcome, int]]) -> tuple[Share, ...]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for label, outcome, count in items:
        slot = counts[label]
        slot[0] += count
        if outcome is Outcome.DELIVERED:
            slot[1] += count
        elif outcome is Outcome.FAILED:
            slot[2] += count
    shares = (
        Share(label, n, delivered, failed) for label, (n, delivered, failed) in counts.items()
    )
    return tuple(sorted(shares, key=lambda s: (-s.messages, s.label)))
