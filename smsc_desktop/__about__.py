"""The one place the version of SMSC Desktop is written."""

__version__ = "0.1.0"
APP_NAME = "SMSC Desktop"
ORG_NAME = "SMSC Desktop"
ORG_DOMAIN = "smsc-desktop.local"
