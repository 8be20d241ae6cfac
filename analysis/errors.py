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

    def __reduce__(self):
        # rebuilt from its fields, so it crosses a process boundary (worker processes of
        # ``--jobs``) as the same one-line error
        return (_input_error, (self.path, self.problem, self.entry))


def _input_error(path: str, problem: str, entry: str | None) -> InputError:
    return InputError(path, problem, entry=entry)


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


def check_choices(name: str, values, valid) -> tuple:
    """Like :func:`check_choice` for a value or a list of values; returns them as a tuple.

    Raises:
        ValueError: naming the valid choices, when a value is not one of them or none is given.
    """
    values = (values,) if isinstance(values, str) else tuple(values)
    valid = tuple(valid)
    bad = [v for v in values if v not in valid]
    if bad or not values:
        raise ValueError(f"{name} must be among {', '.join(map(str, valid))}; got {bad or values}")
    return values
