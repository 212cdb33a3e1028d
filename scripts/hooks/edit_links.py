""""Edit this page" opens the Markdown file of the language being read.

The address is ``extra.hub.edit_base`` followed by the file's path under docs/.
No ``repo_url`` is set, so Material fetches nothing from the repository host.
"""

from __future__ import annotations


def on_page_markdown(markdown, page, config, files):
    base = config.extra.get("hub", {}).get("edit_base")
    if base:
        page.edit_url = base.rstrip("/") + "/" + page.file.src_uri
    return markdown
