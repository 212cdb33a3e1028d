"""What the tooling needs from mkdocs.yml: languages, the source language, the nav.

Read with PyYAML rather than MkDocs' own loader so that a command works without
loading every plugin; ``!ENV`` tags take their default, ``!!python/...`` tags stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml's, where available) that tolerates MkDocs' custom tags."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


def _as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return suffix


ConfigLoader.add_constructor("!ENV", _env_default)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _as_text)


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    site_name: str
    build: bool = True  # false while a scaffolded language is being translated
    complete: bool = False  # every page must be translated (extra.hub.complete_languages)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    source_language: str
    languages: tuple[Language, ...]
    nav: tuple[str, ...]  # the menu's pages, relative to a language folder (titles: their own)
    site_url: str
    hub: dict = field(default_factory=dict)  # extra.hub: the hub's own settings

    @property
    def locales(self) -> list[str]:
        return [language.locale for language in self.languages]

    @property
    def built_locales(self) -> list[str]:
        """The locales the site is built in (``build: true``)."""
        return [language.locale for language in self.languages if language.build]

    @property
    def complete_locales(self) -> list[str]:
        """The languages every page must be translated into (``extra.hub.complete_languages``)."""
        return [language.locale for language in self.languages if language.complete]

    @property
    def translations(self) -> list[str]:
        """The locales translated from the source language."""
        return [loc for loc in self.locales if loc != self.source_language]


class ConfigError(Exception):
    """mkdocs.yml cannot be read, or lacks what the hub's tooling needs."""


class UsageError(Exception):
    """A request a command cannot carry out; the message says why and what to do."""


def load_site_config(root: Path = ROOT) -> SiteConfig:
    """Read ``root/mkdocs.yml``; a ConfigError says what is wrong and where."""
    path = root / "mkdocs.yml"
    try:
        with path.open(encoding="utf-8") as stream:
            raw = yaml.load(stream, Loader=ConfigLoader)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the site configuration ({error.strerror}). "
                          "Run the command from the repository root.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: mkdocs.yml is not valid YAML "
                          f"({getattr(error, 'problem', None) or error}).") from None
    try:
        i18n = next(plugin["i18n"] for plugin in raw["plugins"]
                    if isinstance(plugin, dict) and "i18n" in plugin)
        hub = (raw.get("extra") or {}).get("hub") or {}
        complete = hub.get("complete_languages") or []
        languages = tuple(
            Language(entry["locale"], entry.get("name", entry["locale"]),
                     entry.get("site_name", raw.get("site_name", "")),
                     entry.get("build", True) is not False, entry["locale"] in complete)
            for entry in i18n["languages"]
        )
        source = next(entry["locale"] for entry in i18n["languages"] if entry.get("default"))
        nav = tuple(item if isinstance(item, str) else next(iter(item.values()))
                    for item in raw.get("nav") or [])
    except (KeyError, TypeError, StopIteration, AttributeError):
        raise ConfigError(f"{path}: the i18n plugin's `languages` list (each with a `locale`, "
                          "one marked `default: true`) or the `nav` is missing or malformed. "
                          "See mkdocs-static-i18n's folder layout.") from None
    known = [language.locale for language in languages]
    unknown = [str(locale) for locale in complete if locale not in known] if isinstance(complete, list) else []
    if not isinstance(complete, list) or unknown:
        raise ConfigError(f"{path}: extra.hub.complete_languages must list languages of the i18n plugin "
                          f"(e.g. [en, es]); {', '.join(unknown) or 'it is not a list'}.")
    return SiteConfig(root, root / raw.get("docs_dir", "docs"), source, languages, nav,
                      raw.get("site_url") or "", hub)
