"""Which column of an export holds what, found by its header (Russian or English).

SMSC's export format is not documented (``../shared/smsc-api.md`` §3.5: "parse by header"),
and clients open CSVs from elsewhere too, so each field is looked for under the names it goes
by: an exact name first (``Дата отправки``, ``Send date``), then a cell that contains one
(``Стоимость, руб.``). A column serves one field; a field not found is simply absent and the
rest of the insights still work.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


class Field(enum.Enum):
    """What a column can hold, in the order the insights need them."""

    DATE = "date"
    PHONE = "phone"
    SENDER = "sender"
    STATUS = "status"
    ERROR = "error"
    COST = "cost"
    PARTS = "parts"
    MESSAGE = "message"
    OPERATOR = "operator"
    COUNTRY = "country"


# Names each field goes by, best first (normalised: lower case, ё → е, single spaces).
NAMES: Mapping[Field, tuple[str, ...]] = {
    Field.DATE: (
        "дата отправки",
        "время отправки",
        "дата и время отправки",
        "дата и время",
        "дата",
        "время",
        "send date",
        "send_date",
        "sent",
        "date sent",
        "date/time",
        "datetime",
        "date",
        "time",
    ),
    Field.PHONE: (
        "телефон",
        "номер телефона",
        "номер",
        "получатель",
        "phone",
        "phone number",
        "phones",
        "recipient",
        "msisdn",
        "number",
        "to",
    ),
    Field.SENDER: (
        "отправитель",
        "имя отправителя",
        "sender",
        "sender id",
        "sender_id",
        "sender name",
        "from",
    ),
    Field.STATUS: ("статус", "статус доставки", "состояние", "status", "delivery status", "state"),
    Field.ERROR: ("код ошибки", "ошибка", "error code", "error", "err"),
    Field.COST: ("стоимость", "цена", "сумма", "cost", "price", "amount", "charge"),
    Field.PARTS: (
        "частей",
        "кол-во частей",
        "количество частей",
        "части",
        "кол-во sms",
        "количество sms",
        "parts",
        "sms parts",
        "segments",
        "cnt",
    ),
    Field.MESSAGE: (
        "текст сообщения",
        "текст",
        "сообщение",
        "message text",
        "message",
        "text",
        "mes",
        "body",
    ),
    Field.OPERATOR: (
        "оператор",
        "оператор связи",
        "operator",
        "carrier",
        "network",
        "mobile operator",
    ),
    Field.COUNTRY: ("страна", "country"),
}

# Words that disqualify a cell for a field when matched by containment ("Дата доставки" is
# not the send date; "Код ошибки статуса" is not the status).
_NOT: Mapping[Field, tuple[str, ...]] = {
    Field.DATE: ("доставк", "deliver", "статус", "status", "создан", "creat"),
    Field.STATUS: ("код", "code", "ошиб", "error", "дата", "date", "время", "time"),
    Field.COST: ("валют", "currenc"),
    Field.MESSAGE: ("id", "част", "part", "длин", "length", "тип", "type"),
    Field.PHONE: ("оператор", "operator"),
}


def normalise(name: str) -> str:
    text = name.replace("\ufeff", "").strip().strip('"').lower().replace("ё", "е")
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each found field is (0-based column) and the header it was found under."""

    header: tuple[str, ...]
    index: Mapping[Field, int] = field(default_factory=dict)

    def has(self, what: Field) -> bool:
        return what in self.index

    def name_of(self, what: Field) -> str:
        return self.header[self.index[what]]

    @property
    def missing(self) -> list[Field]:
        return [f for f in Field if f not in self.index]


def _contains(cell: str, name: str) -> bool:
    return re.search(rf"(^|[^\w]){re.escape(name)}($|[^\w])", cell) is not None


def find_columns(header: Sequence[str]) -> Columns:
    """Match header cells to fields: exact names first, then cells containing a name."""
    cells = [normalise(h) for h in header]
    found: dict[Field, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for what in Field:
            if what in found:
                continue
            for name in NAMES[what]:
                hits = [
                    i
                    for i, cell in enumerate(cells)
                    if i not in taken
                    and (
                        cell == name
                        if exact
                        else _contains(cell, name)
                        and not any(bad in cell for bad in _NOT.get(what, ()))
                    )
                ]
                if hits:
                    found[what] = hits[0]
                    taken.add(hits[0])
                    break
    ordered = {what: found[what] for what in Field if what in found}
    return Columns(tuple(header), ordered)
