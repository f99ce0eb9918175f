"""Service tests run ``async def`` tests in a fresh event loop each, like the api tests."""

from tests.api.conftest import pytest_pyfunc_call

__all__ = ["pytest_pyfunc_call"]
