"""Async client for the SMSC HTTP API. No Qt here: the UI talks to it through services.

>>> async with SmscClient("https://smsc.ru", Credentials.from_api_key(key)) as client:
...     balance = await client.balance()

Services import only the names below (``api.fast_download`` is imported on its own, late,
so aiohttp stays out of start-up).
"""

from smsc_desktop.api._endpoints import Endpoint, wait_time
from smsc_desktop.api.client import (
    ProgressCallback,
    RequestObserver,
    SmscClient,
    prepare_transport,
    validate_base_url,
)
from smsc_desktop.api.credentials import Credentials
from smsc_desktop.api.errors import (
    ApiError,
    AuthError,
    BadParametersError,
    ConnectFailedError,
    DnsLookupError,
    DownloadInterruptedError,
    ErrorKind,
    HttpStatusError,
    InsufficientFundsError,
    IpBlockedError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscError,
    TlsError,
    TooManyRequestsError,
    UnknownApiError,
    UnreadableOutcomeError,
)
from smsc_desktop.api.models import (
    CALL_VERIFICATION_WINDOW,
    Balance,
    CallVerification,
    CaptchaImage,
    DownloadResult,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    JobStatus,
    NumberKind,
    RecordList,
    RequestRecord,
    SendResult,
    SkippedRecord,
)
from smsc_desktop.api.netcauses import NetCause
from smsc_desktop.api.parsing import MSK
from smsc_desktop.api.plain_http import HttpTransport, PlainHttpError, PlainReply, post_plain
from smsc_desktop.api.ratelimit import RateGuard

__all__ = [
    "CALL_VERIFICATION_WINDOW",
    "MSK",
    "ApiError",
    "AuthError",
    "BadParametersError",
    "Balance",
    "CallVerification",
    "CaptchaImage",
    "ConnectFailedError",
    "Credentials",
    "DnsLookupError",
    "DownloadInterruptedError",
    "DownloadResult",
    "Endpoint",
    "ErrorKind",
    "ExportJob",
    "FreeNumber",
    "HttpStatusError",
    "HttpTransport",
    "IncomingMessage",
    "InsufficientFundsError",
    "IpBlockedError",
    "JobStatus",
    "NetCause",
    "NetworkError",
    "NotFoundError",
    "NumberKind",
    "OutcomeUnknownError",
    "PlainHttpError",
    "PlainReply",
    "ProgressCallback",
    "ProtocolError",
    "RateGuard",
    "RateLimitedError",
    "RecordList",
    "RequestObserver",
    "RequestRecord",
    "RequestTimeoutError",
    "ResponseTimeoutError",
    "SendResult",
    "SkippedRecord",
    "SmscClient",
    "SmscError",
    "TlsError",
    "TooManyRequestsError",
    "UnknownApiError",
    "UnreadableOutcomeError",
    "post_plain",
    "prepare_transport",
    "validate_base_url",
    "wait_time",
]
