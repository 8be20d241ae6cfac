"""Atomic, deterministic writing of tables and text.

Every output goes to a temporary file in the target folder first and is moved into
place with :func:`os.replace`, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import InputError

_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` with ``\\n`` line ends to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as CSV atomically; settings in ``df.attrs`` go beside it.

    The settings file is ``<name>.settings.json`` (sorted keys), written only when
    ``df.attrs`` is non-empty. Floats are written with 6 significant decimals so
    that reruns give the same bytes.
    """
    path = Path(path)
    text = df.to_csv(index=False, lineterminator="\n", float_format="%.6g")
    atomic_write_text(path, text)
    settings = path.with_name(path.stem + ".settings.json")
    if df.attrs:
        atomic_write_text(
            settings, json.dumps(_jsonable(df.attrs), indent=2, sort_keys=True) + "\n"
        )
    return path


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Leading characters that make a spreadsheet treat a text cell as a formula (OWASP "CSV
injection"), with the full-width forms some spreadsheet programs also accept."""


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` safe to open in a spreadsheet: formula-like text is neutralised.

    Every text cell (a ``str``, in any column) that starts with one of
    :data:`FORMULA_PREFIXES` gets a single quote ``'`` in front, so Excel, LibreOffice
    and Google Sheets show it as text instead of running it. Numbers (a negative score
    is a number, not a formula) and the column names are left alone; ``attrs`` are
    dropped. The raw tables stay the evidence (``raw[start:end] == text`` holds only
    there).
    """

    def safe(value):
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value

    out = df.copy()
    out.attrs = {}
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe)
    return out


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a table written by :func:`write_table`, with its settings in ``attrs``.

    Id-like columns (``article_id``, ``*_id``) stay strings so ``000`` keeps its zeros.
    """
    path = Path(path)
    head = pd.read_csv(path, nrows=0)
    dtype = {c: str for c in head.columns if c == "article_id" or c.endswith("_id")}
    df = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""])
    settings = path.with_name(path.stem + ".settings.json")
    if settings.exists():
        df.attrs.update(json.loads(settings.read_text(encoding="utf-8")))
    return df


def row_positions(table: pd.DataFrame, keys: list[str]) -> dict[tuple, list[int]]:
    """Row positions (0-based, in table order) of each combination of ``keys`` values.

    One pass over the table: ``table.iloc[row_positions(t, ["a"])[("x",)]]`` is
    ``t[t["a"] == "x"]``, without filtering the whole table once per value.
    """
    out: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(table[k].tolist() for k in keys), strict=True)):
        out.setdefault(key, []).append(i)
    return out


YAML_MAX_BYTES = 5_000_000
"""Largest YAML data file :func:`read_yaml` accepts (bytes)."""
YAML_MAX_NODES = 1_000_000
"""Most nodes a YAML document may have once every alias is expanded (alias bombs)."""
YAML_MAX_DEPTH = 100
"""Deepest nesting of lists and mappings :func:`read_yaml` accepts."""


def _check_yaml_events(text: str, loader, path: Path) -> None:
    """Refuse alias bombs and deep nesting before PyYAML builds anything.

    One pass over the parser's events (iterative, no recursion) counts the nodes the
    document has with every alias expanded, and the nesting depth. Syntax errors are left
    to the loader, which reports them with their line.
    """
    import yaml

    sizes: dict[str, int] = {}  # anchor -> expanded size of its node
    stack: list[list] = []  # open collections: [anchor, size so far]
    total = aliases = 0

    def add(size: int) -> None:
        nonlocal total
        if stack:
            stack[-1][1] += size
        else:
            total += size

    for ev in yaml.parse(text, Loader=loader):
        if isinstance(ev, yaml.ScalarEvent):
            if ev.anchor is not None:
                sizes[ev.anchor] = 1
            add(1)
        elif isinstance(ev, yaml.AliasEvent):
            aliases += 1
            if ev.anchor not in sizes:
                if any(a == ev.anchor for a, _ in stack):
                    raise InputError(path, f"recursive YAML alias *{ev.anchor}")
                continue  # undefined alias: the loader reports it with its line
            add(sizes[ev.anchor])
        elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([ev.anchor, 1])
            if len(stack) > YAML_MAX_DEPTH:
                raise InputError(path, f"YAML nested deeper than {YAML_MAX_DEPTH} levels")
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
            add(size)
        else:
            continue
        if total + sum(s for _, s in stack) > YAML_MAX_NODES:
            raise InputError(
                path,
                f"YAML expands to more than {YAML_MAX_NODES:,} nodes "
                f"({aliases:,} alias uses so far); refused as a likely alias bomb",
            )


def read_yaml(path: str | os.PathLike):
    """Parse a YAML data file (lexicon, actor list); a bad file raises ``InputError``.

    Uses libyaml's C safe loader when PyYAML has it (same documents, ten times faster),
    else the pure-Python safe loader. Before loading, the file must be at most
    :data:`YAML_MAX_BYTES`, nest at most :data:`YAML_MAX_DEPTH` levels and expand to at
    most :data:`YAML_MAX_NODES` nodes with its aliases resolved, so an alias bomb
    ("billion laughs") or a deeply nested document is refused instead of exhausting
    memory or the stack.

    Raises:
        InputError: the file is missing, too large, not UTF-8, not valid YAML (with the
            line), nested too deeply or expanding to too many nodes.
    """
    import yaml

    path = Path(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        size = path.stat().st_size
        if size > YAML_MAX_BYTES:
            raise InputError(
                path, f"YAML file is {size:,} bytes, above the limit of {YAML_MAX_BYTES:,}"
            )
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    try:
        _check_yaml_events(text, loader, path)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(path, f"not valid YAML{where}: {problem}") from None
