"""Text shared by every front end: making text safe to show, and numbers and dates in words."""
