"""Where to turn: the same words in the window's step-out screen and in terminal play."""

SUPPORT_LINES = (
    "This is a story, and you can stop at any time.",
    "If something in it brought up feelings that are hard to carry, talk to your facilitator "
    "or someone you trust.",
    "In the UK and Ireland, Samaritans are there day and night: call 116 123 (free) "
    "or email jo@samaritans.org.",
    "In the UK you can also text SHOUT to 85258.",
    "In an emergency, call 999 (UK) or 112 (Ireland and the EU).",
)
