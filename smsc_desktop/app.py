"""Startup and shutdown of SMSC Desktop.

Order matters for the time to the first painted window: the QApplication and an empty main
window are shown first; asyncio, qasync, httpx, keyring and the services are imported right
after the first paint (measured: importing them first costs 1.7 times the bare window).
"""

from __future__ import annotations

import argparse
import gc
import linecache
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from smsc_desktop.__about__ import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from smsc_desktop.sandbox.child import SandboxChild
    from smsc_desktop.sandbox.server import SandboxServer
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.ui.main_window import MainWindow

log = logging.getLogger("smsc_desktop.app")

TAB_NAMES = ("overview", "numbers", "verification", "exports")
PAGE_NAMES = ("call", "url", "checker", "send", "captcha")
"""The pages of the Verification tab (``ui/tabs/verification.PAGES``), for ``--page``."""
DIALOG_NAMES = ("accounts", "insights", "rent")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="smsc-desktop", description=APP_NAME)
    parser.add_argument("--version", action="version", version=f"smsc-desktop {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in SMSC sandbox and use its demo account",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="render the window to a PNG once the tab's data has loaded, then exit",
    )
    parser.add_argument("--tab", choices=TAB_NAMES, help="the tab to show at start")
    parser.add_argument(
        "--page",
        choices=PAGE_NAMES,
        help="the page of the Verification tab to show (implies --tab verification)",
    )
    parser.add_argument(
        "--dialog",
        choices=DIALOG_NAMES,
        help="with --screenshot: render this dialog instead of the main window (insights: the"
        " Insights window of the first finished download of at least 1 MiB; rent: the rent"
        " confirmation of the first free number)",
    )
    parser.add_argument(
        "--no-keyring",
        action="store_true",
        help="keep passwords and API keys for this session only; never use the OS keyring",
    )
    parser.add_argument(
        "--sandbox-port", type=int, default=0, help="port of the demo sandbox (default: any free)"
    )
    parser.add_argument(  # the soak benchmark counts what the sandbox holds (tests/perf/)
        "--sandbox-in-app", action="store_true", help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=_window_size,
        help="start with the main window (and a --dialog) this size, e.g. 1024x600; a window"
        " that cannot be that small stays at its smallest",
    )
    parser.add_argument(
        "--color-scheme",
        choices=("system", "light", "dark"),
        help="show the app in this colour scheme (default: as chosen in Settings)",
    )
    parser.add_argument("--screenshot-timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check Qt, TLS, the keyring backend and the demo sandbox, print versions, exit",
    )
    parser.add_argument("--self-test-report", metavar="PATH", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.page is not None:
        if args.tab not in (None, "verification"):
            parser.error("--page is a page of the Verification tab: use it with --tab verification")
        args.tab = "verification"
    return args


def _window_size(text: str) -> tuple[int, int]:
    """``1024x600`` -> (1024, 600), for ``--size``."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()) or not int(width) or not int(height):
        raise argparse.ArgumentTypeError(f"not a size like 1024x600: {text!r}")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["--keyring-child"]:  # the keyring's helper process (no Qt)
        from smsc_desktop.services.keyring_child import main as keyring_child

        return keyring_child()
    if arguments[:1] == ["--sandbox-child"]:  # the demo's sandbox process (no Qt)
        from smsc_desktop.sandbox.child import main as sandbox_child

        return sandbox_child(arguments[1:])
    args = parse_args(argv)
    if args.self_test:  # smsc_desktop/selftest.py; packaging/ runs it on every build
        from smsc_desktop.selftest import run_self_test

        return run_self_test(args.self_test_report)
    _choose_platform(args)
    # The demo's sandbox (sandbox/child.py) needs ~250 ms to serve (Python, aiohttp, the
    # server), the keyring's helper (services/keyring_child.py) ~200 ms to open the keyring:
    # started first, it is ready on the other core by the time the window asks for the
    # account's data. Starting a process costs the first paint ~7 ms (subprocess).
    from smsc_desktop import launch

    if args.demo and not args.sandbox_in_app:
        launch.spawn_early("--sandbox-child", str(args.sandbox_port))
    elif not args.demo and not args.no_keyring:
        launch.spawn_early("--keyring-child")
    # No cyclic garbage collection until the window is ready to work (_collect_when_ready):
    # the ~190 collections that would run on the way (imports, widgets) cost 50-60 ms here.
    from smsc_desktop.services import gcpause

    gcpause.pause()

    from PySide6.QtWidgets import QApplication

    skip_pyside_source_scan()
    from smsc_desktop.ui.main_window import MainWindow

    _route_qt_messages()
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "smsc-desktop"])
    )
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("smsc-desktop")  # matches resources/desktop/smsc-desktop.desktop
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    _install_translator(app)  # the system's language; Settings' choice in _run
    if args.color_scheme:  # before the first paint; Settings… does not override it this run
        from smsc_desktop.ui import theme

        theme.pin_scheme(theme.Scheme(args.color_scheme))

    window = MainWindow()
    if os.environ.get("SMSC_DESKTOP_STARTUP_PROBE"):  # tests/perf/bench_startup.py
        from smsc_desktop.ui.startup_probe import install_from_env

        install_from_env(window)
    window.show()
    app.processEvents()  # the first paint, before the heavy imports below

    import asyncio  # not at module level: it costs 1.2 times the bare window's first paint

    from smsc_desktop.ui import aio

    # Not qasync.run(): on Python 3.11 it installs an event-loop policy for the whole process,
    # and then every asyncio loop created in a worker thread (the sandbox, downloads) would be
    # a Qt loop too. The Qt loop is this thread's loop only.
    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(_run(app, window, args)))
    except RuntimeError as exc:  # the Qt loop was stopped from outside (a session logout)
        if "Event loop stopped" in str(exc):
            return 0
        raise
    finally:
        _close_loop(loop)


def skip_pyside_source_scan() -> bool:
    """Stop PySide6 from reading the source of every module imported after it.

    To know whether a module uses its ``__feature__`` switches (``snake_case``,
    ``true_property``), PySide6 calls ``inspect.getsource`` on each newly imported module and
    looks for the word "PySide6"; linecache then keeps every line of every module. Measured
    here: ~450 modules, 50-100 ms of the way to a usable window and 6-8 MB of memory for
    nothing: the app selects no feature, so every module keeps Qt's default names either way,
    and a module that does ``from __feature__ import ...`` still gets its switch (that import
    sets it). Returns whether the check was found to replace (tests/test_app_cli.py).
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010 - a private hook
    return True


def _uses_no_feature(module: object) -> bool:
    return False


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """What asyncio.run does at the end: cancel leftovers, finish async generators."""
    import asyncio

    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        # Bounded: a task broken by a bug must not keep the process alive after the window
        # has closed.
        loop.run_until_complete(asyncio.wait(pending, timeout=3.0))
    loop.run_until_complete(loop.shutdown_asyncgens())
    asyncio.set_event_loop(None)
    loop.close()


def _choose_platform(args: argparse.Namespace) -> None:
    """A screenshot needs no screen: use the offscreen platform when there is none."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if args.screenshot is not None and headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# Qt messages that say nothing about our app (platform plugin chatter).
_QT_NOISE = ("propagateSizeHints", "QT_DEVICE_PIXEL_RATIO")


def _route_qt_messages() -> None:
    """Qt's own warnings go to our log (redacted, rotated), not to the terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("smsc_desktop.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        level = levels.get(kind, logging.WARNING)
        if any(noise in message for noise in _QT_NOISE):
            level = logging.DEBUG
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


_translators: list[QTranslator] = []


def _install_translator(app: QApplication, chosen: str = "") -> str:
    """Translate the app into ``chosen`` (a locale name), $SMSC_DESKTOP_LANG or the system's
    language; the language used."""
    from PySide6.QtCore import QLocale, QTranslator

    from smsc_desktop.ui.resources import translations_dir

    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    override = os.environ.get("SMSC_DESKTOP_LANG") or chosen
    if override:
        # Numbers, money and dates follow the chosen language too (5 000,00 ₽ in Russian).
        QLocale.setDefault(QLocale(override))
    language = override or QLocale.system().name()
    translator = QTranslator(app)
    if translator.load(f"smsc_desktop_{language}", str(translations_dir())):
        app.installTranslator(translator)
        _translators.append(translator)
        # Qt's own texts (standard buttons of message boxes and file dialogs).
        from PySide6.QtCore import QLibraryInfo

        qt_translator = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_translator)
            _translators.append(qt_translator)
    return language


