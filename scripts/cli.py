"""What every command of the hub does on its way out."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def run(main: Callable[[], int]) -> None:
    """Exit with ``main()``'s status; when the reader of the output stops early
    (``status | head``), stop quietly: the rest was not wanted."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        status = 0
    sys.exit(status)
