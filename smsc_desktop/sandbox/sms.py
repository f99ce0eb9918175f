"""``/sys/send.php``: sending an SMS, asking its price, and the captcha check of a site's form.

Parameters: ``phones`` (one or more numbers, comma or semicolon separated), ``mes``,
``sender``, ``cost`` (0 send; 1 price only, nothing sent; 2 send and say the cost; 3 send
and say the cost and the new balance), ``id`` (the client's own message id), and the
captcha pair ``imgcode`` + ``userip`` (see ``captcha.py``).

Answers (fmt=3 / fmt=2 / fmt=1 / fmt=0):

- a send: ``{"id", "cnt"[, "cost"[, "balance"]]}`` /
  ``<result><id>..</id><cnt>..</cnt>[<cost>..</cost>[<balance>..</balance>]]</result>`` /
  ``id,cnt[,cost[,balance]]`` / ``OK - cnt SMS, ID - id[, COST - .., BALANCE - ..]``
- a price (``cost=1``): ``{"cost", "cnt"}`` / ``<result><cost>..</cost><cnt>..</cnt></result>``
  / ``cost,cnt`` / ``COST - .., cnt SMS``

Errors the sandbox chose (code, description), in this order:

- 9 ``duplicate request, wait a minute``: more than 1 identical send or 5 identical price
  requests a minute (SMSC's limits as recalled in smsc-api.md 0.5; ``limits["send_message"]``
  and ``limits["send_cost"]``);
- 1 ``parameters error``: no ``phones`` or ``mes``, ``cost`` not 0-3, a non-numeric ``id``,
  only one of ``imgcode``/``userip``, or a ``userip`` that is not an IP address;
- 7 ``invalid number``: a phone that is not 10-15 digits after an optional ``+``;
- 6 ``message is denied``: a sender name SMSC would not accept (over 11 characters, or over
  15 digits, or characters other than letters, digits, space and ``.-_``);
- the captcha (when ``imgcode`` or ``userip`` is given): ``SandboxConfig.captcha_error``
  (1 or 6: which one SMSC answers is not documented) with ``wrong imgcode``, ``imgcode
  expired`` or ``no imgcode for this userip`` after the code's usual text;
- 3 ``no money``: the balance is below the price.

Price: ``sms_price`` (RUB, converted to the account's currency) per SMS part per phone; a
text in the GSM alphabet takes 160 characters in one part and 153 a part when longer, any
other text 70 and 67.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.captcha import CaptchaStore, Check, normalize_ip
from smsc_desktop.sandbox.numbers import convert, money

if TYPE_CHECKING:
    from smsc_desktop.sandbox.config import SandboxConfig
    from smsc_desktop.sandbox.state import Account, SandboxState

FIRST_SMS_ID = 3001
MAX_PHONES = 1000
MAX_OUTBOX = 500

_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")
_SENDER = re.compile(r"[0-9A-Za-z .\-_]{1,11}|\d{1,15}")

CAPTCHA_TEXTS = {
    Check.WRONG: "wrong imgcode",
    Check.EXPIRED: "imgcode expired",
    Check.NO_CODE: "no imgcode for this userip",
}


def sms_parts(text: str) -> int:
    """How many SMS a text takes."""
    if all(ch in _GSM7 or ch in _GSM7_EXTENDED for ch in text):
        length = sum(2 if ch in _GSM7_EXTENDED else 1 for ch in text)
        single, part = 160, 153
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    if length <= single:
        return 1
    return -(-length // part)


@dataclass
class SentSms:
    id: int
    login: str
    phones: tuple[str, ...]
    mes: str
    sender: str
    cnt: int
    cost: Decimal
    time: float
    userip: str | None

    def to_dict(self, state: SandboxState) -> dict[str, Any]:
        return {
            "id": self.id,
            "login": self.login,
            "phones": list(self.phones),
            "mes": self.mes,
            "sender": self.sender,
            "cnt": self.cnt,
            "cost": money(self.cost),
            "time": state.clock.format(self.time),
            "userip": self.userip,
        }


class SmsWorld:
    """What sending adds to the sandbox: the captcha codes and the messages sent."""

    def __init__(self, config: SandboxConfig) -> None:
        self.captchas = CaptchaStore(config.captcha_ttl)
        self.outbox: list[SentSms] = []
        self._ids = itertools.count(FIRST_SMS_ID)

    def next_id(self) -> int:
        return next(self._ids)

    def snapshot(self, state: SandboxState) -> dict[str, Any]:
        now = state.clock.monotonic()
        return {
            "outbox": [m.to_dict(state) for m in self.outbox],
            "captchas": self.captchas.snapshot(now),
        }


# --- the script ----------------------------------------------------------------------------


def _cost_mode(params: p.Params) -> int:
    raw = params.get("cost").strip() or "0"
    if raw not in {"0", "1", "2", "3"}:
        raise p.SmscError(1)
    return int(raw)


def _phones(params: p.Params) -> tuple[str, ...]:
    raw = [item.strip() for item in re.split(r"[,;]", params.get("phones")) if item.strip()]
    if not raw or len(raw) > MAX_PHONES:
        raise p.SmscError(1)
    phones = []
    for item in raw:
        phone = re.sub(r"[\s()\-]", "", item).removeprefix("+")
        if not phone.isdigit() or not 10 <= len(phone) <= 15:
            raise p.SmscError(7)
        phones.append(phone)
    return tuple(phones)


CAPTCHA_PARAMS = frozenset({"imgcode", "userip"})


def _check_limit(state: SandboxState, account: Account, params: p.Params, price_only: bool) -> None:
    if not state.config.enforce_limits:
        return
    name = "send_cost" if price_only else "send_message"
    limit = state.config.limits.get(name, 0)
    identity = params.identity()
    if state.config.send_identity == "message":  # another captcha pair is the same send
        identity = tuple(item for item in identity if item[0] not in CAPTCHA_PARAMS)
    key = (account.login, "send", identity)
    if not state.limiter.allow(key, limit, state.clock.monotonic()):
        raise p.SmscError(9)


def _check_captcha(state: SandboxState, params: p.Params, price_only: bool) -> str | None:
    """The visitor's address when the send carries a captcha that checks out."""
    if not params.has("imgcode") and not params.has("userip"):
        return None
    imgcode, userip = params.get("imgcode").strip(), params.get("userip").strip()
    if not imgcode or not userip:
        raise p.SmscError(1, f"{p.ERR_PARAMS}: imgcode and userip go together")
    ip = normalize_ip(userip)
    if ip is None:
        raise p.SmscError(1, f"{p.ERR_PARAMS}: userip is not an IP address")
    now = state.clock.monotonic()
    result = state.sms.captchas.check(ip, imgcode, now, use_up=not price_only)
    if result is not Check.OK:
        code = state.config.captcha_error
        raise p.SmscError(code, f"{p.DEFAULT_ERROR_TEXTS[code]}: {CAPTCHA_TEXTS[result]}")
    return ip


