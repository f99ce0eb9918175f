"""User-visible wording, one module per area (translated with ``tr``/``translate``)."""
