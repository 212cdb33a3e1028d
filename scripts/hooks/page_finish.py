"""The last pass over the written pages, each read and written once, for what is known
only when every page is written (every language, the 404 pages, the handouts' links):

- the main stylesheet each page loads: the hub's, trimmed to what the pages use
  (styles_in_use.py);
- the Content-Security-Policy (content_security_policy.py), which `mkdocs serve`
  leaves out.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.hooks.content_security_policy import with_policy
from scripts.hooks.i18n_state import i18n_plugin, serving, started_by
from scripts.hooks.theme_assets import REPLACED_AFTER_BUILD, pointed_at

HOOK = "scripts/hooks/page_finish.py"


def on_startup(command, dirty):
    started_by(command)  # (serving(): no policy under `mkdocs serve`)


@event_priority(-200)  # after every other hook has finished the pages (styles: -150, handouts: -120)
def on_post_build(config):
    if i18n_plugin(config).building:
        return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
    site = Path(config.site_dir)
    policy = not serving()
    for path in sorted(site.rglob("*.html")):
        html = finished = path.read_text(encoding="utf-8")
        for material, hub in REPLACED_AFTER_BUILD.items():
            if material.rsplit("/", 1)[-1] in finished:  # (named otherwise than by its path: an error)
                finished = pointed_at(finished, str(path.relative_to(site)), material, hub, HOOK)
        if policy:
            finished = with_policy(finished, path)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
