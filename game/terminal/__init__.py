"""The game in a terminal: for screen readers, braille displays and plain text."""
