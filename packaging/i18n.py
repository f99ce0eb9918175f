"""Translations: extract the tr() strings into .ts files and compile them into .qm files.

    python packaging/i18n.py update    # refresh resources/translations/*.ts from the code
    python packaging/i18n.py release   # compile .ts -> .qm (what the app loads)
    python packaging/i18n.py check     # fail if a .ts misses strings of the code or a .qm is stale

The .ts files are edited with Qt Linguist (pyside6-linguist) or by hand; the .qm files are
generated from them and never edited.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "smsc_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: run inside the project's environment (./dev uv run)")
    return found


def source_files() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py") if "sandbox" not in p.parts)


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"smsc_desktop_{language}.ts"


def update(target: Path | None = None, language: str = "ru") -> Path:
    path = target or ts_path(language)
    if target is not None and ts_path(language).exists():
        shutil.copy(ts_path(language), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            *source_files(),
            "-target-language",
            language,
            "-ts",
            str(path),
        ],
        check=True,
    )
    return path


def release() -> list[Path]:
    out = []
    for language in LANGUAGES:
        ts = ts_path(language)
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def check() -> int:
    problems = []
    for language in LANGUAGES:
        committed = ts_path(language)
        if not committed.exists():
            problems.append(f"{committed} is missing: run `python packaging/i18n.py update`")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = update(Path(tmp) / committed.name, language)
            missing = set(messages(fresh)) - set(messages(committed))
        for context, source in sorted(missing):
            problems.append(f"{language}: not in {committed.name}: [{context}] {source!r}")
        untranslated = [
            key
            for key, m in messages(committed).items()
            if (
                m.find("translation") is None
                or (
                    not (m.findtext("translation") or "").strip()
                    and not m.find("translation").findall("numerusform")
                )
            )
        ]
        for context, source in untranslated:
            problems.append(f"{language}: untranslated: [{context}] {source!r}")
        qm = committed.with_suffix(".qm")
        with tempfile.TemporaryDirectory() as tmp:
            fresh_qm = Path(tmp) / qm.name
            subprocess.run(
                [_tool("pyside6-lrelease"), "-silent", str(committed), "-qm", str(fresh_qm)],
                check=True,
            )
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                problems.append(f"{qm.name} does not match {committed.name}: run release")
    for line in problems:
        print(line)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("update", "release", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        for language in LANGUAGES:
            print(update(language=language))
        return 0
    if args.command == "release":
        for qm in release():
            print(qm)
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
