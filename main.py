"""Start Making Together: `python main.py --help` lists what it can do."""
import sys

try:
    from game.cli import main
except ModuleNotFoundError as missing:  # run from a checkout without installing first
    sys.exit(f"Making Together needs the Python package \"{missing.name}\", which is not "
             "installed for this Python.\nInstall the game and what it needs with:\n"
             f"    {sys.executable} -m pip install -e .\n(see \"Play it\" in README.md).")

if __name__ == "__main__":
    sys.exit(main())
