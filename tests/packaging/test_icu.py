"""The bundle's smaller ICU data library (packaging/icu.py): what is dropped, what is kept,
and Qt still collating, naming zones and decoding with it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import ROOT


def common_data(icu_py: ModuleType, names: list[str]) -> bytes:
    header = bytearray(32)
    struct.pack_into("<HBB", header, 0, 32, 0xDA, 0x27)
    header[12:16] = b"CmnD"
    items = [(name, name.encode() * 3) for name in names]
    data: bytes = icu_py.write_items(bytes(header), items)
    return data


def test_the_items_qt_never_asks_for_are_dropped(icu_py: ModuleType) -> None:
    keep = icu_py.keep_item
    for kept in (
        "icudt73l/coll/ru.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/zone/ru.res",
        "icudt73l/ru.res",
        "icudt73l/windows-1251-2000.cnv",
        "icudt73l/cnvalias.icu",
        "icudt73l/nfkc.nrm",
    ):
        assert keep(kept), kept
    for dropped in (
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/unit/ru.res",
        "icudt73l/curr/ru.res",
        "icudt73l/lang/ru.res",
        "icudt73l/region/ru.res",
        "icudt73l/translit/root.res",
        "icudt73l/rbnf/ru.res",
        "icudt73l/rfc3491.spp",
    ):
        assert not keep(dropped), dropped


def test_trimmed_common_data_keeps_the_rest_aligned_and_sorted(icu_py: ModuleType) -> None:
    data = common_data(icu_py, ["icudt73l/zone/ru.res", "icudt73l/brkitr/x.brk", "icudt73l/a.cnv"])
    trimmed = icu_py.trim_common_data(data)
    header, items = icu_py.read_items(trimmed)
    assert header == data[:32]
    assert [name for name, _ in items] == ["icudt73l/a.cnv", "icudt73l/zone/ru.res"]
    toc = 32
    for index in range(len(items)):
        _, offset = struct.unpack_from("<II", trimmed, toc + 4 + 8 * index)
        assert (toc + offset) % 16 == 0
    assert items[1][1].startswith(b"icudt73l/zone/ru.res" * 3)


def qt_icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no ICU data library of its own")
    return found[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle trims it on Linux")
def test_qt_works_with_the_trimmed_library(icu_py: ModuleType, tmp_path: Path) -> None:
    for tool in ("ld", "objcopy"):
        if shutil.which(tool) is None:
            if os.environ.get("SMSC_CI"):
                pytest.fail(f"{tool} is missing: the packaging needs binutils")
            pytest.skip(f"{tool} is missing")
    source = qt_icu_library()
    trimmed = tmp_path / source.name
    saved = icu_py.build_library(source, trimmed)
    assert saved > 10_000_000
    assert icu_py.find_data_symbol(trimmed.read_bytes())[0].startswith("icudt")
    code = (
        "from smsc_desktop import selftest; import io, sys\n"
        "report = selftest.Report([sys.stdout])\n"
        "selftest.check_icu(report)\n"
        "sys.exit(1 if report.failed else 0)\n"
    )
    # The trimmed library, preloaded under its soname, is the one Qt's ICU then uses.
    env = {**os.environ, "LD_PRELOAD": str(trimmed), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok    icu:" in done.stdout


def test_the_icu_check_fails_without_the_data_qt_uses(icu_py: ModuleType, tmp_path: Path) -> None:
    if shutil.which("ld") is None or shutil.which("objcopy") is None:
        pytest.skip("no binutils")
    source = qt_icu_library()
    stripped = tmp_path / source.name
    icu_py.build_library(source, stripped, keep=lambda name: "/zone/" not in name)
    code = (
        "from smsc_desktop import selftest; import sys\n"
        "report = selftest.Report([sys.stdout])\n"
        "selftest.check_icu(report)\n"
        "sys.exit(1 if report.failed else 0)\n"
    )
    env = {**os.environ, "LD_PRELOAD": str(stripped), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "time-zone names" in done.stdout
