"""``smsc-desktop --self-test``: proves that a build (above all a frozen one) has what it needs.

Checks, each reported on its own line (``ok``, ``warn`` or ``FAIL``):

- qt: a QApplication on the offscreen platform renders the main window and the SVG app icon
  (catches missing Qt plugins: platforms, imageformats, iconengines);
- icu: Qt's ICU data has what Qt uses (collation, time-zone names, legacy codecs), which
  the bundle trims the rest of (packaging/icu.py);
- resources: the icons and the translations folder are where ``ui.resources`` looks;
- tls: httpx builds its TLS context with certifi's CA bundle, as ``SmscClient`` does;
- keyring: keyring's backends are registered (entry points) and importable for this OS, and
  the resolved backend is reported. A frozen app that lost keyring's metadata resolves to
  ``fail.Keyring`` with no backend registered: that fails. A machine with no Secret Service
  running resolves to ``fail.Keyring`` with the backend registered: that only warns;
- keyring-child: the app's own executable started with ``--keyring-child`` (how the app
  reaches the keyring, ``services/keyring_child.py``) opens the keyring and names its backend.
- sandbox-child: the app's own executable started with ``--sandbox-child`` (how ``--demo``
  runs the sandbox, ``sandbox/child.py``) says where it listens and answers the balance.
- sandbox: the built-in SMSC sandbox (aiohttp) starts on 127.0.0.1 and the api client
  (httpx) asks it for the demo account's balance, on a qasync loop like the app's; then the
  download manager's transport (aiohttp on a worker thread) fetches a job file from it.

Then the versions of everything are printed, and the exit code is 0 only if nothing failed.
The report goes to stdout, and also to ``report_path`` when given (a windowed Windows build
has no stdout).
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from smsc_desktop.__about__ import APP_NAME, __version__

# The keyring backend each OS must have, the entry-point name keyring registers it under, and
# the modules the backend needs (a frozen app that dropped them cannot use the OS keyring).
PLATFORM_KEYRING = {
    "linux": ("SecretService", "keyring.backends.SecretService", ("secretstorage", "jeepney")),
    "win32": ("Windows", "keyring.backends.Windows", ("win32ctypes.pywin32.win32cred",)),
    "darwin": ("macOS", "keyring.backends.macOS", ("keyring.backends.macOS.api",)),
}
KEYRING_TIMEOUT_S = 10.0
SANDBOX_TIMEOUT_S = 20.0


class Report:
    """Collects check results and prints them as they come."""

    def __init__(self, streams: list[TextIO]) -> None:
        self.streams = streams
        self.failed: list[str] = []

    def line(self, text: str) -> None:
        for stream in self.streams:
            stream.write(text + "\n")
            stream.flush()

    def ok(self, name: str, detail: str) -> None:
        self.line(f"ok    {name}: {detail}")

    def warn(self, name: str, detail: str) -> None:
        self.line(f"warn  {name}: {detail}")

    def fail(self, name: str, detail: str) -> None:
        self.failed.append(name)
        self.line(f"FAIL  {name}: {detail}")

    @contextmanager
    def check(self, name: str) -> Iterator[None]:
        """Run a check; an unexpected exception fails it instead of ending the self-test."""
        try:
            yield
        except Exception as exc:
            import traceback

            where = traceback.extract_tb(exc.__traceback__)[-3:]
            trail = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(where))
            self.fail(name, f"{type(exc).__name__}: {exc} (at {trail})")


def check_qt(report: Report) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.resources import icon

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "smsc-desktop"])
    platform_name = QGuiApplication.platformName()
    window = MainWindow()
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        report.fail("qt", f"the main window did not render on {platform_name!r}")
        return
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    pixmap = icon("smsc-desktop").pixmap(QSize(64, 64))
    window.deleteLater()
    app.processEvents()
    if "svg" not in formats or pixmap.isNull():
        report.fail("qt", f"SVG icons cannot be loaded (image formats: {sorted(formats)})")
        return
    report.ok(
        "qt",
        f"platform {platform_name}, main window {image.width()}x{image.height()}, "
        f"SVG icon {pixmap.width()}x{pixmap.height()}, image formats {sorted(formats)}",
    )


def check_icu(report: Report) -> None:
    """Qt's ICU data (trimmed in the bundle by packaging/icu.py): collation, zone names and
    legacy codecs, the parts of it Qt uses."""
    from PySide6.QtCore import QByteArray, QCollator, QLocale, QStringDecoder, QTimeZone

    russian = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    collator = QCollator(russian)
    ordered = collator.compare("ёж", "яблоко") < 0 and collator.compare("Б", "а") > 0
    zone = QTimeZone(QByteArray(b"Europe/Moscow")).displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, russian
    )
    codec = QStringDecoder("windows-1251").isValid()
    problems = [
        what
        for what, works in (
            ("collation", ordered),
            ("time-zone names", "Москва" in zone),
            ("the windows-1251 codec", codec),
        )
        if not works
    ]
    if problems:
        report.fail("icu", f"Qt's ICU data lacks {', '.join(problems)} (zone name {zone!r})")
        return
    report.ok("icu", f"collation, zone names ({zone}) and codecs work")


def check_resources(report: Report) -> None:
    from smsc_desktop.ui.resources import resources_dir, translations_dir

    root = resources_dir()
    icons = sorted(p.name for p in (root / "icons").glob("*.svg"))
    if "smsc-desktop.svg" not in icons:
        report.fail("resources", f"no icons/smsc-desktop.svg in {root}")
        return
    from PySide6.QtCore import QTranslator

    translations = translations_dir()
    qm = sorted(translations.glob("*.qm")) if translations.is_dir() else []
    broken = [path.name for path in qm if not QTranslator().load(str(path))]
    if broken:
        report.fail("resources", f"Qt cannot load the translations {broken}")
        return
    names = [path.name for path in qm]
    report.ok("resources", f"{root}: {len(icons)} SVG icon(s), translations {names or 'none'}")


def check_tls(report: Report) -> None:
    import asyncio
    import ssl

    import certifi
    import httpx

    from smsc_desktop.api import Credentials, SmscClient

    bundle = Path(certifi.where())
    if not bundle.is_file():
        report.fail("tls", f"certifi's CA bundle is missing: {bundle}")
        return
    # httpx (trust_env) prefers these variables to certifi; a stale one breaks every request.
    source = f"certifi ({bundle.name})"
    for variable in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        value = os.environ.get(variable)
        if value:
            if not Path(value).exists():
                report.fail("tls", f"{variable}={value} does not exist: httpx cannot build TLS")
                return
            source = f"{variable}={value}"
            break
    context = httpx.create_ssl_context()
    cas = context.cert_store_stats().get("x509_ca", 0)
    if cas < 10:
        report.fail("tls", f"the TLS context trusts {cas} CA certificates")
        return
    if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
        report.fail("tls", "the TLS context does not verify certificates and host names")
        return

    async def build_client() -> None:  # the app's client builds its context (sends nothing)
        client = SmscClient("https://smsc.ru", Credentials.from_api_key("self-test"))
        await client.aclose()

    asyncio.run(build_client())
    report.ok("tls", f"{ssl.OPENSSL_VERSION}, {cas} CA certificates from {source}")


def check_keyring(report: Report) -> None:
    import importlib
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout
    from importlib import metadata

    import keyring
    import keyring.backend
    from keyring.backends import fail

    registered = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
    expected = PLATFORM_KEYRING.get(sys.platform)
    if expected is None:
        report.warn("keyring", f"no known OS keyring for {sys.platform}; registered {registered}")
        return
    entry_point, module_name, needs = expected
    if entry_point not in registered:
        report.fail(
            "keyring",
            f"keyring's backends are not registered ({registered or 'none'}): the package "
            "metadata with its entry points is missing from this build",
        )
        return
    missing = []
    for name in (module_name, *needs):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    if missing:
        report.fail("keyring", f"the {entry_point} backend cannot load: {', '.join(missing)}")
        return

    def resolve() -> tuple[object, list[str]]:
        viable = [_class_name(k) for k in keyring.backend.get_all_keyring()]
        return keyring.get_keyring(), viable

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="selftest-keyring")
    try:
        backend, viable = pool.submit(resolve).result(timeout=KEYRING_TIMEOUT_S)
    except FutureTimeout:
        report.warn("keyring", f"resolving the backend took over {KEYRING_TIMEOUT_S:.0f} s")
        return
    finally:
        pool.shutdown(wait=False)
    name = _class_name(backend)
    if isinstance(backend, fail.Keyring):
        report.warn(
            "keyring",
            f"{entry_point} is registered but no keyring service answers here (resolved {name}); "
            "the app keeps secrets for the session only",
        )
        return
    report.ok("keyring", f"resolved {name}; registered {registered}; viable {viable}")


def check_keyring_child(report: Report) -> None:
    """The app reaches the keyring through a child process of its own executable
    (``--keyring-child``): it starts, opens the keyring and says which backend it has."""
    from smsc_desktop.services.keyring_child import ChildKeyring, ChildKeyringError

    try:
        child = ChildKeyring.start()
    except ChildKeyringError as exc:
        report.warn("keyring-child", f"started, but the keyring did not open: {exc}")
        return
    except (OSError, EOFError, ValueError) as exc:
        report.fail("keyring-child", f"the keyring's helper process does not work: {exc}")
        return
    state = f"not usable: {child.problem}" if child.problem else "usable"
    child.close()
    report.ok("keyring-child", f"opened {child.name or 'no backend'} ({state})")


def check_sandbox_child(report: Report) -> None:
    """The demo's sandbox runs in a child process of the app's own executable
    (``--sandbox-child``): it starts, says where it listens and answers an SMSC script."""
    import json
    from urllib.parse import urlencode
    from urllib.request import urlopen

    from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD
    from smsc_desktop.sandbox.child import SandboxChild

    child = SandboxChild()
    started = time.perf_counter()
    try:
        url = child.url()
        query = urlencode({"login": DEMO_LOGIN, "psw": DEMO_PASSWORD, "fmt": 3})
        with urlopen(f"{url}/sys/balance.php", query.encode(), SANDBOX_TIMEOUT_S) as answer:
            balance = json.loads(answer.read())["balance"]
    except (OSError, ValueError, KeyError) as exc:
        report.fail("sandbox-child", f"the demo sandbox's process does not work: {exc}")
        return
    finally:
        child.stop()
    elapsed = (time.perf_counter() - started) * 1000
    report.ok("sandbox-child", f"{url} answered the demo balance {balance} in {elapsed:.0f} ms")


def _class_name(obj: object) -> str:
    return f"{type(obj).__module__}.{type(obj).__name__}"


def check_sandbox(report: Report) -> None:
    import asyncio

    from PySide6.QtWidgets import QApplication

    from smsc_desktop.api import Credentials, SmscClient
    from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD, SandboxServer
    from smsc_desktop.ui import aio

    server = SandboxServer(port=0)
    url = server.start()
    try:
        job = server.create_job(100_000, status=2)
        folder = Path(tempfile.mkdtemp(prefix="smsc-selftest-"))

        async def ask() -> object:
            from smsc_desktop.api.fast_download import FastDownloader

            credentials = Credentials.from_password(DEMO_LOGIN, DEMO_PASSWORD)
            async with SmscClient(url, credentials, timeout=SANDBOX_TIMEOUT_S) as client:
                balance = await asyncio.wait_for(client.balance(), SANDBOX_TIMEOUT_S)
                downloader = FastDownloader(client)
                try:
                    fetched = await asyncio.wait_for(
                        downloader.download(job_id=job["id"], dest=folder / "job.csv"),
                        SANDBOX_TIMEOUT_S,
                    )
                finally:
                    await downloader.aclose()
                if fetched.total_bytes != job["size"]:
                    raise RuntimeError(f"the job file came with {fetched.total_bytes} bytes")
                return balance

        # The app's loop: a qasync loop for this thread only (app.py says why not qasync.run)
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "smsc"])
        loop = aio.new_event_loop(app)
        started = time.perf_counter()
        try:
            balance = loop.run_until_complete(ask())
        finally:
            loop.close()
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    report.ok(
        "sandbox",
        f"{url} answered the demo balance {balance} and a job file in {elapsed:.0f} ms",
    )


def versions() -> list[str]:
    from importlib import metadata

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    return [
        f"{APP_NAME} {__version__} ({frozen}, {sys.executable})",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        "qasync {}, httpx {}, aiohttp {}, keyring {}, certifi {}".format(
            *(dist(n) for n in ("qasync", "httpx", "aiohttp", "keyring", "certifi"))
        ),
    ]


CHECKS: list[tuple[str, Callable[[Report], None]]] = [
    ("qt", check_qt),
    ("icu", check_icu),
    ("resources", check_resources),
    ("tls", check_tls),
    ("keyring", check_keyring),
    ("keyring-child", check_keyring_child),
    ("sandbox", check_sandbox),
    ("sandbox-child", check_sandbox_child),
]


def run_self_test(report_path: Path | None = None) -> int:
    """Run every check; 0 when none failed, 1 otherwise."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    streams: list[TextIO] = [sys.stdout] if sys.stdout is not None else []
    report_file = None
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_file = report_path.open("w", encoding="utf-8")
        streams.append(report_file)
    report = Report(streams)
    try:
        for name, check in CHECKS:
            with report.check(name):
                check(report)
        with report.check("versions"):
            for line in versions():
                report.line(f"      {line}")
        if report.failed:
            report.line(f"self-test FAILED: {', '.join(report.failed)}")
            return 1
        report.line("self-test passed")
        return 0
    finally:
        if report_file is not None:
            report_file.close()
