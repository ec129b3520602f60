"""The debrief's screens, and comparing two games."""
