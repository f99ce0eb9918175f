"""The Qt user interface (the only package that imports Qt)."""

from smsc_desktop.services import observable
from smsc_desktop.ui.lifetime import when_destroyed

observable.set_owner_watcher(when_destroyed)
