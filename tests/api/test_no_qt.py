"""The api package must never load Qt: it runs in services and tools without a GUI."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_pyside6() -> None:
    code = (
        "import sys, smsc_desktop.api; "
        "from smsc_desktop.api import *; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', "
        "'qasync')); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_public_names() -> None:
    import smsc_desktop.api as api

    for name in api.__all__:
        assert hasattr(api, name), name
    for name in (
        "Credentials",
        "SmscClient",
        "Balance",
        "FreeNumber",
        "CallVerification",
        "IncomingMessage",
        "ExportJob",
        "JobStatus",
        "DownloadResult",
        "RequestRecord",
        "SmscError",
        "BadParametersError",
        "AuthError",
        "InsufficientFundsError",
        "NotFoundError",
        "IpBlockedError",
        "TooManyRequestsError",
        "UnknownApiError",
        "NetworkError",
        "OutcomeUnknownError",
        "ProtocolError",
        "RateLimitedError",
    ):
        assert name in api.__all__, name
