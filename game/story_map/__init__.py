"""The story map: a scenario drawn as chapters, scenes and arrows.

graph builds the map (pure data); layout places it; svg, text (Graphviz and
Mermaid) and the window's branch map draw it; path and marks lay one player's
path or a room's counts over it; command is `python main.py map`.
Pure Python; never imports pygame.
"""
from .command import add_parser, command, find_scenario, render
from .graph import (HUB, NO_CHAPTER, ROLE_COLOURS, SHARED_COLOUR, MapEdge, MapNode, Option,
                    StoryMap, build_map, clean_text, describe, possible_endings)
