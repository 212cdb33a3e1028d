"""Material's templates compiled once, not at every build of every language.

mkdocs-static-i18n builds each language with a new Jinja environment, so each build
(and each rebuild of `make serve`) compiled Material's ~40 templates three times. This
hook gives every environment Jinja's bytecode cache in ``.cache/templates/`` (entries
are keyed by each template's source, so an edited override is compiled again).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    folder = Path(config.config_file_path).parent / ".cache" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
