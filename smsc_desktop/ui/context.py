"""What the windows and tabs share: paths, settings, the request log and the active account."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.settings import Settings

log = logging.getLogger("smsc_desktop.ui")


class AppContext(QObject):
    """Owns the active ``AccountSession``; tabs follow ``sessionChanged``."""

    sessionChanged = Signal(object)  # AccountSession | None

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        *,
        request_log: RequestLog | None = None,
        sandbox_url: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.request_log = request_log or RequestLog()
        self.sandbox_url = sandbox_url
        self.session: AccountSession | None = None

    async def open_session(self, profile: Profile, credentials: Credentials) -> AccountSession:
        """Close the current account (if any) and make ``profile`` the active one."""
        await self.close_session()
        session = AccountSession(profile, credentials, self.paths, request_log=self.request_log)
        self.session = session
        log.info("Account %r on %s is active", profile.name, profile.server_label)
        self.sessionChanged.emit(session)
        return session

    async def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            self.sessionChanged.emit(None)
            await session.close()
