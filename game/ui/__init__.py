"""The game window: pygame screens over the same `Run` the terminal plays. No story logic here."""
