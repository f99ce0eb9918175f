"""The messages the inbox watch keeps: each once, in id order; the number and text filter."""

from __future__ import annotations

from datetime import UTC, datetime

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.inbox import Haystacks, InboxMessages, search


def sms(
    message_id: int, text: str = "Привет", *, to: str = "79165550101", sender: str = "79001112233"
) -> IncomingMessage:
    when = datetime(2024, 6, 12, 11, 0, tzinfo=UTC)
    return IncomingMessage(message_id, sender, to, text, when, when)


def test_each_message_is_kept_once_in_id_order() -> None:
    kept = InboxMessages()
    assert [m.id for m in kept.add([sms(3), sms(1), sms(2)])] == [1, 2, 3]
    assert kept.add([sms(2), sms(3)]) == []  # a read that returns them again adds nothing
    assert [m.id for m in kept.add([sms(5), sms(3), sms(4)])] == [4, 5]
    assert [m.id for m in kept.all()] == [1, 2, 3, 4, 5]
    assert kept.newest_id == 5
    assert 4 in kept
    assert 6 not in kept


def test_a_late_lower_id_goes_into_its_place() -> None:
    kept = InboxMessages()
    kept.add([sms(10), sms(12)])
    assert [m.id for m in kept.add([sms(11)])] == [11]
    assert [m.id for m in kept.all()] == [10, 11, 12]


def test_the_oldest_go_first_past_the_limit() -> None:
    kept = InboxMessages(limit=3)
    kept.add([sms(i) for i in range(1, 6)])
    assert [m.id for m in kept.all()] == [3, 4, 5]
    assert 1 not in kept
    assert kept.add([sms(1)]) != []  # forgotten: it would be kept again


def test_numbers_are_the_ones_sms_came_to() -> None:
    kept = InboxMessages(limit=3)
    kept.add([sms(1, to="+7 916 555-01-01"), sms(2, to="79265550102")])
    kept.add([sms(3, "[waitcall]", to="74993801001")])  # SMSC's number, not the account's
    assert kept.sms_numbers() == {"79165550101", "79265550102"}
    kept.add([sms(4, to="77015550201")])  # the first one is forgotten, and its number
    assert kept.sms_numbers() == {"79265550102", "77015550201"}


def test_search_is_case_blind_in_cyrillic_and_reads_phones_as_digits() -> None:
    messages = [
        sms(1, "Когда будет ДОСТАВКА?", sender="79261112233"),
        sms(2, "Код из SMS: 5821", sender="79857654321", to="79265550102"),
        sms(3, "Сәлеметсіз бе! Тапсырыс", sender="SMSC.RU"),
    ]
    hay = Haystacks(messages)
    assert search(hay) == [0, 1, 2]
    assert search(hay, query="доставка") == [0]
    assert search(hay, query="ТАПСЫРЫС") == [2]
    assert search(hay, query="+7 926 111") == [0]  # the sender written as people write it
    assert search(hay, query="926-111-22") == [0]
    assert search(hay, query="smsc.ru") == [2]
    assert search(hay, query="код 5821") == [1]  # every word must be there
    assert search(hay, query="код 9999") == []
    assert search(hay, number="79265550102") == [1]
    assert search(hay, number="79165550101", query="код") == []
    assert search(hay, start=1) == [1, 2]  # only the rows added since
