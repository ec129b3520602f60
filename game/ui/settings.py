"""Player settings, remembered between runs in `<save dir>/settings.json`.

Each setting has a fixed list of choices, so the settings screen, the keyboard and a damaged file
all meet the same rule: an unknown or missing value falls back to the default.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field as dataclass_field, fields
from pathlib import Path

from ..files.read import DamagedFile, read_json
from ..files.write import write_json_atomic

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024  # the game writes about 300 bytes

# name -> (choices, label for each choice)
CHOICES: dict[str, tuple[tuple, tuple[str, ...]]] = {
    "text_size": ((1.0, 1.25, 1.5, 1.75, 2.0), ("100%", "125%", "150%", "175%", "200%")),
    "line_spacing": ((1.25, 1.45, 1.7), ("normal", "roomy", "very roomy")),
    "letter_spacing": ((0.0, 0.05, 0.1, 0.15), ("normal", "+5%", "+10%", "+15%")),
    "word_spacing": ((0.0, 0.25, 0.5), ("normal", "+25%", "+50%")),
    "text_speed": (("instant", "fast", "normal", "slow"), ("instant", "fast", "normal", "slow")),
    "high_contrast": ((False, True), ("off", "on")),
    "colour_safe": ((False, True), ("off", "on")),
    "dyslexic_font": ((False, True), ("off", "on")),
    "reduce_motion": ((False, True), ("off", "on")),
    "hide_meters": ((False, True), ("off", "on")),
    "fullscreen": ((False, True), ("off", "on")),
    "ui_scale": ((1.0, 1.25, 1.5, 2.0), ("100%", "125%", "150% (projector)", "200% (large room)")),
    "self_voicing": ((False, True), ("off", "on")),
    "speech_rate": (("slow", "normal", "fast"), ("slow", "normal", "fast")),
    # seconds the scan holds each button (scanning.py); 0: no scanning
    "scanning": ((0.0, 1.0, 1.5, 2.0, 3.0), ("off", "1 second", "1.5 seconds", "2 seconds",
                                             "3 seconds")),
}

LABELS = {
    "text_size": "Text size",
    "line_spacing": "Line spacing",
    "letter_spacing": "Letter spacing",
    "word_spacing": "Word spacing",
    "text_speed": "Text speed",
    "high_contrast": "High contrast",
    "colour_safe": "Colour-blind-safe meter colours",
    "dyslexic_font": "Dyslexia-friendly font (OpenDyslexic)",
    "reduce_motion": "Reduce motion",
    "hide_meters": "Hide the meters until the debrief",
    "fullscreen": "Full screen",
    "ui_scale": "Interface scale",
    "self_voicing": "Speech: read the window aloud (F2)",
    "speech_rate": "Speech rate",
    "scanning": "One-switch scanning",
}

# characters revealed per second; None shows the text at once
TEXT_SPEEDS = {"instant": None, "fast": 160.0, "normal": 70.0, "slow": 35.0}


@dataclass
class Settings:
    text_size: float = 1.0
    line_spacing: float = 1.45
    letter_spacing: float = 0.0  # a share of the font's size after each letter (text_draw.py)
    word_spacing: float = 0.0    # a share of a space added to each space
    text_speed: str = "normal"
    high_contrast: bool = False
    colour_safe: bool = False
    dyslexic_font: bool = False
    reduce_motion: bool = False
    hide_meters: bool = False
    fullscreen: bool = False
    ui_scale: float = 1.0
    self_voicing: bool = False
    speech_rate: str = "normal"
    scanning: float = 0.0
    # the player's own keys: binding -> pygame key names, only what differs (keymap.py)
    keys: dict = dataclass_field(default_factory=dict)

    def label(self, name: str) -> str:
        values, labels = CHOICES[name]
        return labels[values.index(getattr(self, name))]

    def cycle(self, name: str, step: int = 1) -> None:
        """Move a setting to its next (or previous) choice, wrapping round."""
        values, _ = CHOICES[name]
        position = values.index(getattr(self, name))
        setattr(self, name, values[(position + step) % len(values)])

    @property
    def reveal_speed(self) -> float | None:
        return None if self.reduce_motion else TEXT_SPEEDS[self.text_speed]


def load_settings(folder: Path, keys: bool = True) -> Settings:
    """The saved settings; anything missing, unknown or damaged gets its default. With `keys`
    False (the terminal) the window's own keys are left out, so pygame is not loaded."""
    settings = Settings()
    try:
        data = read_json(folder / SETTINGS_FILE, MAX_SETTINGS_BYTES)
    except DamagedFile:
        return settings
    if not isinstance(data, dict):
        return settings
    for field in fields(Settings):
        if field.name == "keys":  # not a list of choices: keymap.py checks it, entry by entry
            if not keys:
                continue
            from .keymap import clean
            settings.keys = {name: data["keys"][name] for name in clean(data.get("keys"))}
            continue
        value, default = data.get(field.name), getattr(settings, field.name)
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is type(default) and value in CHOICES[field.name][0]:
            setattr(settings, field.name, value)
    return settings


def save_settings(folder: Path, settings: Settings) -> None:
    write_json_atomic(folder / SETTINGS_FILE, {"format": "making-together/settings", "version": 1,
                                               **asdict(settings)})
