"""Placeholder until the sandbox lands: fixtures come from the sandbox work."""
