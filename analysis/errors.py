"""Errors that the command line turns into one-line messages and a non-zero exit."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: names the file (and entry) and the problem in one line.

    Args:
        path: the offending file.
        problem: what is wrong, in a few words.
        entry: optional entry inside the file (a lexicon term, a CSV row).
    """

    def __init__(self, path, problem: str, *, entry: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.entry = entry
        where = f"{self.path}: entry {entry!r}" if entry is not None else self.path
        super().__init__(f"{where}: {problem}")


def check_choice(name: str, value, valid) -> None:
    """Raise ``ValueError`` naming the valid choices when ``value`` is not one of them.

    Args:
        name: the option's name, as the caller spells it.
        value: the value given.
        valid: the valid values, in the order they are listed.
    """
    valid = tuple(valid)
    if value not in valid:
        raise ValueError(f"{name} must be one of {', '.join(map(str, valid))}; got {value!r}")
