"""`python -m game`: the same as the `making-together` command."""
import sys

from .cli import main

sys.exit(main())
