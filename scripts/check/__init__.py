"""The hub's consistency checker: ``./hub check``.

Every rule reads the hub through one Corpus (scripts/corpus.py) of parsed pages and
yields Findings; ``check_corpus`` runs them all and applies suppressions.
"""
