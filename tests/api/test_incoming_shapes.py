"""get_answers in both shapes the app may meet (issue 18, item 1).

- The live shape, quoted from a real SMSC reply in a public client's history: keys in the
  order id, received, phone, message, to_phone, sent, and ``sent`` a date string like
  ``received`` (Moscow time). This is what the sandbox serves.
- The shape the sandbox served before: another key order and ``sent`` as Unix time.

The client reads fields by name, so both give the same messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from smsc_desktop.api import Credentials, SmscClient
from tests.api.fake_smsc import FakeSmsc
from tests.helpers.sandbox import SandboxHandle

MakeClient = Callable[..., SmscClient]

LIVE_REPLY = (
    '[{"id":90210,"received":"12.06.2024 14:03:11","phone":"79161234567",'
    '"message":"[waitcall]","to_phone":"74950000001","sent":"12.06.2024 14:03:09"}]'
)
UNIX_REPLY = [
    {
        "id": 90210,
        "received": "12.06.2024 14:03:11",
        "phone": "79161234567",
        "to_phone": "74950000001",
        "sent": 1718190189,  # 12.06.2024 14:03:09 MSK
        "message": "[waitcall]",
    }
]


async def test_live_shape_with_sent_as_a_date(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("get", "get_answers", LIVE_REPLY)
    async with make_client() as client:
        (message,) = await client.incoming_messages()
    assert message.id == 90210
    assert (message.phone, message.to_phone, message.text) == (
        "79161234567",
        "74950000001",
        "[waitcall]",
    )
    assert message.is_waitcall
    assert message.received == datetime(2024, 6, 12, 11, 3, 11, tzinfo=UTC)
    assert message.sent == datetime(2024, 6, 12, 11, 3, 9, tzinfo=UTC)


async def test_older_shape_with_sent_as_unix_time(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("get", "get_answers", UNIX_REPLY)
    async with make_client() as client:
        (message,) = await client.incoming_messages()
    assert (message.phone, message.to_phone, message.text) == (
        "79161234567",
        "74950000001",
        "[waitcall]",
    )
    assert message.received == datetime(2024, 6, 12, 11, 3, 11, tzinfo=UTC)
    assert message.sent == datetime(2024, 6, 12, 11, 3, 9, tzinfo=UTC)


async def test_the_sandbox_serves_the_live_shape(sandbox: SandboxHandle) -> None:
    added = sandbox.add_incoming("79001112233", "Когда будет доставка?", to_phone="79165550101")
    assert list(added) == list(json.loads(LIVE_REPLY)[0])
    assert isinstance(added["sent"], str)
    credentials = Credentials.from_password(sandbox.login, sandbox.password)
    async with SmscClient(sandbox.url, credentials) as client:
        messages = await client.incoming_messages(after_id=added["id"] - 1)
    (message,) = messages
    assert (message.id, message.phone, message.to_phone, message.text) == (
        added["id"],
        "79001112233",
        "79165550101",
        "Когда будет доставка?",
    )
    assert message.received is not None
    assert message.sent is not None
    assert 0 <= (message.received - message.sent).total_seconds() <= 5
