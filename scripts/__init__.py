"""The hub's tooling: page model, site configuration, MkDocs hooks and commands."""
