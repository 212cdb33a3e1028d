"""The one error the handouts report: a message for the person who can fix it."""


class HandoutError(Exception):
    """What is wrong, where, and what to do; shown without a traceback."""
