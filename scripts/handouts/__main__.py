"""``python -m scripts.handouts [SITE_DIR]``: make the handouts of an already built site.

`make build` makes them as part of the build (scripts/hooks/handouts.py); this
command re-makes them without rebuilding the pages. SITE_URL and HUB_HANDOUTS are
read as in the build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scripts.handouts.build import build_handouts
from scripts.handouts.errors import HandoutError
from scripts.site_config import ROOT, load_site_config


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "site"
    site_url = os.environ.get("SITE_URL") or load_site_config(ROOT).site_url
    try:
        build_handouts(ROOT, site_dir, site_url, os.environ.get("HUB_HANDOUTS", "on"))
    except HandoutError as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
