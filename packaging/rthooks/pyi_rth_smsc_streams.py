"""PyInstaller runtime hook: give a windowed build real stdout/stderr objects.

A windowed Windows executable (and pythonw) starts with ``sys.stdout``/``sys.stderr`` set to
None unless its parent redirected them; code that writes to them (logging's last resort,
argparse's ``--help``) must not crash, so they go to the null device instead.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
