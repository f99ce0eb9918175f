"""A smaller ICU data library for the bundle: only the data Qt can reach.

Qt's Core links ICU for collation (``QCollator``, the file dialog's sorting), legacy text
codecs (``QStringConverter``), time-zone names and case mapping (``nm -D libQt6Core.so.6``:
``ucol_*``, ``ucnv_*``, ``ucal_*``, ``u_strTo*``). PySide6's ``libicudata.so.73`` carries all
of ICU's data, 32 MB, a quarter of the bundle; Qt never asks for the rest of it: break
iterators and dictionaries (``brkitr``: Qt has its own text boundaries), unit, currency,
language, region and number-spelling names (``unit``, ``curr``, ``lang``, ``region``,
``rbnf``), transliterators (``translit``) and StringPrep profiles (``*.spp``: Qt does IDNA
itself). ``trim_common_data`` drops those items from ICU's common data (the ``CmnD`` table
of contents), ``build_library`` links what is left into a library of the same name and
symbol with binutils (``ld``, ``objcopy``: PyInstaller needs binutils on Linux anyway).
``smsc-desktop --self-test`` checks that collation and zone names still work.

Used by ``smsc-desktop.spec`` (Linux) and by tests/packaging/test_icu.py.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

DROPPED_TREES = frozenset({"brkitr", "unit", "curr", "lang", "region", "translit", "rbnf"})
DROPPED_SUFFIXES = (".spp",)
ALIGN = 16  # ICU wants every item 16-byte aligned


def keep_item(name: str) -> bool:
    """Whether the item ``icudt73l/<tree>/<file>`` (or ``icudt73l/<file>``) is kept."""
    parts = name.split("/")
    if len(parts) > 2 and parts[1] in DROPPED_TREES:
        return False
    return not name.endswith(DROPPED_SUFFIXES)


def _pad(size: int) -> int:
    return -size % ALIGN


def read_items(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU common data (``CmnD``): its header and its ``(name, bytes)`` items in order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = []
    for index in range(count):
        name_offset, data_offset = struct.unpack_from("<II", data, toc + 4 + 8 * index)
        end = data.index(b"\0", toc + name_offset)
        entries.append((data[toc + name_offset : end].decode("ascii"), toc + data_offset))
    items = []
    for index, (name, start) in enumerate(entries):
        stop = entries[index + 1][1] if index + 1 < count else len(data)
        items.append((name, data[start:stop]))
    return data[:header_size], items


def write_items(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """Common data with ``items`` (sorted by name, as ICU's binary search wants them)."""
    if len(header) % ALIGN:
        raise ValueError("the header must keep the items aligned")
    names = sorted(items)
    toc_size = 4 + 8 * len(names)
    name_blob = b"".join(name.encode("ascii") + b"\0" for name, _ in names)
    offset = toc_size + len(name_blob)
    offset += _pad(offset)
    table = [struct.pack("<I", len(names))]
    name_offset = toc_size
    body = []
    for name, blob in names:
        table.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name.encode("ascii")) + 1
        body.append(blob + b"\0" * _pad(len(blob)))
        offset += len(blob) + _pad(len(blob))
    head = header + b"".join(table) + name_blob
    return head + b"\0" * _pad(len(head) - len(header)) + b"".join(body)


def trim_common_data(data: bytes, keep: Callable[[str], bool] = keep_item) -> bytes:
    header, items = read_items(data)
    return write_items(header, [(name, blob) for name, blob in items if keep(name)])


def find_data_symbol(elf: bytes) -> tuple[str, int, int]:
    """``(symbol, file offset, size)`` of ICU's ``icudtNN_dat`` in a 64-bit ELF library."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link]
        for start in range(offset, offset + size, entsize):
            st_name, _, _, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", elf, start)
            name_start = strtab[4] + st_name
            name = elf[name_start : elf.index(b"\0", name_start)].decode("ascii")
            if name.startswith("icudt") and name.endswith("_dat"):
                home = sections[st_shndx]
                return name, st_value - home[3] + home[4], st_size
    raise ValueError("no icudtNN_dat symbol")


def build_library(source: Path, dest: Path, keep: Callable[[str], bool] = keep_item) -> int:
    """Write to ``dest`` a copy of the ICU data library ``source`` with the items ``keep``
    accepts; returns the bytes saved. Needs ``ld`` and ``objcopy``."""
    elf = source.read_bytes()
    symbol, offset, size = find_data_symbol(elf)
    trimmed = trim_common_data(elf[offset : offset + size], keep)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="smsc-icu-") as tmp:
        work = Path(tmp)
        (work / "icudata.bin").write_bytes(trimmed)
        base = "_binary_icudata_bin"
        subprocess.run(
            ["ld", "-r", "-b", "binary", "-o", "icudata.o", "icudata.bin"], cwd=work, check=True
        )
        subprocess.run(
            [
                "objcopy",
                "--rename-section",
                ".data=.rodata,alloc,load,readonly,data,contents",
                "--set-section-alignment",
                f".rodata={ALIGN}",
                "--redefine-sym",
                f"{base}_start={symbol}",
                "--strip-symbol",
                f"{base}_end",
                "--strip-symbol",
                f"{base}_size",
                "icudata.o",
            ],
            cwd=work,
            check=True,
        )
        subprocess.run(
            ["ld", "-shared", "-soname", source.name, "-o", str(dest.resolve()), "icudata.o"],
            cwd=work,
            check=True,
        )
    return len(elf) - dest.stat().st_size
