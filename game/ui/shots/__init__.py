"""Screenshots of every screen (`python main.py shots`): take draws each set at each size;
debrief, workshop and access add their screens; steps gets a window to what a shot shows."""
from .take import take_shots, unwritable
