"""The SMSC sandbox: a stateful aiohttp server speaking the documented SMSC HTTP protocol.

For tests, benchmarks, demos and training. It never imports PySide6 nor
``smsc_desktop.api``: it is an independent reading of the SMSC documentation.

- ``SandboxServer(config=None, host="127.0.0.1", port=0)``: ``start() -> url`` (own thread),
  ``stop()``, ``start_async()``/``stop_async()``, and control helpers (``server.py``).
- ``SandboxConfig``/``AccountConfig``: accounts, pool size, limits, timings (``config.py``).
- SMSC scripts under ``/sys/*.php`` (``endpoints.py``); control endpoints under
  ``/sandbox/`` (``control.py``); wire conventions and error texts (``protocol.py``).
- ``python -m smsc_desktop.sandbox --port 8765`` runs it alone.

Importing this package is cheap: the server's and the state's names are loaded on first use
(PEP 562), so a module that needs only the accounts of ``sandbox.config`` (the app's demo
profiles, on every start) does not import aiohttp and the server with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from smsc_desktop.sandbox.config import (
    BLOCKED_APIKEY,
    BLOCKED_LOGIN,
    BLOCKED_PASSWORD,
    DEMO_APIKEY,
    DEMO_LOGIN,
    DEMO_PASSWORD,
    ENDPOINTS,
    KZ_APIKEY,
    KZ_LOGIN,
    KZ_PASSWORD,
    POOR_APIKEY,
    POOR_LOGIN,
    POOR_PASSWORD,
    AccountConfig,
    SandboxConfig,
    default_accounts,
)
from smsc_desktop.sandbox.protocol import DEFAULT_ERROR_TEXTS, SmscError

if TYPE_CHECKING:
    from smsc_desktop.sandbox.faults import FaultSpec
    from smsc_desktop.sandbox.server import SandboxServer, make_app
    from smsc_desktop.sandbox.state import ControlError, SandboxState

_LAZY = {
    "FaultSpec": "faults",
    "SandboxServer": "server",
    "make_app": "server",
    "ControlError": "state",
    "SandboxState": "state",
}
"""The names whose modules bring aiohttp and the server along: loaded on first use."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BLOCKED_APIKEY",
    "BLOCKED_LOGIN",
    "BLOCKED_PASSWORD",
    "DEFAULT_ERROR_TEXTS",
    "DEMO_APIKEY",
    "DEMO_LOGIN",
    "DEMO_PASSWORD",
    "ENDPOINTS",
    "KZ_APIKEY",
    "KZ_LOGIN",
    "KZ_PASSWORD",
    "POOR_APIKEY",
    "POOR_LOGIN",
    "POOR_PASSWORD",
    "AccountConfig",
    "ControlError",
    "FaultSpec",
    "SandboxConfig",
    "SandboxServer",
    "SandboxState",
    "SmscError",
    "default_accounts",
    "make_app",
]
