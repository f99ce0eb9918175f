"""SMSC's page for the account's server that states the rules a rent accepts.

SMSC's documentation of ``receive_phones.php``: "connecting a dedicated number, you
automatically agree to the rules for using such numbers". That page is known at these
addresses (``../shared/smsc-api.md`` section 1); a mirror (``www2.``) or any other host of a
known site gets that site's page, anything else (smsc.ua, the sandbox, a test server)
smsc.ru's, since no other address is known.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

RULES_PAGES: Final = {
    "smsc.ru": "https://smsc.ru/api/http/miscellaneous/receive/",
    "smscentre.com": "https://smscentre.com/api/http/miscellaneous/receive/",
    "smsc.kz": "https://smsc.kz/api/http/miscellaneous",
}


def rules_page(server: str) -> str:
    """The page of ``server``'s SMSC site on dedicated numbers and their rules."""
    text = server.strip()
    host = (urlsplit(text if "://" in text else "https://" + text).hostname or "").lower()
    site = next((s for s in RULES_PAGES if host == s or host.endswith("." + s)), "smsc.ru")
    return RULES_PAGES[site]
