"""What the account manager hands the client's web team: the form's HTML and a sample send.

The HTML is SMSC's own snippet (the seed, «Подключение антиспам проверки (captcha) к сайту»)
for the account's server: the picture, which a click reloads (``onclick="src+=1"`` makes a
new address each time, so no cache keeps the old picture), and the field the visitor types
the code into. The sample request is what the site's send script does with it, as a curl
command: a POST (credentials in the body, never in the address) to ``send.php`` with the
typed code as ``imgcode`` and the visitor's address as ``userip``. The password or API key
is masked unless the caller asks to reveal it; nothing here logs anything.
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Mapping

from smsc_desktop.api import Credentials

__all__ = ["MASK", "curl_sample", "form_snippet", "send_url"]

MASK = "********"
SECRET_FIELDS = frozenset({"psw", "apikey"})


def form_snippet(image_url: str, label: str) -> str:
    """The form's picture and code field, as SMSC's documentation writes them."""
    return (
        f"{html.escape(label)}\n"
        f'<img src="{html.escape(image_url)}?1.1" onclick="src+=1" width="50" height="18"'
        ' border="1">\n'
        '<input type="text" name="imgcode" size="6" maxlength="10" autocomplete="off">'
    )


def send_url(image_url: str) -> str:
    """``…/sys/send.php`` on the server of ``…/sys/imgcode.php``."""
    return image_url.removesuffix("imgcode.php") + "send.php"


def curl_sample(
    url: str,
    credentials: Credentials,
    fields: Mapping[str, str],
    *,
    reveal: bool = False,
) -> str:
    """A curl command POSTing the credentials, then *fields* in order, to *url*.

    The secret (``psw`` or ``apikey``) is shown as :data:`MASK` unless *reveal*.
    """
    lines = [f"curl {shlex.quote(url)}"]
    pairs = [*credentials.form_fields().items(), *fields.items(), ("fmt", "3")]
    pairs.append(("charset", "utf-8"))
    for name, value in pairs:
        shown = MASK if name in SECRET_FIELDS and not reveal else value
        lines.append(f"  --data-urlencode {shlex.quote(f'{name}={shown}')}")
    return " \\\n".join(lines)
