"""Problems found in scene files, each tied to a file position a trainer can find."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) at `file:line:column` (both 1-based)."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        kind = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}:{self.column}: {kind}{self.message}"

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


class ScenarioError(Exception):
    """Raised when scene files cannot become a scenario. Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems) or "scenario could not be loaded")


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (did you mean "x"?)' for a near miss, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
