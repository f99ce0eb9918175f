"""One run of the app's account services against the real keyring (a child process).

Used by tests/services/test_secrets_real_keyring.py under ``dbus-run-session`` with a
gnome-keyring daemon; each invocation is a fresh process, so a later step proves what an
earlier one left in the Secret Service ("a restart of the app's services").

    python -m tests.helpers.keyring_child STEP ROOT

STEP: ``store`` (add a profile with a secret), ``read`` (a new process reads it back),
``verify`` (look it up with secretstorage, not keyring), ``delete`` (delete the profile),
``gone`` (the Secret Service no longer has it), ``locked`` (store against a locked keyring).
Prints one JSON object. With ``SMSC_KEYRING_VIA=child`` the store reaches the keyring the
way the app does, through its child process (``SecretStore(backend_factory=keyring_in_child)``).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

SECRET = "Real-Keyring-Secret-8d1f3a"
NAME = "Real keyring client"


async def step(name: str, root: Path) -> dict[str, Any]:
    from smsc_desktop.services.accounts import AccountManager
    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.services.secrets import SERVICE_NAME, SecretStore, keyring_in_child
    from smsc_desktop.services.settings import Settings

    settings = Settings(root / "settings.json")
    via_child = os.environ.get("SMSC_KEYRING_VIA") == "child"
    secrets = SecretStore(backend_factory=keyring_in_child) if via_child else SecretStore()
    manager = AccountManager(settings, secrets)
    status = await secrets.probe()
    out: dict[str, Any] = {"step": name, "backend": status.backend, "usable": status.usable}
    if name != "verify" and name != "gone":
        out["keyring_imported"] = "keyring" in sys.modules
    existing = next(iter(manager.profiles), None)
    if name in ("store", "locked"):
        profile = Profile(name=NAME, server="https://smsc.ru", login="client-login")
        outcome = await manager.save(profile, SECRET)
        out.update(in_keyring=outcome.in_keyring, key=profile.secret_key)
        out["problem"] = secrets.status.problem.value if secrets.status.problem else None
    elif name == "read":
        assert existing is not None, "no profile was saved by the previous run"
        credentials = await manager.credentials(existing)
        out.update(match=credentials.form_fields()["psw"] == SECRET, key=existing.secret_key)
    elif name in ("verify", "gone"):
        import secretstorage

        connection = secretstorage.dbus_init()
        key = json.loads((root / "key.json").read_text())["key"]
        items = list(
            secretstorage.search_items(connection, {"service": SERVICE_NAME, "username": key})
        )
        out.update(count=len(items))
        if items:
            out["match"] = items[0].get_secret().decode() == SECRET
    elif name == "delete":
        assert existing is not None
        out.update(deleted=await manager.delete(existing))
    else:
        raise SystemExit(f"unknown step {name}")
    if "key" in out:
        (root / "key.json").write_text(json.dumps({"key": out["key"]}))
    return out


def main() -> None:
    name, root = sys.argv[1], Path(sys.argv[2])
    root.mkdir(parents=True, exist_ok=True)
    print(json.dumps(asyncio.run(step(name, root))), flush=True)


if __name__ == "__main__":
    main()
