"""``python -m smsc_desktop.sandbox --port 8765 [--numbers N] [--no-limits] [...]``.

The compatibility options (``--phones-param``, ``--domestic-phones``, ``--file-charset``,
``--captcha-error`` and ``--set KEY=VALUE`` for any other setting) set what SMSC's behaviour
is not known for; see ``SandboxConfig``.

Prints the base URL and the test accounts, then serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import signal

from smsc_desktop.sandbox.config import (
    CAPTCHA_ERRORS,
    DOMESTIC_PHONES,
    FILE_CHARSETS,
    SEND_IDENTITIES,
    SandboxConfig,
)
from smsc_desktop.sandbox.server import SandboxServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m smsc_desktop.sandbox", description="Run the SMSC sandbox server."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--numbers", type=int, default=None, help="free numbers in the pool")
    parser.add_argument("--seed", type=int, default=None, help="seed of the generated data")
    parser.add_argument(
        "--no-limits", action="store_true", help="do not answer error 9 for request floods"
    )
    parser.add_argument(
        "--phones-param",
        action="store_true",
        help="also read phones= where phone= is expected (SMSC's Node library sends it)",
    )
    parser.add_argument(
        "--domestic-phones",
        choices=DOMESTIC_PHONES,
        default=None,
        help="8XXXXXXXXXX and 9XXXXXXXXX phones: kept as written (as_is, the default), "
        "read as 7XXXXXXXXXX (international) or refused (reject)",
    )
    parser.add_argument(
        "--file-charset",
        choices=FILE_CHARSETS,
        default=None,
        help="encoding of get_file (default windows-1251; request: the request's charset)",
    )
    parser.add_argument(
        "--captcha-error",
        type=int,
        choices=CAPTCHA_ERRORS,
        default=None,
        help="the SMSC error of a failed captcha check on send.php (default 1; or 6)",
    )
    parser.add_argument(
        "--send-identity",
        choices=SEND_IDENTITIES,
        default=None,
        help="what makes two sends identical for SMSC's limit: every parameter (request, the"
        " default) or phones, text and sender (message: a new captcha code is the same send)",
    )
    parser.add_argument(
        "--trickle",
        type=float,
        default=None,
        metavar="SECONDS",
        help="every SECONDS an SMS lands on a rented number of the demo accounts (as --demo)",
    )
    parser.add_argument(
        "--messages",
        type=int,
        default=None,
        metavar="N",
        help="seed N more SMS on the demo accounts' numbers over the last 20 hours",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any setting of POST /sandbox/reset, e.g. --set jobs_order=descending "
        "--set callback_url=http://127.0.0.1:9000/handler.php?md5=secret (repeatable)",
    )
    return parser.parse_args(argv)


async def serve(server: SandboxServer) -> None:
    url = await server.start_async()
    print(f"SMSC sandbox on {url}  (control: {url}/sandbox/state)")
    print("Accounts (login / password / apikey / balance):")
    for account in server.config.accounts:
        notes = " [IP blocked: every request gives error 4]" if account.ip_blocked else ""
        print(
            f"  {account.login} / {account.password} / {account.apikey} / "
            f"{account.balance} {account.currency}{notes}"
        )
    config = server.config
    print(
        f"Settings: phones_param={config.phones_param}, "
        f"domestic_phones={config.domestic_phones}, get_file_charset={config.get_file_charset}, "
        f"captcha_error={config.captcha_error}, send_identity={config.send_identity}"
    )
    print("Ctrl-C to stop.", flush=True)
    stopped = asyncio.Event()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set)
    try:
        await stopped.wait()
    finally:
        await server.stop_async()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    config = SandboxConfig()
    changes: dict[str, object] = {}
    if args.numbers is not None:
        changes["numbers"] = args.numbers
    if args.seed is not None:
        changes["seed"] = args.seed
    if args.no_limits:
        changes["enforce_limits"] = False
    if args.phones_param:
        changes["phones_param"] = True
    if args.domestic_phones is not None:
        changes["domestic_phones"] = args.domestic_phones
    if args.file_charset is not None:
        changes["get_file_charset"] = args.file_charset
    if args.captcha_error is not None:
        changes["captcha_error"] = args.captcha_error
    if args.send_identity is not None:
        changes["send_identity"] = args.send_identity
    if args.messages is not None:
        changes["inbox_messages"] = max(0, args.messages)
    if args.trickle is not None:
        changes["trickle_seconds"] = max(0.0, args.trickle)
    config = dataclasses.replace(config, **changes)  # type: ignore[arg-type]
    settings = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--set needs KEY=VALUE, not {item!r}")
        settings[key.strip()] = value
    try:
        config = config.with_overrides(settings)
    except ValueError as error:
        raise SystemExit(f"--set: {error}") from None
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(SandboxServer(config, host=args.host, port=args.port)))


if __name__ == "__main__":
    main()
