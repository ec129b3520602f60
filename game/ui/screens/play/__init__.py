"""Screens of a game in progress: the scene, history, the ending, the map, reflection."""
