"""What the read stage skipped, repaired and warned about: strict runs stop at the first bad record.

Example:
    >>> from kg.errors import InputError
    >>> log = ReadLog()
    >>> log.skip(InputError("news.jsonl", "invalid JSON (Expecting value)", line=3, fix="fix the line"))
    >>> log.warn(InputError("news.jsonl", "HTML, read as its text", line=4))
    >>> log.summary()
    'skipped 1 record (invalid JSON 1); 1 warning (HTML, read as its text 1)'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.errors import InputError

__all__ = ["ReadLog"]


@dataclass
class ReadLog:
    """Counts the records read, skipped and warned about, and tells each problem as it happens.

    Attributes:
        strict: Raise the first problem that skips or changes a record, instead of going on.
        echo: Called with one line per problem (e.g. printing to stderr); nothing when None.
        documents: Documents read so far.
        skipped: Records left out, by kind of problem.
        warnings: Records read with a warning (repaired or suspicious), by kind.
    """

    strict: bool = False
    echo: Callable[[str], None] | None = None
    documents: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)

    def skip(self, error: InputError) -> None:
        """Leave a bad record out (raise it when strict)."""
        if self.strict:
            raise error
        self.skipped[error.kind] += 1
        self._tell("skipped", error)

    def repair(self, error: InputError) -> None:
        """Keep a record after mending it, e.g. dropping a malformed date (raise it when strict)."""
        if self.strict:
            raise error
        self.warn(error)

    def warn(self, error: InputError) -> None:
        """Keep a record, telling what is odd about it (never raises)."""
        self.warnings[error.kind] += 1
        self._tell("warning", error)

    def _tell(self, what: str, error: InputError) -> None:
        if self.echo is not None:
            self.echo(f"{what}: {error}")

    def summary(self) -> str:
        """One line: the records skipped and warned about, by kind; empty when there were none."""
        parts = []
        for label, counts in (("skipped {} record", self.skipped), ("{} warning", self.warnings)):
            total = sum(counts.values())
            if total:
                kinds = ", ".join(f"{kind} {count}" for kind, count in counts.most_common())
                parts.append(f"{label.format(total)}{'s' * (total > 1)} ({kinds})")
        return "; ".join(parts)
