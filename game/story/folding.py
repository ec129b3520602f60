"""How the text of a scene file becomes what is shown: blank lines split paragraphs, and the line
breaks inside a paragraph (YAML keeps them in a `|` block) are folded into spaces."""
from __future__ import annotations


def folded(text: str) -> str:
    """Text as paragraphs separated by one blank line, each paragraph on one line."""
    return "\n\n".join(paragraphs(text)) if text else ""


def paragraphs(text: str) -> list[str]:
    """Blank lines split paragraphs; single line breaks inside one are folded to spaces."""
    if "\n\n" not in text:  # one paragraph: most texts are written folded already
        text = text.strip()
        # Every whitespace character but the space is unprintable: a printable text with no
        # two spaces together is folded as it stands.
        if text.isprintable() and "  " not in text:
            return [text] if text else []
        return [" ".join(text.split())]
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]
