"""Menus and small screens: title, new game, saves, records, settings, keys, help."""
