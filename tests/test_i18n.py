"""Every user-visible string goes through tr(), in a form pyside6-lupdate can extract, and the
Russian translation covers them all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_CODE = [p for p in (ROOT / "smsc_desktop").rglob("*.py") if "sandbox" not in p.parts]


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_tr_and_translate_take_literal_strings() -> None:
    """lupdate reads the source: tr(variable) or a wrapper around translate() is invisible."""
    offenders = []
    for path in UI_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "tr" and node.args and not _is_literal(node.args[0]):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} tr(non-literal)")
            if (
                name == "translate"
                and len(node.args) >= 2
                and not (_is_literal(node.args[0]) and _is_literal(node.args[1]))
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} translate(non-literal)")
    assert offenders == []


def test_no_tr_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: a tr() there stays English in Russian."""
    offenders = []
    for path in UI_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                func = inner.func if isinstance(inner, ast.Call) else None
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("tr", "translate"):
                    offenders.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert offenders == []


def test_russian_translation_is_complete_and_compiled() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_plural_counts_only_through_tr() -> None:
    """lupdate marks a message as plural only for tr(text, disambiguation, n): a count passed
    to QCoreApplication.translate() leaves a non-plural message that Qt then never finds."""
    offenders = []
    for path in UI_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "translate" and len(node.args) >= 4:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_app_speaks_russian(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from smsc_desktop.ui.resources import translations_dir

    translator = QTranslator()
    assert translator.load("smsc_desktop_ru", str(translations_dir()))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("FreeNumbersPane", "Free numbers") == "Свободные номера"
        source = "SMSC allows 10 balance requests a minute: test again in %n s."
        forms = [QCoreApplication.translate("ConnectionTest", source, "", n) for n in (1, 3, 5)]
        assert forms[0].endswith("через 1 секунду.")
        assert forms[1].endswith("через 3 секунды.")
        assert forms[2].endswith("через 5 секунд.")
    finally:
        QCoreApplication.removeTranslator(translator)
