"""One error type for everything a user can get wrong, printed as one line."""

from __future__ import annotations

from pathlib import Path


class IwoError(Exception):
    """A problem with the user's input: the CLI prints it as ``FILE:LINE: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message