LANGUAGES = {"en": "en_US", "ru": "ru_RU"}
"""The interface languages Settings… offers (``ui/language``) and the locale each uses."""


def _follow_chosen_language(app: QApplication, window: MainWindow, chosen: object) -> None:
    """The language picked in Settings… (``ui/language``), read with the settings after the
    first paint (which reading them first would delay): the window's few texts made before
    are translated again; everything else is built after this."""
    locale = LANGUAGES.get(str(chosen), "")
    if not locale or os.environ.get("SMSC_DESKTOP_LANG"):
        return
    from PySide6.QtCore import QLocale

    if QLocale.system().name() == locale:
        return
    _install_translator(app, locale)
    window.retranslate()


async def _run(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    import asyncio

    from smsc_desktop import launch
    from smsc_desktop.services.logs import setup_logging
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.profiles import ProfileStore
    from smsc_desktop.services.secrets import SecretStore, keyring_in_child
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui import aio

    paths = AppPaths.default()
    setup_logging(paths.log_file)
    log.info("SMSC Desktop %s starting", __version__)
    crash = CrashHandler(paths, window)
    crash.install()

    quit_event = asyncio.Event()
    window.closing.connect(quit_event.set)
    app.aboutToQuit.connect(quit_event.set)

    # What the first account needs from outside the process starts before the rest of the
    # app is imported and the window built, and runs meanwhile on worker threads: the
    # built-in sandbox's answer for --demo (its process started in main), else the keyring,
    # which reads the last account's password as soon as it is open.
    sandbox = DemoSandbox(args.sandbox_port, in_process=args.sandbox_in_app)
    if args.demo:
        aio.spawn(sandbox.warm_up(), name="demo-sandbox")
    settings = Settings(paths.settings_file)
    _follow_chosen_language(app, window, settings.get("ui/language"))
    secrets = SecretStore(enabled=not args.no_keyring, backend_factory=keyring_in_child)
    profiles = ProfileStore(settings)
    first = None if args.demo else profiles.active() or next(iter(profiles), None)
    if first is not None and not first.demo:
        secrets.open_soon(read_first=first.secret_key)
    await asyncio.sleep(0)  # the keyring's (or the demo sandbox's) thread starts...

    from smsc_desktop.ui.context import AppContext  # ...while the rest is imported

    ctx = AppContext(
        paths, settings, secrets=secrets, profiles=profiles, sandbox_starter=sandbox.start
    )
    if first is not None and not first.demo:
        # Its session is made (TLS set-up included) on a worker thread once the password
        # is known, while the window is built. Nothing waits for the keyring here (it may
        # show an unlock prompt).
        ctx.prepare(first)
    await asyncio.sleep(0)
    window.preload(ctx, args.tab)  # the tab in front imported meanwhile too
    await asyncio.sleep(0)
    window.attach(ctx, args.tab, build_tab=False)
    sandbox.on_ended = window.accounts.demo_sandbox_ended
    if args.size:
        window.resize(*args.size)
    await asyncio.sleep(0)
    tab = window.show_tab(window.first_tab(ctx, args.tab))  # that tab, and no other yet
    if args.tab and args.page:
        tab.show_page(args.page)  # type: ignore[attr-defined]

    await window.accounts.start(demo=args.demo)
    aio.spawn(_collect_when_ready(window), name="startup-gc")

    result = {"code": 0}
    if args.screenshot is not None:
        from smsc_desktop.ui.screenshots import (
            take_dialog_screenshot,
            take_insights_screenshot,
            take_rent_screenshot,
            take_screenshot,
        )

        async def shoot() -> None:
            try:
                if args.dialog == "accounts":
                    result["code"] = await take_dialog_screenshot(
                        window, args.screenshot, args.screenshot_timeout, size=args.size
                    )
                elif args.dialog == "insights":
                    result["code"] = await take_insights_screenshot(
                        window, args.screenshot, args.screenshot_timeout
                    )
                elif args.dialog == "rent":
                    result["code"] = await take_rent_screenshot(
                        window, args.screenshot, args.screenshot_timeout
                    )
                else:
                    result["code"] = await take_screenshot(
                        window, args.tab, args.screenshot, args.screenshot_timeout
                    )
            finally:
                quit_event.set()  # a failure is reported (crash handler) and ends the run

        aio.spawn(shoot(), name="screenshot")

    await quit_event.wait()
    log.info("Shutting down")
    window.hide()
    sandbox.on_ended = None
    await aio.cancel_all()
    await ctx.close()
    await sandbox.stop()
    await asyncio.to_thread(settings.flush, 10.0)  # the window's layout, saved on close
    await asyncio.to_thread(launch.discard_early)  # a helper started early, never needed
    crash.uninstall()
    return result["code"] or crash.exit_code


async def _collect_when_ready(window: MainWindow) -> None:
    """Once the window shows its data (or has no account to show, or after 10 s): the
    accounts overview's service started (``AppContext.start_overview``), one collection of
    the startup's garbage, then the collector back on. What survives lives as
    long as the app: frozen out of the collector's full passes, which otherwise take 16-21 ms
    here and stall the window (../shared/platform-notes.md §9; the exports benchmark
    measures the stalls)."""
    import asyncio

    from smsc_desktop import launch
    from smsc_desktop.ui.startup_probe import main_window_ready

    try:
        for _ in range(100):
            if window.ctx is None or window.ctx.session is None or main_window_ready(window):
                break
            await asyncio.sleep(0.1)
        if window.ctx is not None and window.isVisible():  # not on the way out
            window.ctx.start_overview()  # its notifications; the tab comes on first show
        # A helper main started early and the first view did not need (the keyring's, when
        # the last account is a demo or there is none) would idle until the app closes.
        await asyncio.to_thread(launch.discard_early)
    finally:
        from smsc_desktop.services import gcpause

        # Sources read on the way (anyio builds its lazy imports from its own; PySide6 looks
        # into the first few modules before skip_pyside_source_scan): ~0.2 MB of lines that
        # a traceback reads again if it ever needs them.
        linecache.clearcache()
        gc.collect()
        gc.freeze()
        gcpause.resume()
        gcpause.release_memory()  # what the startup's work freed, back to the system


class DemoSandbox:
    """The built-in SMSC sandbox, started on first use (``--demo`` or a demo profile): a
    child process (``sandbox/child.py``; for ``--demo``, ``main`` has started it before Qt
    is imported, and :meth:`start` takes that one), or with ``in_process`` a server thread
    in this process (the soak benchmark counts what the sandbox holds)."""

    def __init__(self, port: int = 0, *, in_process: bool = False) -> None:
        self.port = port
        self.in_process = in_process
        self.url: str | None = None
        self.on_ended: Callable[[int], None] | None = None
        """Called (on the loop's thread) with the exit code when the sandbox's process ends
        while the app still uses it; the next :meth:`start` starts a new one."""
        self._server: SandboxServer | None = None
        self._child: SandboxChild | None = None
        self._starting: asyncio.Future[str] | None = None

    async def start(self) -> str:
        import asyncio

        child = self._child
        code = child.exit_code() if child is not None else None
        if child is not None and code is not None:  # ended, not yet noticed
            self._ended(child, code)
        if self.url is not None:
            return self.url
        if self._starting is not None:  # two callers at once: one server
            return await asyncio.shield(self._starting)
        self._starting = asyncio.get_running_loop().create_future()
        try:  # on a worker thread: the child's answer is awaited, or aiohttp imported
            url = await asyncio.to_thread(self._start_blocking)
        except BaseException as exc:
            error = self._unavailable(exc) if isinstance(exc, OSError) else exc
            self._starting.set_exception(error)
            self._starting.exception()  # retrieved: the awaiting callers get it
            self._starting = None
            if error is exc:
                raise
            raise error from exc
        self.url = url
        self._starting.set_result(url)
        self._starting = None
        log.info("Demo sandbox listening on %s", url)
        if self._child is not None:
            self._watch(self._child, asyncio.get_running_loop())
        return url

    def _watch(self, child: SandboxChild, loop: asyncio.AbstractEventLoop) -> None:
        """Tell :meth:`_ended` when ``child``'s process ends (a thread of its own that only
        waits: the loop's worker threads stay free)."""
        import threading

        def wait() -> None:
            from contextlib import suppress

            code = child.wait()
            if code is not None:
                with suppress(RuntimeError):  # the loop has closed: the app is gone
                    loop.call_soon_threadsafe(self._ended, child, code)

        threading.Thread(target=wait, name="demo-sandbox-watch", daemon=True).start()

    def _ended(self, child: SandboxChild, code: int) -> None:
        """``child`` ended. Unless it was stopped (it is no longer the one in use), forget
        it and its URL, and say so."""
        if child is not self._child:
            return
        log.warning("The demo sandbox ended unexpectedly (exit code %s)", code)
        self._child = None
        self.url = None
        child.stop()  # reaps it and closes its pipes
        if self.on_ended is not None:
            self.on_ended(code)

    def _unavailable(self, exc: OSError) -> Exception:
        """What the window says when the sandbox cannot start (a taken ``--sandbox-port``):
        the port, and the sandbox's own words (the child's, or the bind's error here)."""
        from smsc_desktop.services.accounts import SandboxUnavailableError

        reason = getattr(exc, "reason", "") or f"{type(exc).__name__}: {exc}"
        log.warning("The demo sandbox could not start (port %s): %s", self.port, reason)
        return SandboxUnavailableError(self.port, reason)

    def _start_blocking(self) -> str:
        from smsc_desktop.sandbox.child import SandboxChild, start_demo_server

        if self.in_process:
            self._server, url = start_demo_server(self.port)
            return url
        if self._child is None:
            self._child = SandboxChild(self.port)
        return self._child.url()  # the process main started early, or a new one

    async def warm_up(self) -> None:
        """``start()`` for a caller that does not wait for it: a failure reaches whoever
        asks for the URL."""
        from contextlib import suppress

        with suppress(Exception):
            await self.start()

    async def stop(self) -> None:
        import asyncio

        server, self._server = self._server, None
        child, self._child = self._child, None
        self.url = None
        if server is not None:
            await asyncio.to_thread(server.stop)
        if child is not None:
            await asyncio.to_thread(child.stop)


class CrashHandler:
    """Anything uncaught: logged, written to a redacted crash report, shown in a dialog."""

    def __init__(self, paths: AppPaths, window: MainWindow) -> None:
        self.paths = paths
        self.window = window
        self.exit_code = 0
        self._previous = sys.excepthook

    def install(self) -> None:
        import asyncio

        from smsc_desktop.ui import aio

        sys.excepthook = self.handle
        aio.set_error_handler(lambda exc: self.handle(type(exc), exc, exc.__traceback__))
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self._loop_exception)

    def uninstall(self) -> None:
        from smsc_desktop.ui import aio

        sys.excepthook = self._previous
        aio.set_error_handler(None)

    def _loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self.handle(type(exc), exc, exc.__traceback__)
        else:
            log.error("Event loop error: %s", context.get("message"))

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from smsc_desktop.services.crash import format_crash, write_crash_report
        from smsc_desktop.ui.dialogs.crash import CrashDialog

        self.exit_code = 70  # EX_SOFTWARE: a screenshot or self-test run must not pass
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        text = format_crash(exc_type, exc, tb, [f"Qt {qVersion()}, PySide6 {pyside_version}"])
        try:
            report = write_crash_report(self.paths.crash_dir, text)
        except OSError:
            report = None
        dialog = CrashDialog(text, report, self.window)
        dialog.setModal(False)
        dialog.show()
