"""The site captcha of SMSC (``imgcode.php`` + ``imgcode``/``userip`` on ``send.php``): the
snippet and sample request for a client's web team, and a test send, journaled as money.

``session.captcha`` is the account's :class:`SiteCaptchaService`; the Verification tab's
"Site captcha" page (``ui/panels/verification/site_captcha.py``) shows it.
"""

from smsc_desktop.services.captcha.models import (
    MAX_TEXT,
    DraftCheck,
    DraftProblem,
    NotSentReason,
    SendCheck,
    SendOutcome,
    SendQuote,
    SendStatus,
    SmsDraft,
    check_draft,
)
from smsc_desktop.services.captcha.service import SiteCaptchaService
from smsc_desktop.services.captcha.snippets import MASK, curl_sample, form_snippet, send_url

__all__ = [
    "MASK",
    "MAX_TEXT",
    "DraftCheck",
    "DraftProblem",
    "NotSentReason",
    "SendCheck",
    "SendOutcome",
    "SendQuote",
    "SendStatus",
    "SiteCaptchaService",
    "SmsDraft",
    "check_draft",
    "curl_sample",
    "form_snippet",
    "send_url",
]
