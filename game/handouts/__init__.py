"""Printable handouts for a scenario: `python main.py handouts SCENARIO --out DIR`, and the
title screen's "Handouts to print". Pure Python, no pygame.

words (the six words and their history, in the game's words) · general (sheets every scenario
shares) · scenario (sheets from a scenario's own files) · facts (handouts.yaml) · sheet (the
page and its CSS) · build (putting them together, writing them) · command (the command line).
"""
from .build import INDEX, Handout, Handouts, build_handouts, write_handouts
from .facts import HANDOUTS_FILE, MoneyFacts, read_money_facts

__all__ = ["HANDOUTS_FILE", "INDEX", "Handout", "Handouts", "MoneyFacts", "build_handouts",
           "read_money_facts", "write_handouts"]
