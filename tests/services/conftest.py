"""Service tests: plain pytest; ``async def`` tests run in their own asyncio loop."""

from tests.api.conftest import pytest_pyfunc_call

__all__ = ["pytest_pyfunc_call"]
