"""The live room: participants follow the story and vote from their own phones or laptops.

`model` holds the room's state (what devices see, their votes, comments and debrief answers) and
is shared between the game's thread and the web server's thread; `page` turns a run into what a
device sees; `server` is the web server; `host` runs it beside the game. Nothing here imports
pygame, and nothing that drives the game is reachable from a device.
"""
from .model import Option, Page, Room, Tally, Verdict

__all__ = ["Option", "Page", "Room", "Tally", "Verdict"]
