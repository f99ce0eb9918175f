"""``SiteCaptchaService``: the site captcha of one account, shown and tried end to end.

It gives the address of the captcha picture on the account's server, the HTML of the
client's form and a sample send request (``snippets.py``); loads the picture as a visitor's
browser does (``SmscClient.captcha_image``); and sends a test message with the code typed
from it. Sending is money, with the rent's protocol:

- one send at a time, never retried; a confirmation sends one request (a second call while
  one runs is ``BUSY``; the rate guard refuses the same message with the same code within
  SMSC's minute);
- the account's journal (``journal.jsonl``, the Numbers tab shows it) gets a line *before*
  the request leaves (if it cannot be written, nothing is sent) and one with the outcome;
- SMSC's error → refused; nothing left → not sent; anything else (no answer, an unreadable
  one, the task cancelled while waiting) → *unknown*: the app reads the balance instead of
  sending again, and journals what it says (probably sent / probably not sent).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsc_desktop.api import (
    ApiError,
    CaptchaImage,
    Endpoint,
    NetworkError,
    RateLimitedError,
    SmscClient,
    SmscError,
)
from smsc_desktop.services.captcha.models import (
    NotSentReason,
    SendCheck,
    SendOutcome,
    SendQuote,
    SendStatus,
    SmsDraft,
)
from smsc_desktop.services.captcha.snippets import curl_sample, form_snippet, send_url
from smsc_desktop.services.journal import JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.numbers.records import Records, error_fields
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.session import AccountSession

log = logging.getLogger("smsc_desktop.services.captcha")

__all__ = ["SiteCaptchaService"]

CHECK_OUTCOMES = {
    SendCheck.PROBABLY_SENT: JournalOutcome.PROBABLY_SENT,
    SendCheck.PROBABLY_NOT_SENT: JournalOutcome.PROBABLY_NOT_SENT,
    SendCheck.CHECK_FAILED: JournalOutcome.CHECK_FAILED,
}


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SiteCaptchaService:
    """The captcha page's work for one account (``session.captcha``)."""

    def __init__(
        self,
        session: AccountSession,
        *,
        now: Callable[[], datetime] = _utcnow,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.session = session
        self.client: SmscClient = session.client
        self._now = now
        self._clock = clock
        self._sleep = sleep
        # The account's one journal; lines reach the Numbers tab through its service.
        self._records = Records(
            session.data_dir,
            session.numbers,
            now=now,
            profile_name=lambda: self.session.profile.name,
            currency=self._currency,
        )
        self._background = TaskSet("captcha")
        self._pictures = 0
        self.picture_loaded_at: float | None = None
        """When the last picture arrived (monotonic seconds), if one did."""
        self.sending = False
        self.sending_changed = Signal("captcha.sending_changed")  # (bool)
        self.sent = Signal("captcha.sent")  # (SendOutcome)

    # --- what the web team gets ---------------------------------------------------------

    @property
    def image_url(self) -> str:
        """The picture on the account's server (``…/sys/imgcode.php``)."""
        return SmscClient.captcha_url(self.session.profile.server)

    def snippet(self, label: str) -> str:
        """The HTML of the client's form; *label* is the text before the picture."""
        return form_snippet(self.image_url, label)

    def sample_request(
        self,
        *,
        phone: str,
        text: str,
        sender: str,
        imgcode: str,
        userip: str,
        reveal: bool = False,
    ) -> str:
        """The send script's request as a curl command (the secret masked unless *reveal*)."""
        fields = {"phones": phone, "mes": text}
        if sender:
            fields["sender"] = sender
        fields.update(imgcode=imgcode, userip=userip)
        url = send_url(self.image_url)
        return curl_sample(url, self.client.credentials, fields, reveal=reveal)

    # --- the picture -------------------------------------------------------------------

    async def load_picture(self) -> CaptchaImage:
        """A new picture (and so a new code for this computer's address)."""
        self._pictures += 1
        image = await self.client.captcha_image(f"1.{self._pictures}")
        self.picture_loaded_at = self._clock()
        return image

    def picture_age(self) -> float | None:
        loaded = self.picture_loaded_at
        return None if loaded is None else max(0.0, self._clock() - loaded)

    # --- sending -----------------------------------------------------------------------

    def _currency(self) -> str:
        balance = self.session.balance
        return balance.currency if balance is not None else ""

    def retry_after(self, draft: SmsDraft) -> float:
        """Seconds until SMSC's limit of identical sends lets *draft* go (0: now)."""
        return self.client.wait_time(
            Endpoint.SEND,
            phone=draft.phone,
            message=draft.text,
            sender=draft.sender,
            imgcode=draft.imgcode,
            userip=draft.userip,
        )

    def limit_wait(self, draft: SmsDraft) -> float:
        """Seconds until SMSC's limits let both steps of a test send of *draft* go: its price
        request (five identical a minute) and the send itself (one a minute). 0: now."""
        cost = self.client.wait_time(
            Endpoint.SEND_COST, phone=draft.phone, message=draft.text, sender=draft.sender
        )
        return max(cost, self.retry_after(draft))

    def available_at(self, wait: float) -> datetime:
        """The wall-clock time *wait* seconds from now (when a held-back send may go)."""
        return self._now() + timedelta(seconds=max(0.0, wait))

    async def quote(self, draft: SmsDraft) -> SendQuote:
        """SMSC's price for *draft* (``cost=1``: nothing is sent) and a fresh balance.

        Raises ``SmscError`` (the price could not be had; nothing was sent)."""
        price = await self.client.send_sms(
            draft.phone, draft.text, sender=draft.sender, cost_only=True
        )
        balance = await self.session.refresh_balance()  # cached when SMSC's limit says wait
        cost = price.cost if price.cost is not None else Decimal("0.00")
        return SendQuote(
            draft,
            cost,
            price.count or 1,
            balance.amount if balance is not None else None,
            balance.currency if balance is not None else "",
        )

    async def send(self, quote: SendQuote) -> SendOutcome:
        """Send the quoted draft once. Never retried; an unclear outcome is checked."""
        if self.sending:
            outcome = SendOutcome(quote, SendStatus.NOT_SENT, reason=NotSentReason.BUSY)
        elif self.retry_after(quote.draft) > 0:
            error = RateLimitedError(self.retry_after(quote.draft), limit=Endpoint.SEND.limit)
            reason = NotSentReason.RATE_LIMITED
            outcome = SendOutcome(quote, SendStatus.NOT_SENT, error=error, reason=reason)
        else:
            self._set_sending(True)
            try:
                outcome = await self._send(quote)
            finally:
                self._set_sending(False)
        self.sent.emit(outcome)
        return outcome

    def _set_sending(self, sending: bool) -> None:
        self.sending = sending
        self.sending_changed.emit(sending)

    async def _send(self, quote: SendQuote) -> SendOutcome:
        draft = quote.draft
        balance = self.session.balance
        before = balance.amount if balance is not None else quote.balance
        age = self.picture_age()
        entry = self._records.entry(
            JournalAction.SEND, draft.phone, JournalOutcome.REQUESTED, amount=quote.cost
        )
        try:
            await self._records.write(entry)
        except OSError as exc:
            log.error("Journal not writable, test SMS to %s not sent: %s", draft.phone, exc)
            reason = NotSentReason.JOURNAL
            return SendOutcome(quote, SendStatus.NOT_SENT, error=exc, reason=reason)
        try:
            result = await self.client.send_sms(
                draft.phone,
                draft.text,
                sender=draft.sender,
                imgcode=draft.imgcode,
                userip=draft.userip,
            )
        except asyncio.CancelledError:
            # The request may have left: keep a trace synchronously, then stop.
            self._record_now(entry, JournalOutcome.UNKNOWN, asyncio.CancelledError())
            raise
        except RateLimitedError as exc:
            await self._records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
            reason = NotSentReason.RATE_LIMITED
            return SendOutcome(quote, SendStatus.NOT_SENT, error=exc, reason=reason)
        except ApiError as exc:
            await self._records.outcome(entry, JournalOutcome.REFUSED, error=exc)
            return SendOutcome(
                quote, SendStatus.REFUSED, error=exc, balance_before=before, picture_age=age
            )
        except NetworkError as exc:
            if exc.request_sent:
                return await self._after_unknown(quote, entry, exc, before, age)
            await self._records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
            reason = NotSentReason.NETWORK
            return SendOutcome(quote, SendStatus.NOT_SENT, error=exc, reason=reason)
        except SmscError as exc:  # an unreadable answer: it may have been sent
            return await self._after_unknown(quote, entry, exc, before, age)
        charged = result.cost if result.cost is not None else quote.cost
        done = replace(entry, message_id=result.id)
        await self._records.outcome(done, JournalOutcome.OK, amount=charged)
        after = result.balance
        if after is None and before is not None:
            after = before - charged
        self.session.spend(charged)
        self._background.start(self.session.refresh_balance(), name="balance")
        return SendOutcome(
            quote,
            SendStatus.SENT,
            result=result,
            balance_before=before,
            balance_after=after,
            picture_age=age,
        )

    def _record_now(self, entry: JournalEntry, outcome: JournalOutcome, error: Any) -> None:
        line = replace(entry, time=self._now(), outcome=outcome, **error_fields(error))
        try:
            self._records.journal.append(line)
        except OSError:
            log.exception("Could not record the unknown test SMS to %s", entry.phone)
            return
        self.session.numbers.journal_appended.emit(line)

    async def _after_unknown(
        self,
        quote: SendQuote,
        entry: JournalEntry,
        error: SmscError,
        before: Decimal | None,
        age: float | None,
    ) -> SendOutcome:
        phone = quote.draft.phone
        log.warning("Test SMS to %s: outcome unknown (%s); checking", phone, type(error).__name__)
        await self._records.outcome(entry, JournalOutcome.UNKNOWN, error=error)
        check, after = await self.reconcile(quote, before)
        return SendOutcome(
            quote,
            SendStatus.UNKNOWN,
            error=error,
            check=check,
            balance_before=before,
            balance_after=after,
            picture_age=age,
        )

    async def reconcile(
        self, quote: SendQuote, before: Decimal | None
    ) -> tuple[SendCheck, Decimal | None]:
        """Was a send whose answer was lost carried out? A fresh balance says (waiting for
        SMSC's balance limit if it must). Never sends anything."""
        phone = quote.draft.phone
        after: Decimal | None = None
        try:
            wait = self.session.balance_retry_after()
            if wait > 0:
                await self._sleep(wait)
            balance = await self.client.balance()
            after = balance.amount
        except SmscError as exc:
            await self._records.record(
                JournalAction.CHECK, phone, JournalOutcome.CHECK_FAILED, error=exc
            )
            return SendCheck.CHECK_FAILED, None
        self._background.start(self.session.refresh_balance(), name="balance")
        drop = None if before is None else before - after
        if drop == 0:
            check = SendCheck.PROBABLY_NOT_SENT
        elif drop is not None and drop >= quote.cost > 0:
            check = SendCheck.PROBABLY_SENT
        else:  # unknown before, a top-up, or less than the price: the balance cannot tell
            check = SendCheck.CHECK_FAILED
        await self._records.record(
            JournalAction.CHECK,
            phone,
            CHECK_OUTCOMES[check],
            amount=quote.cost,
            balance_before=before,
            balance_after=after,
        )
        return check, after

    async def aclose(self) -> None:
        tasks = self._background.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
