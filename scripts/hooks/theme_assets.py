"""Material's own files the hub replaces with its version (not a hook): finding the one
file in the theme, writing the hub's, and pointing every page at it instead."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.hooks.i18n_state import i18n_plugin


# Material's files the hub replaces only once every page is written (styles_in_use.py):
# the path pages name Material's with -> the hub's, for the last pass over the pages
# (page_finish.py). Here, in a module imported as usual, because MkDocs loads each hook
# file as a module of its own.
REPLACED_AFTER_BUILD: dict[str, str] = {}


def theme_file(theme_dirs, folder: str, pattern: str, hook: str) -> Path:
    """The one file matching ``folder``/``pattern`` in the theme's folders."""
    found = sorted({path for theme in theme_dirs for path in (Path(theme) / folder).glob(pattern)})
    if len(found) != 1:
        raise PluginError(f"{hook}: expected one {pattern} in Material's {folder}, found "
                          f"{[path.name for path in found] or 'none'}. Material changed how it ships "
                          f"its files: update this hook (see its docstring) or pin the Material version.")
    return found[0]


def without_source_map(path: Path) -> str:
    """The text of Material's file at ``path`` without its source-map comment (the hub's
    copy is published without the map)."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith(("/*# sourceMappingURL=", "//# sourceMappingURL=")))


def hashed_name(stem: str, text: str, suffix: str) -> str:
    """``stem.<hash of text>.suffix``: a new name whenever the text changes."""
    return f"{stem}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}.{suffix}"


def pointed_at(html: str, where: str, material: str, hub: str, hook: str) -> str:
    """A page's HTML loading ``hub`` where it loaded ``material`` (sitemap.xml and the
    like are left alone); a page naming ``material`` other than once stops the build."""
    if html.lstrip()[:14].lower() != "<!doctype html":
        return html
    first = html.find(material)  # (one pass over the page, which the nav makes long)
    if first < 0 or html.find(material, first + len(material)) >= 0:
        raise PluginError(f"{hook}: {where} names Material's {material} {html.count(material)} times, "
                          f"not once: update this hook (see its docstring).")
    return html[:first] + hub + html[first + len(material):]


def replacing_hook(hook: str, make):
    """A hook's on_config, on_post_page, on_post_template and on_post_build that write
    the file ``make(config)`` gives (Material's file's path in the site, the hub's path,
    the hub's text) and point every page at it."""
    names: dict[str, str] = {}

    def on_config(config):
        names.clear()
        material, hub, _ = make(config)
        names[material] = hub

    def on_post_page(output, page, config):
        [(material, hub)] = names.items()
        return pointed_at(output, page.file.src_uri, material, hub, hook)

    def on_post_template(output_content, template_name, config):
        [(material, hub)] = names.items()
        return pointed_at(output_content, template_name, material, hub, hook)

    @event_priority(-120)  # after the languages are built
    def on_post_build(config):
        if i18n_plugin(config).building:
            return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
        _, name, text = make(config)
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return on_config, on_post_page, on_post_template, on_post_build
