"""Workshop mode's screens: the facilitator's panels, timer, the live room, handouts."""
