"""Atomic, deterministic writing of tables and text, and whole-folder replacement.

Every output goes to a temporary file in the target folder first and is moved into
place with :func:`os.replace`, so a crash never leaves a half-written file. A whole run
is written into staging folders beside its output folders and swapped in at the end
(:class:`FolderSwap`), under a lock file per output folder (:func:`acquire_lock`), so a
folder always holds exactly one run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.errors import InputError

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


TABLE_FORMATS = ("csv", "parquet")
"""Formats of the result tables: CSV or Parquet (zstd)."""

FORMAT_OPTIONS = ("auto", *TABLE_FORMATS)
"""Values of ``--format`` (``Settings.format``): ``auto`` (default) picks a
:data:`TABLE_FORMATS` member by corpus size (:func:`table_format`)."""

AUTO_PARQUET_ARTICLES = 20_000
"""Corpora of more articles than this get Parquet under ``--format auto``; smaller ones
(the seeds, anything one reads in a spreadsheet) CSV. At 20,000 articles the CSV tables
are several GB (about 0.2 MB per article, bench/README.md); Parquet stores them in about a
tenth and writes them faster."""


def table_format(requested: str, *, n_articles: int) -> str:
    """The table format of a run: ``requested`` itself, or for ``auto`` csv up to
    :data:`AUTO_PARQUET_ARTICLES` articles and parquet above.

    Raises:
        ValueError: ``requested`` is not one of :data:`FORMAT_OPTIONS`.
    """
    from analysis.errors import check_choice

    check_choice("format", requested, FORMAT_OPTIONS)
    if requested != "auto":
        return requested
    return "parquet" if n_articles > AUTO_PARQUET_ARTICLES else "csv"


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` atomically as CSV or, for a ``.parquet`` path, Parquet; settings in
    ``df.attrs`` go beside it.

    The settings file is ``<name>.settings.json`` (sorted keys), written only when
    ``df.attrs`` is non-empty. CSV floats are written with 6 significant decimals so
    that reruns give the same bytes; Parquet keeps full precision (zstd-compressed, no
    index, the same bytes for the same table and pyarrow version).
    """
    path = Path(path)
    if path.suffix == ".parquet":
        import io

        buf = io.BytesIO()
        plain = df.copy()
        plain.attrs = {}  # settings go to the JSON file, as for CSV
        plain.to_parquet(buf, index=False, compression="zstd")
        atomic_write_bytes(path, buf.getvalue())
    else:
        text = df.to_csv(index=False, lineterminator="\n", float_format="%.6g")
        atomic_write_text(path, text)
    settings = path.with_name(path.stem + ".settings.json")
    if df.attrs:
        atomic_write_text(
            settings, json.dumps(_jsonable(df.attrs), indent=2, sort_keys=True) + "\n"
        )
    elif settings.exists():  # settings of an older version of this table do not stay
        settings.unlink()
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
    """Read a table written by :func:`write_table` (CSV or Parquet), with its settings in
    ``attrs``.

    Id-like columns (``article_id``, ``*_id``) stay strings so ``000`` keeps its zeros.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    else:
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


# --- whole-folder replacement -------------------------------------------------------

FOLDER_SUFFIXES = {
    "results": (".csv", ".parquet", ".json", ".md", ".txt"),
    "figures": (".png", ".svg", ".pdf", ".csv", ".json", ".md"),
    "notebooks": (".ipynb", ".json"),
    "reports": (".html", ".css", ".json"),
}
"""File kinds a run writes into each kind of output folder; a folder holding anything
else is not ours to replace."""

FOLDER_SUBDIRS = {"results": ("spreadsheet", "extracted"), "reports": ("articles", "explore")}
"""Subfolders a run writes (``results/spreadsheet/``: the spreadsheet-safe copies;
``results/extracted/``: the text extracted from HTML pages; ``reports/articles/``: the
annotated articles; ``reports/explore/``: the explorer pages)."""

MANIFEST = "run.json"
"""The manifest each replaced folder gets: which run it holds."""

_HELD: set[str] = set()  # lock files this process holds


def utc_now() -> str:
    """The current UTC time as ISO 8601 (``2026-12-03T08:30:00Z``)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def lock_path(target: str | os.PathLike) -> Path:
    """The lock file of an output folder: ``.<name>.lock`` beside it."""
    target = Path(target)
    return target.parent / f".{target.name}.lock"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _read_lock(lock: Path) -> dict | None:
    try:
        info = json.loads(lock.read_text(encoding="utf-8"))
        return info if isinstance(info, dict) and isinstance(info.get("pid"), int) else None
    except (OSError, ValueError):
        return None


def _is_stale(info: dict | None, lock: Path) -> bool:
    """A lock is stale when its process is gone (same host only; other hosts: never)."""
    if info is None:  # being written right now, or garbage: stale only once it is old
        try:
            return time.time() - lock.stat().st_mtime > 60
        except FileNotFoundError:
            return True
    if info.get("host") != socket.gethostname():
        return False
    if info["pid"] == os.getpid():  # our pid, not our lock: a previous process (containers)
        return str(lock) not in _HELD
    return not _pid_alive(info["pid"])


