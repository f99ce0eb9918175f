"""Trimming PyInstaller's table of contents: Qt plugins, Qt translations, unused libraries.

Used by ``smsc-desktop.spec`` after its Analysis (and by tests/packaging without PyInstaller).
PyInstaller collects every plugin of every Qt module it sees and the libraries those plugins
link to (the GTK theme plugin alone brings GTK, Pango, Cairo: 40 MB). The spec keeps only the
plugins it names, then ``prune_unreachable`` drops the shared libraries that nothing kept
still links to. TOC entries are ``(dest, src, typecode)`` tuples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath

Entry = tuple[str, str, str]

# Python's shared library is loaded by the bootloader, not linked by anything in the TOC.
PYTHON_LIBRARY = re.compile(r"^(lib)?python3[\d.]*(\.so.*|\.dll|\.dylib)?$|^Python$", re.I)


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    return re.sub(r"^lib", "", filename.split(".")[0])


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """``(folder, name)`` when ``dest`` is a PySide6 Qt plugin, else None."""
    parts = PurePath(dest).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    index = parts.index("plugins")
    folder = parts[index + 1] if len(parts) > index + 2 else ""
    return folder, plugin_name(parts[-1])


def keep_plugin(dest: str, keep: dict[str, set[str]]) -> bool:
    """False for a Qt plugin that is not listed in ``keep``; True for anything else."""
    plugin = qt_plugin(dest)
    if plugin is None:
        return True
    folder, name = plugin
    return name in keep.get(folder, set())


def keep_qt_translation(dest: str, languages: set[str], catalogs: tuple[str, ...]) -> bool:
    """False for a PySide6 Qt ``.qm`` file outside ``catalogs`` x ``languages``."""
    path = PurePath(dest)
    if path.suffix != ".qm" or "PySide6" not in path.parts:
        return True
    catalog, _, language = path.stem.partition("_")
    return catalog in catalogs and language in languages


def prune_unreachable(
    binaries: Iterable[Entry],
    datas: Iterable[Entry],
    needed: Callable[[str], Iterable[str]],
) -> tuple[list[Entry], list[Entry], list[str]]:
    """Drop shared libraries that no kept extension module, plugin or library links to.

    Roots are Python extension modules (typecode EXTENSION), Qt plugins and the Python
    library; ``needed(src)`` gives the names of the libraries a binary links to (their base
    names are compared). SYMLINK entries whose target is dropped go too. Returns the kept
    binaries, the kept datas and the dropped destinations.
    """
    binaries, datas = list(binaries), list(datas)
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(PurePath(entry[0]).name, []).append(entry)

    def is_root(entry: Entry) -> bool:
        dest, _src, kind = entry
        return (
            kind == "EXTENSION"
            or qt_plugin(dest) is not None
            or bool(PYTHON_LIBRARY.match(PurePath(dest).name))
        )

    reached: set[str] = set()
    todo = [e for e in binaries if is_root(e)]
    while todo:
        entry = todo.pop()
        if entry[0] in reached:
            continue
        reached.add(entry[0])
        for name in needed(entry[1]):
            todo.extend(t for t in by_name.get(PurePath(name).name, []) if t[0] not in reached)

    kept = [e for e in binaries if e[0] in reached or e[2] == "SYMLINK"]
    kept_dests = {e[0] for e in kept if e[2] != "SYMLINK"}
    dropped = sorted(e[0] for e in binaries if e not in kept)

    def symlink_alive(entry: Entry) -> bool:
        if entry[2] != "SYMLINK":
            return True
        target = str(PurePath(entry[0]).parent / entry[1])
        alive = _normalise(target) in kept_dests or PurePath(entry[1]).name not in by_name
        if not alive:
            dropped.append(entry[0])
        return alive

    kept = [e for e in kept if symlink_alive(e)]
    datas = [e for e in datas if symlink_alive(e)]
    return kept, datas, sorted(dropped)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in PurePath(path).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return str(PurePath(*parts)) if parts else ""
