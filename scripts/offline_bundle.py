"""``./hub offline_bundle`` (``make offline``): the site as a zip that
trainers unzip and open from disk, without a network.

Builds the site strictly with Material's ``offline`` plugin on (HUB_OFFLINE=true: pages
are files, search works from disk, nothing comes from a CDN; see
scripts/hooks/offline.py), PDF handouts included as HUB_HANDOUTS says (``on`` unless
set), into site-offline/, then zips it into dist/menengage-hub-offline.zip under one
folder, menengage-hub/, with index.html at its top.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT

TOP_FOLDER = "menengage-hub"
SITE_DIR = ROOT / "site-offline"
ZIP_PATH = ROOT / "dist" / "menengage-hub-offline.zip"


def build(site_dir: Path) -> bool:
    """Build the offline site into ``site_dir``; False if the build failed (MkDocs
    has said why)."""
    return mkdocs_build(ROOT, site_dir, capture=False, HUB_OFFLINE="true").returncode == 0


def write_zip(site_dir: Path, zip_path: Path) -> int:
    """Zip every file of ``site_dir`` under TOP_FOLDER/; the number of files."""
    files = sorted(path for path in site_dir.rglob("*") if path.is_file())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            bundle.write(path, f"{TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}")
    return len(files)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./hub offline_bundle",
                                     description="Build the site to open from disk, and zip it.")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR, help="where to build (default: site-offline/)")
    parser.add_argument("--zip", type=Path, default=ZIP_PATH, help="the zip to write "
                        "(default: dist/menengage-hub-offline.zip)")
    args = parser.parse_args(argv)
    site_dir, zip_path = args.site_dir.resolve(), args.zip.resolve()
    if not build(site_dir):
        print("offline: the build failed (see the messages above); no zip was written.", file=sys.stderr)
        return 1
    count = write_zip(site_dir, zip_path)
    size = zip_path.stat().st_size / 1024 / 1024
    print(f"Offline bundle: {zip_path} ({size:.1f} MB, {count} files). "
          f"Unzip it and open {TOP_FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