def acquire_lock(target: str | os.PathLike) -> Path:
    """Take the lock of output folder ``target`` (``O_CREAT | O_EXCL``; pid and host inside).

    A lock whose process is no longer alive on this host is stale and taken over, so a
    crashed run never leaves the folder locked for good.

    Returns:
        The lock file (give it to :func:`release_lock`).

    Raises:
        InputError: another live run holds the lock.
    """
    target = Path(target)
    lock = lock_path(target)
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(5):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666 & ~_UMASK)
        except FileExistsError:
            info = _read_lock(lock)
            if not _is_stale(info, lock):
                who = f"pid {info['pid']} on {info.get('host')}" if info else "another process"
                since = f" since {info.get('started')}" if info else ""
                raise InputError(
                    target,
                    f"another run is writing this folder ({who}{since}); wait for it to "
                    f"finish, or delete {lock} if that run is gone",
                ) from None
            _take_over(lock, info)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            info = {"pid": os.getpid(), "host": socket.gethostname(), "started": utc_now()}
            fh.write(json.dumps(info) + "\n")
        _HELD.add(str(lock))
        return lock
    raise InputError(target, f"could not take the lock {lock}; try again")


def _take_over(lock: Path, info: dict | None) -> None:
    """Remove a stale lock; a lock that another run took over meanwhile is put back."""
    private = lock.with_name(f"{lock.name}.stale-{os.getpid()}")
    try:
        os.rename(lock, private)
    except FileNotFoundError:
        return
    if _read_lock(private) != info:  # not the stale lock we judged: give it back
        try:
            os.link(private, lock)
        except OSError:
            pass
    private.unlink(missing_ok=True)


def release_lock(lock: str | os.PathLike) -> None:
    """Remove a lock taken by :func:`acquire_lock` in this process."""
    lock = Path(lock)
    info = _read_lock(lock)
    if info is not None and info["pid"] == os.getpid():
        lock.unlink(missing_ok=True)
    _HELD.discard(str(lock))


def check_replaceable(target: Path, kind: str) -> None:
    """Raise ``InputError`` unless ``target`` is absent or holds only files a run writes.

    A folder is replaced as a whole, so a folder with anything else in it (a subfolder,
    a document) is refused rather than deleted.
    """
    if not target.exists():
        return
    if not target.is_dir():
        raise InputError(target, "exists and is not a folder")
    suffixes = FOLDER_SUFFIXES[kind]
    entries = sorted(target.iterdir())
    for sub in FOLDER_SUBDIRS.get(kind, ()):
        if (target / sub).is_dir():
            entries += sorted((target / sub).iterdir())
    for entry in entries:
        if entry.name == ".ipynb_checkpoints" or (entry.name.startswith(".") and entry.is_file()):
            continue
        if entry.is_dir() and entry.parent == target and entry.name in FOLDER_SUBDIRS.get(kind, ()):
            continue
        if not (entry.is_file() and entry.suffix in suffixes):
            raise InputError(
                target,
                f"holds {entry.name!r}, which framing does not write; the folder is replaced "
                "as a whole, so choose a new or empty folder",
            )


