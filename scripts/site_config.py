"""What the tooling needs from mkdocs.yml: languages, the source language, the nav.

Read with PyYAML rather than MkDocs' own loader so that a command works without
loading every plugin; ``!ENV`` tags take their default, ``!!python/...`` tags stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that tolerates MkDocs' custom tags."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


def _as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return suffix


_ConfigLoader.add_constructor("!ENV", _env_default)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _as_text)


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    site_name: str
    nav_translations: dict[str, str]


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    source_language: str
    languages: tuple[Language, ...]
    nav: tuple[tuple[str, str], ...]  # (French title, page path relative to a language folder)
    site_url: str
    hub: dict = field(default_factory=dict)  # extra.hub: the hub's own settings

    @property
    def locales(self) -> list[str]:
        return [language.locale for language in self.languages]

    @property
    def translations(self) -> list[str]:
        """The locales translated from the source language."""
        return [loc for loc in self.locales if loc != self.source_language]


def load_site_config(root: Path = ROOT) -> SiteConfig:
    """Read ``root/mkdocs.yml``."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as stream:
        raw = yaml.load(stream, Loader=_ConfigLoader)
    i18n = next(plugin["i18n"] for plugin in raw["plugins"]
                if isinstance(plugin, dict) and "i18n" in plugin)
    languages = tuple(
        Language(entry["locale"], entry["name"], entry.get("site_name", raw["site_name"]),
                 entry.get("nav_translations") or {})
        for entry in i18n["languages"]
    )
    source = next(entry["locale"] for entry in i18n["languages"] if entry.get("default"))
    nav = tuple(next(iter(item.items())) for item in raw.get("nav", []))
    return SiteConfig(root, root / raw.get("docs_dir", "docs"), source, languages, nav,
                      raw.get("site_url") or "", (raw.get("extra") or {}).get("hub") or {})
