"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the hub's build logic."""
