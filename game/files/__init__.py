"""The game's own files: reading them safely, folders, the save-folder lock, data files."""
