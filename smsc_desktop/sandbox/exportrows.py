"""The rows of the sandbox's export files: one day of sent messages at a time.

A day is rendered once per charset as a *template*: its rows with the date written as a
placeholder, split at the placeholders. ``render(day)`` joins the pieces with that day's
date (one C-level ``bytes.join``), so a file of many days costs a few templates in memory
and a join per day served. The same day of the week always has the same rows; dates differ.

What a day holds, so an export looks alive in the Insights view: several senders, operators
of two countries, every delivery status SMSC reports (mostly delivered), prices per operator
and part, multi-part messages in Cyrillic and Latin, busy office hours and quiet nights,
fewer messages at weekends. The first day of a file also has three lines that cannot be read
(cut short, a field too many, garbage), as real exports sometimes do.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from dataclasses import dataclass

HEADER_FIELDS = (
    "Дата отправки",
    "Телефон",
    "Отправитель",
    "Статус",
    "Код ошибки",
    "Стоимость",
    "Частей",
    "Оператор",
    "Страна",
    "Текст сообщения",
)

FIRST_DAY = dt.date(2024, 3, 1)
"""The date of the first day of every export file (a Friday)."""
DATE_MARK = b"\x00DATE\x00\x00\x00\x00\x00"
"""Stands for ``dd.mm.yyyy`` in a template (10 bytes, never in a real row)."""

SENDERS = (
    ("SMSC.RU", 1),
    ("MyShop", 6),
    ("Taxi24", 5),
    ("KLINIKA", 3),
    ("Dostavka", 4),
    ("INFO", 1),
    ("BANK-OTP", 7),
)
"""(sender, weight)."""
# (operator, country, price per part, weight)
OPERATORS = (
    ("МТС", "Россия", "3.50", 30),
    ("МегаФон", "Россия", "3.60", 25),
    ("Билайн", "Россия", "3.80", 20),
    ("Tele2", "Россия", "3.30", 15),
    ("Kcell", "Казахстан", "4.90", 5),
    ("Beeline KZ", "Казахстан", "5.10", 3),
    ("Yota", "Россия", "3.40", 2),
)
# (status, error code, billed, weight): SMSC's delivery statuses, mostly delivered.
STATUSES = (
    ("Доставлено", "0", True, 820),
    ("Передано оператору", "0", True, 40),
    ("Ожидает отправки", "0", False, 10),
    ("Просрочено", "0", True, 35),
    ("Невозможно доставить", "20", True, 40),
    ("Неверный номер", "22", False, 20),
    ("Запрещено", "23", False, 10),
    ("Недостаточно средств", "24", False, 5),
    ("Недоступный номер", "25", True, 20),
)
TEXTS = (
    "Ваш код подтверждения: {code}",
    "Заказ №{order} принят. Спасибо за покупку!",
    'Курьер будет у вас с 10:00 до 14:00; заказ "{order}"',
    "Такси подано: белая Kia Rio, номер А{code}ВС",
    "Напоминаем о записи к врачу завтра в {hour}:00",
    "Скидка 15% на всё до конца недели; подробности на сайте",
    "Баланс пополнен на {amount} руб.",
    "Пароль для входа: {code}. Никому не сообщайте его.",
    "Your code: {code}",
    "Order {order} is on its way. Track it at shop.example/t/{order}",
    "Уважаемый клиент! Ваш заказ №{order} собран и передан в службу доставки. Курьер позвонит"
    " за час до приезда. Если планы изменились, ответьте на это сообщение или позвоните нам.",
    "Dear customer, your appointment is confirmed for tomorrow at {hour}:00. Please arrive ten"
    " minutes early and bring your ID. Reply STOP to unsubscribe from reminders.",
    "Операция по карте *{code}: списание {amount} руб. Доступно: {amount}0 руб. Если это"
    " были не вы, позвоните в банк по номеру на обороте карты.",
)
SENDER_TEXTS = {  # which texts a sender sends
    "SMSC.RU": (0, 7, 8),
    "MyShop": (1, 5, 9, 10),
    "Taxi24": (3, 0),
    "KLINIKA": (4, 11),
    "Dostavka": (2, 10, 1),
    "INFO": (5, 6),
    "BANK-OTP": (0, 12, 6),
}
# Relative volume per hour of the day (Moscow time).
HOURLY = (1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 20, 20, 19, 18, 19, 20, 19, 17, 15, 12, 9, 6, 3, 2)
WEEKDAY_ROWS = (6200, 6400, 6500, 6600, 7400, 3600, 2700)
"""Messages on Monday … Sunday."""
MALFORMED = (
    (57, "{date} 01:02:5"),  # cut short
    (204, "{date} 03:40:11;79161234567;MyShop;Доставлено;0;3.50;1;МТС;Россия;Скидка;-15%;вам"),
    (311, "#####"),
)
"""(row, line) of the lines on the first day that cannot be read."""


def gsm_parts(text: str) -> int:
    """SMS parts: 160/153 characters in Latin, 70/67 with any other letter."""
    single, multi = (160, 153) if text.isascii() else (70, 67)
    return 1 if len(text) <= single else -(-len(text) // multi)


def field(value: str) -> str:
    if ";" in value or '"' in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def line(fields: tuple[str, ...]) -> str:
    return ";".join(field(f) for f in fields) + "\r\n"


@dataclass(frozen=True, slots=True)
class DayTemplate:
    pieces: tuple[bytes, ...]
    """The day's rows split at ``DATE_MARK``: ``date.join(pieces)`` renders them."""
    row_ends: tuple[int, ...]
    """Where each rendered row ends (its ``\\r\\n`` included)."""

    @property
    def size(self) -> int:
        return self.row_ends[-1] if self.row_ends else 0

    def render(self, day: dt.date) -> bytes:
        return day.strftime("%d.%m.%Y").encode("ascii").join(self.pieces)


