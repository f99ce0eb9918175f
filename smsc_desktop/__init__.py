"""SMSC Desktop: administration console for SMSC account managers."""

from smsc_desktop.__about__ import __version__

__all__ = ["__version__"]
