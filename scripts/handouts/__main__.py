"""``./hub handouts [SITE_DIR]``: make the handouts of an already built site.

`make build` makes them as part of the build (scripts/hooks/handouts.py); this
command re-makes the PDFs and the manifest without rebuilding the pages (whose lists
of PDFs the build has already written). SITE_URL and HUB_HANDOUTS are read as in
the build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scripts.handouts.build import build_handouts, public_site_url
from scripts.handouts.errors import HandoutError
from scripts.site_config import ROOT


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "site"
    try:
        build_handouts(ROOT, site_dir, public_site_url(ROOT), os.environ.get("HUB_HANDOUTS", "on"))
    except HandoutError as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
