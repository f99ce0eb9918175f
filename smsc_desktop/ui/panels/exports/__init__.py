"""The panes of the Exports tab."""
