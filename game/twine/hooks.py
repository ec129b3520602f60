"""Harlowe's open hooks: `(link: "Go")[==` starts a hook that is never closed by hand; it runs
to the end of the hook it is written in, or to the end of the passage. They are written here
as ordinary hooks, `[` ... `]`, so the rest of the import reads them like any other."""
from __future__ import annotations

import re

# An open hook follows what it is attached to: a macro `(...)`, a hook name `|name>` or `?name`.
_OPEN = re.compile(r"(?<=[)>\w])\[(=+)")


def close_open_hooks(text: str) -> str:
    """The text with each open hook closed where Harlowe ends it. The marker `[==` keeps its
    width (`[` and spaces) and no line break is added, so places in the text keep their line."""
    if "[=" not in text or not _OPEN.search(text):
        return text
    out: list[str] = []
    stack: list[bool] = []  # one per hook that is open here: True for an open (`[=`) hook
    at = 0
    while at < len(text):
        char = text[at]
        if text.startswith("[[", at):  # a link: its brackets are not hooks
            end = text.find("]]", at + 2)
            end = len(text) if end < 0 else end + 2
            out.append(text[at:end])
            at = end
            continue
        marker = _OPEN.match(text, at) if char == "[" else None
        if marker:
            out.append("[" + " " * len(marker.group(1)))
            stack.append(True)
            at = marker.end()
            continue
        if char == "[":
            stack.append(False)
        elif char == "]" and stack:
            while stack and stack[-1]:  # the hook this closes ends the open hooks inside it
                stack.pop()
                out.append("]")
            if stack:
                stack.pop()
        out.append(char)
        at += 1
    out.extend("]" * sum(stack))  # open hooks still open run to the end of the passage
    return "".join(out)
