"""``python -m smsc_desktop`` runs the app."""

import sys

from smsc_desktop.app import main

sys.exit(main())
