"""Give large freed buffers back to the system (glibc on Linux).

The window allocates and frees many large pixel buffers of changing sizes (pictures at window
size, text at every text size). glibc raises its "use mmap" threshold after such frees, so
later large buffers come from the heap, which fragments and never shrinks: a long session's
resident memory grew in steps to 275 MB while Python's own heap stayed flat. A fixed threshold
keeps every buffer of 128 KiB or more in its own mapping, returned to the system when freed.
Elsewhere (macOS, Windows, other C libraries) this does nothing.
"""
from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
LARGE = 128 * 1024


def keep_large_buffers_separate() -> bool:
    """True when the threshold was set; False where it does not apply or could not be."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The running process already has its C library: look mallopt up there, rather than
        # asking ctypes.util.find_library, which starts an `ldconfig -p` child process.
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt), or no libc found
        return False