class FolderSwap:
    """Write a whole run into staging folders and swap them in at the end.

    Each target ``DIR/name`` gets a staging folder ``DIR/.name.staging-<pid>`` and a
    lock ``DIR/.name.lock``. :meth:`commit` renames ``name`` to ``.name.old-<pid>`` and
    the staging folder to ``name`` for every target (undone if a rename fails), then
    deletes the old folders. Leaving the ``with`` block without :meth:`commit` (an
    error, a failed notebook, Ctrl-C) removes the staging folders and leaves the
    targets exactly as they were. Leftovers of a killed run are cleaned up on entry (a
    target moved aside but never replaced is restored first).

    Args:
        targets: ``{folder: kind}``, kind a key of :data:`FOLDER_SUFFIXES`.
        lock_only: folders written in place (locked, not staged), e.g. the project's
            ``notebooks/`` that also holds the notebook sources.
    """

    def __init__(self, targets: dict[Path, str], *, lock_only: Iterable[Path] = ()):
        self.kinds = {Path(os.path.abspath(t)): kind for t, kind in targets.items()}
        self.lock_only = [Path(os.path.abspath(t)) for t in lock_only]
        pid = os.getpid()
        self.staging = {t: t.parent / f".{t.name}.staging-{pid}" for t in self.kinds}
        self._old = {t: t.parent / f".{t.name}.old-{pid}" for t in self.kinds}
        self._locks: list[Path] = []
        self.committed = False

    def __enter__(self) -> FolderSwap:
        for target, kind in self.kinds.items():
            check_replaceable(target, kind)
        try:
            for target in sorted({*self.kinds, *self.lock_only}):
                self._locks.append(acquire_lock(target))
            for target, staging in self.staging.items():
                _recover(target)
                staging.parent.mkdir(parents=True, exist_ok=True)
                staging.mkdir()
                if target.is_dir():  # keep the folder's permissions
                    os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
        except BaseException:
            self._cleanup()
            raise
        return self

    def __getitem__(self, target: str | os.PathLike) -> Path:
        """The staging folder of ``target``."""
        return self.staging[Path(os.path.abspath(target))]

    def carry(self, target: str | os.PathLike, names: Iterable[str] | None = None) -> list[str]:
        """Copy files of the previous run (all, or these names) into the staging folder."""
        target = Path(os.path.abspath(target))
        if not target.is_dir():
            return []
        wanted = None if names is None else set(names)
        copied = []
        for p in sorted(target.iterdir()):
            if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST:
                if wanted is None or p.name in wanted:
                    shutil.copy2(p, self.staging[target] / p.name)
                    copied.append(p.name)
                    for sub in FOLDER_SUBDIRS.get(self.kinds[target], ()):  # its copies too
                        if (target / sub / p.name).is_file():
                            (self.staging[target] / sub).mkdir(exist_ok=True)
                            shutil.copy2(target / sub / p.name, self.staging[target] / sub / p.name)
        return copied

    def commit(self, manifest: dict | None = None) -> None:
        """Write ``run.json`` (``manifest`` plus end time and file list) and swap."""
        if manifest is not None:
            finished = utc_now()
            for target, staging in self.staging.items():
                files = sorted(p.name for p in staging.iterdir() if p.name != MANIFEST)
                entry = {**manifest, "finished": finished, "folder": target.name, "files": files}
                atomic_write_text(
                    staging / MANIFEST, json.dumps(entry, indent=2, sort_keys=True) + "\n"
                )
        moved: list[Path] = []  # targets moved aside
        placed: list[Path] = []  # staging folders moved into place
        try:
            for target, staging in self.staging.items():
                if target.exists():
                    os.rename(target, self._old[target])
                    moved.append(target)
                os.rename(staging, target)
                placed.append(target)
        except BaseException:
            for target in reversed(placed):
                os.rename(target, self.staging[target])
            for target in reversed(moved):
                os.rename(self._old[target], target)
            raise
        self.committed = True
        for old in self._old.values():
            shutil.rmtree(old, ignore_errors=True)

    def __exit__(self, *exc) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if not self.committed:
            for staging in self.staging.values():
                shutil.rmtree(staging, ignore_errors=True)
        for lock in reversed(self._locks):
            release_lock(lock)
        self._locks.clear()


def _recover(target: Path) -> None:
    """Clean up after a killed run (the caller holds the lock): restore, then delete."""
    leftovers = sorted(target.parent.glob(f".{target.name}.staging-*"))
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and olds:  # moved aside, never replaced: the previous run
        os.rename(olds.pop(), target)
    for p in leftovers + olds:
        shutil.rmtree(p, ignore_errors=True)


PROJECT_FOLDERS = ("analysis", "tests", "notebooks", "docs", "seeds", "bench", "data", ".git")
"""Project folders no output may be written into."""


def check_output_folder(
    out: str | os.PathLike,
    *,
    inputs: Iterable[str | os.PathLike] = (),
    files: Iterable[str | os.PathLike] = (),
) -> Path:
    """Check an ``--out`` folder before any work starts; return it as an absolute path.

    Args:
        out: the output folder (need not exist).
        inputs: input files and folders: ``out`` must not be or be inside an input
            folder, nor contain an input.
        files: further files the run reads (lexicon, actor list): ``out`` must not contain them.

    Raises:
        InputError: ``out`` is a file, not writable, inside ``seeds/``, another project
            folder or an input folder, or contains the project or an input.
    """
    from analysis.paths import PROJECT_ROOT

    path = Path(os.path.abspath(out))
    real = path.resolve()
    root = PROJECT_ROOT.resolve()
    if path.exists() and not path.is_dir():
        raise InputError(path, "--out exists and is not a folder")
    if real == root or real in root.parents:
        raise InputError(path, "--out would contain the project itself; choose another folder")
    for name in PROJECT_FOLDERS + (".venv",):
        folder = root / name
        if real == folder or folder in real.parents:
            raise InputError(path, f"--out is inside the project's {name}/ folder")
    for name in ("results", "figures", "reports"):
        if root / name in real.parents:
            raise InputError(path, f"--out is inside the project's own {name}/ folder")
    for item in inputs:
        item = Path(item).resolve()
        if item.is_dir() and (real == item or item in real.parents):
            raise InputError(path, f"--out is inside the input folder {item}")
        if real in item.parents:
            raise InputError(path, f"--out contains the input {item}")
    for item in files:
        if item and real in Path(item).resolve().parents:
            raise InputError(path, f"--out contains the input file {item}")
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(path, f"--out cannot be created: {existing} is a file")
    writable = existing.parent if existing == path and path.parent.exists() else existing
    if not os.access(writable, os.W_OK | os.X_OK):
        raise InputError(path, f"--out is not writable ({writable} is read-only)")
    return path
