"""Panels: the parts a tab lays out, one folder per tab (``ui/panels/<tab>/``)."""
