"""What makes a file a save of this game: its format name and version.

The runner writes them (`Run.to_dict`) and checks them on restore; the saves folder's listing
(saves.py) checks them too, without importing the runner and the story model behind it, so the
title screen can list the saves before any scenario is loaded.
"""
SAVE_FORMAT = "making-together/run"
SAVE_VERSION = 1
