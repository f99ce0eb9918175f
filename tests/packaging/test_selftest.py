"""``smsc-desktop --self-test`` from source, and the keyring check's verdicts."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from smsc_desktop import selftest
from smsc_desktop.__about__ import __version__
from tests.packaging.conftest import ROOT


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", "--self-test", "--self-test-report", str(report)],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    for check in ("qt", "icu", "resources", "tls", "keyring", "keyring-child", "sandbox"):
        assert f"  {check}: " in result.stdout
    assert f"SMSC Desktop {__version__} (from source" in result.stdout
    assert "self-test passed" in result.stdout
    assert report.read_text(encoding="utf-8") == result.stdout


def run_keyring_check() -> selftest.Report:
    report = selftest.Report([io.StringIO()])
    with report.check("keyring"):
        selftest.check_keyring(report)
    return report


def test_keyring_check_fails_when_the_backends_were_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_kw: [])
    report = run_keyring_check()
    assert report.failed == ["keyring"]
    assert "metadata" in report.streams[0].getvalue()  # type: ignore[attr-defined]


def test_keyring_check_only_warns_without_a_running_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    report = run_keyring_check()
    assert report.failed == []
    assert report.streams[0].getvalue().startswith("warn  keyring:")  # type: ignore[attr-defined]


def test_keyring_check_fails_when_the_backend_cannot_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry_point, module, _needs = selftest.PLATFORM_KEYRING[sys.platform]
    monkeypatch.setitem(
        selftest.PLATFORM_KEYRING, sys.platform, (entry_point, module, ("no_such_module_xyz",))
    )
    report = run_keyring_check()
    assert report.failed == ["keyring"]


def test_tls_check_names_a_stale_ssl_cert_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    report = selftest.Report([io.StringIO()])
    with report.check("tls"):
        selftest.check_tls(report)
    assert report.failed == ["tls"]
    assert "SSL_CERT_FILE" in report.streams[0].getvalue()  # type: ignore[attr-defined]
