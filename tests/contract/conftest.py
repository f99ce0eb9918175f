"""Contract tests: clients of SMSC that nobody here wrote, and the app itself, against the
sandbox over real HTTP. ``async def`` tests run in a fresh event loop each."""

from tests.api.conftest import pytest_pyfunc_call

__all__ = ["pytest_pyfunc_call"]