def send_script(state: SandboxState, account: Account, params: p.Params) -> bytes:
    mode = _cost_mode(params)
    price_only = mode == 1
    _check_limit(state, account, params, price_only)
    phones = _phones(params)
    text = params.get("mes")
    if not text.strip():
        raise p.SmscError(1)
    own_id = params.get("id").strip()
    if own_id and (not own_id.isdigit() or len(own_id) > 10):
        raise p.SmscError(1)
    sender = params.get("sender").strip()
    if sender and not _SENDER.fullmatch(sender):
        raise p.SmscError(6)
    userip = _check_captcha(state, params, price_only)
    cnt = sms_parts(text) * len(phones)
    cost = convert(state.config.sms_price, account.rate) * cnt
    if price_only:
        return _price_reply(cost, cnt, params)
    if account.balance < cost:
        raise p.SmscError(3)
    account.balance -= cost
    sms_id = int(own_id) if own_id else state.sms.next_id()
    sent = SentSms(
        sms_id, account.login, phones, text, sender, cnt, cost, state.clock.time(), userip
    )
    outbox = state.sms.outbox
    outbox.append(sent)
    del outbox[:-MAX_OUTBOX]
    return _send_reply(sms_id, cnt, cost, account.balance, mode, params)


def _price_reply(cost: Decimal, cnt: int, params: p.Params) -> bytes:
    price = money(cost)
    return p.Reply(
        json={"cost": price, "cnt": cnt},
        xml=f"<result>{p.xml_text('cost', price)}{p.xml_text('cnt', cnt)}</result>",
        text=f"COST - {price}, {cnt} SMS",
        values=f"{price},{cnt}",
    ).render(params.fmt, params.codec)


def _send_reply(
    sms_id: int, cnt: int, cost: Decimal, balance: Decimal, mode: int, params: p.Params
) -> bytes:
    data: dict[str, Any] = {"id": sms_id, "cnt": cnt}
    text = f"OK - {cnt} SMS, ID - {sms_id}"
    if mode >= 2:
        data["cost"] = money(cost)
        text += f", COST - {money(cost)}"
    if mode == 3:
        data["balance"] = money(balance)
        text += f", BALANCE - {money(balance)}"
    xml = "".join(p.xml_text(key, value) for key, value in data.items())
    return p.Reply(
        json=data,
        xml=f"<result>{xml}</result>",
        text=text,
        values=",".join(str(v) for v in data.values()),
    ).render(params.fmt, params.codec)
