"""The one family of errors kg raises, each a single line naming input, place and fix.

Example:
    >>> str(InputError("news.jsonl", "invalid JSON", line=12, fix="fix the line"))
    'news.jsonl:12: invalid JSON; fix the line'
"""

from __future__ import annotations

__all__ = ["InputError", "KgError", "ModelError", "QueryError", "ShapeError"]


class KgError(Exception):
    """Base class: every error kg raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class InputError(KgError):
    """A file or record that cannot be read: names the path, the line and the fix."""

    exit_code = 2

    def __init__(self, path: str, problem: str, *, line: int | None = None, fix: str = "") -> None:
        self.path = path
        self.line = line
        self.problem = problem
        self.fix = fix
        place = f"{path}:{line}" if line is not None else path
        message = f"{place}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)

    @property
    def kind(self) -> str:
        """The problem without its details, to count problems by kind.

        Example:
            >>> InputError("a.jsonl", "invalid JSON (Expecting value)", line=2).kind
            'invalid JSON'
        """
        return self.problem.split(" (", 1)[0]


class ShapeError(KgError):
    """A graph whose events break kg's SHACL shapes, so kg cannot read them back."""

    exit_code = 1


class ModelError(KgError):
    """No spaCy model could be loaded."""

    exit_code = 3


class QueryError(KgError):
    """A query names something the graph does not hold, or is malformed."""

    exit_code = 4
