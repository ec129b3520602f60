"""Support lines that fit the place: a built-in UK set, which a scenario's support.yaml and then
the save folder's can extend or replace. Pure: the window, the terminal and the handouts all
read the same `Support`."""
from .file import SUPPORT_FILE, SupportFile, check_support, read_support_file, support_for
from .lines import BUILT_IN, INTRO, Facilitator, Support, SupportLine

__all__ = ["BUILT_IN", "INTRO", "SUPPORT_FILE", "Facilitator", "Support", "SupportFile",
           "SupportLine", "check_support", "read_support_file", "support_for"]