def _rows(weekday: int, first: bool) -> list[str]:
    rng = random.Random(1251 * 7 + weekday + (100 if first else 0))
    count = WEEKDAY_ROWS[weekday]
    seconds = sorted(
        hour * 3600 + rng.randrange(3600) for hour in rng.choices(range(24), HOURLY, k=count)
    )
    senders = rng.choices([s for s, _ in SENDERS], [w for _, w in SENDERS], k=count)
    operators = rng.choices(OPERATORS, [o[3] for o in OPERATORS], k=count)
    statuses = rng.choices(STATUSES, [s[3] for s in STATUSES], k=count)
    mark = DATE_MARK.decode("latin-1")
    bad_lines = {at: bad.format(date=mark) + "\r\n" for at, bad in MALFORMED} if first else {}
    rows: list[str] = []
    for number in range(count):
        second, sender = seconds[number], senders[number]
        operator, country, price, _ = operators[number]
        status, error, billed, _ = statuses[number]
        code = rng.randrange(1000, 9999)
        order = rng.randrange(10000, 99999)
        text = TEXTS[rng.choice(SENDER_TEXTS[sender])].format(
            code=code, order=order, hour=9 + code % 10, amount=100 + order % 4900
        )
        parts = gsm_parts(text)
        cost = f"{float(price) * parts:.2f}" if billed else "0.00"
        phone = f"7{7 if country == 'Казахстан' else 9}{rng.randrange(10**9):09d}"
        stamp = f"{mark} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
        fields = (stamp, phone, sender, status, error, cost, str(parts), operator, country)
        rows.append(line((*fields, text)))
        if number + 1 in bad_lines:
            rows.append(bad_lines[number + 1])
    return rows


@functools.cache
def day_template(codec: str, weekday: int, first: bool = False) -> DayTemplate:
    """The rows of a day of the week (0 = Monday), with the first day's unreadable lines."""
    encoded = [row.encode(codec, "replace") for row in _rows(weekday, first)]
    # The mark is as long as a date and the same bytes in every codec used (cp1251, utf-8,
    # koi8-r keep \x00 and ASCII), so a rendered row is as long as its template.
    ends = tuple(itertools.accumulate(len(row) for row in encoded))
    return DayTemplate(tuple(b"".join(encoded).split(DATE_MARK)), ends)


def template_of(codec: str, index: int, first_day: dt.date = FIRST_DAY) -> DayTemplate:
    """The template of the file's day number ``index`` (0 = ``first_day``)."""
    weekday = (first_day.weekday() + index) % 7
    return day_template(codec, weekday, index == 0)


def date_of(index: int, first_day: dt.date = FIRST_DAY) -> dt.date:
    return first_day + dt.timedelta(days=index)


def padded_row(codec: str, day: dt.date, length: int) -> bytes:
    """A last row of exactly ``length`` bytes (``length >= min_row(codec)``)."""
    row = _pad_row(codec, day, "." * (length - min_row(codec)))
    assert len(row) == length
    return row


def _pad_row(codec: str, day: dt.date, text: str) -> bytes:
    stamp = day.strftime("%d.%m.%Y") + " 23:59:59"
    fields = (stamp, "79000000000", "SMSC.RU", "Доставлено", "0", "3.50", "1", "МТС", "Россия")
    return line((*fields, text)).encode(codec, "replace")


@functools.cache
def min_row(codec: str) -> int:
    return len(_pad_row(codec, FIRST_DAY, ""))
