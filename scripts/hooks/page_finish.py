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
from scripts.hooks.i18n_state import i18n_plugin, serving
from scripts.hooks.styles_in_use import HOOK as STYLES_HOOK
from scripts.hooks.styles_in_use import main_stylesheets
from scripts.hooks.theme_assets import pointed_at


@event_priority(-200)  # after every other hook has finished the pages (styles: -150, handouts: -120)
def on_post_build(config):
    if i18n_plugin(config).building:
        return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
    site = Path(config.site_dir)
    material, hub = main_stylesheets(config)
    policy = not serving()
    for path in sorted(site.rglob("*.html")):
        html = finished = path.read_text(encoding="utf-8")
        if material in html:
            finished = pointed_at(html, str(path.relative_to(site)), material, hub, STYLES_HOOK)
        if policy:
            finished = with_policy(finished, path)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
