"""One settings object for a run, built by the CLI or the Python API and passed down.

Every step reads its options from :class:`Settings` (``ctx.settings``) and its lexicons
from :class:`Resources` (``ctx.resources``, each data file read and checked once per
run), never from paths, environment variables or module globals.

Example:
    >>> s = Settings.from_options({"events": "auto", "event_threshold": 0.3})
    >>> s.events, s.event_threshold, s.format
    ('auto', 0.3, 'auto')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from analysis.errors import check_choice
from analysis.io import FORMAT_OPTIONS
from analysis.text.corpus import DEFAULT_MAX_FILE_MB
from analysis.text.duplicates import DUPLICATE_POLICIES
from analysis.text.events import DEFAULT_THRESHOLD as DEFAULT_EVENT_THRESHOLD
from analysis.text.events import DEFAULT_WINDOW_DAYS as DEFAULT_EVENT_WINDOW_DAYS
from analysis.text.events import EVENT_METHODS


@dataclass(frozen=True)
class Settings:
    """What a run was asked to do; recorded in ``run.json``.

    Attributes:
        lexicon: a loaded-terms lexicon YAML (``--lexicon``); None: the shipped one.
        actors: an actor list YAML (``--actors``); None: the shipped one.
        events: one of :data:`analysis.text.events.EVENT_METHODS`; None: ``column`` when the articles carry
            an ``event`` value, else ``single``.
        event_threshold: minimum TF-IDF cosine for ``auto`` to link two articles
            (:data:`analysis.text.events.DEFAULT_THRESHOLD`).
        event_window_days: maximum days between linked articles
            (:data:`analysis.text.events.DEFAULT_WINDOW_DAYS`).
        columns: how a table-file corpus maps to article fields (``--columns``).
        duplicates: one of :data:`analysis.text.duplicates.DUPLICATE_POLICIES`.
        format: one of :data:`analysis.io.FORMAT_OPTIONS`: ``csv``, ``parquet``, or
            ``auto`` (default): csv up to :data:`analysis.io.AUTO_PARQUET_ARTICLES`
            (20,000) articles, parquet above (the seeds stay csv).
        strict: input problems (unmatched metadata rows, ...) are errors.
        max_file_mb: largest input file read, in MB
            (:data:`analysis.text.corpus.DEFAULT_MAX_FILE_MB`).
        spreadsheet_safe: also write formula-neutralised copies of the tables.
        external: the benchmark data folder of the validation steps (None:
            ``data/external``, :data:`analysis.paths.EXTERNAL_DIR`).
        jobs: worker processes for the per-article work (reading is serial; segmenting,
            quotation marks and sentence splitting run in ``jobs`` processes,
            :func:`analysis.pipeline.corpus_tables`). The tables are identical whatever
            the number. Default 1, also on the command line (``--jobs auto``:
            :func:`available_cores`): most of a run is corpus-wide steps (bench/README.md).
        engine: where that per-article work runs, one of
            :data:`analysis.parallel.ENGINES`: ``local`` (``jobs`` worker processes
            here) or ``dask`` (a Dask cluster: ``scheduler``, or a local cluster of
            ``jobs`` single-threaded workers; docs/scale.md). The tables are identical.
        scheduler: a Dask scheduler address (``tcp://host:8786``); only with
            ``engine="dask"``.
    """

    lexicon: Path | None = None
    actors: Path | None = None
    events: str | None = None
    event_threshold: float = DEFAULT_EVENT_THRESHOLD
    event_window_days: int = DEFAULT_EVENT_WINDOW_DAYS
    columns: str | None = None
    duplicates: str = "error"
    format: str = "auto"
    strict: bool = False
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    spreadsheet_safe: bool = False
    external: Path | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None

    @property
    def external_dir(self) -> Path:
        """The benchmark data folder in use."""
        from analysis.paths import EXTERNAL_DIR

        return self.external or EXTERNAL_DIR

    def __post_init__(self) -> None:
        for name in ("lexicon", "actors", "external"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        if self.events is not None:
            check_choice("events", self.events, EVENT_METHODS)
        check_choice("duplicates", self.duplicates, DUPLICATE_POLICIES)
        check_choice("format", self.format, FORMAT_OPTIONS)
        object.__setattr__(self, "event_threshold", float(self.event_threshold))
        object.__setattr__(self, "event_window_days", int(self.event_window_days))
        if isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 1:
            raise ValueError(f"jobs must be a whole number of at least 1; got {self.jobs!r}")
        from analysis.parallel import ENGINES

        check_choice("engine", self.engine, ENGINES)
        if self.scheduler is not None and self.engine != "dask":
            raise ValueError(
                f"scheduler {self.scheduler!r} needs engine 'dask' (--engine dask); "
                f"got engine {self.engine!r}"
            )
        if not self.max_file_mb > 0:
            raise ValueError(f"max_file_mb must be a positive number; got {self.max_file_mb!r}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The valid setting names, in declaration order."""
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_options(cls, options: Settings | Mapping | None = None, **overrides) -> Settings:
        """Settings from a mapping of options (``None`` values mean "the default").

        Raises:
            ValueError: an unknown option name (the message lists the valid ones) or an
                invalid value.
        """
        if isinstance(options, Settings):
            base = {n: getattr(options, n) for n in cls.names()}
        else:
            base = {}
            for key, value in dict(options or {}).items():
                check_choice("setting", key, cls.names())
                if value is not None:
                    base[key] = value
        base.update({k: v for k, v in overrides.items() if v is not None})
        for key in base:
            check_choice("setting", key, cls.names())
        return cls(**base)

    def replace(self, **changes) -> Settings:
        """A copy with ``changes`` applied (validated again)."""
        return dataclasses.replace(self, **changes)

    def as_record(self) -> dict:
        """Plain values for ``run.json`` (paths as strings)."""
        return {
            n: (str(v) if isinstance(v, Path) else v)
            for n, v in ((n, getattr(self, n)) for n in self.names())
        }


def available_cores() -> int:
    """The cores this process may run on (``--jobs auto``): the CPU affinity mask where
    the platform has one (a container or ``taskset`` limit), else ``os.cpu_count()``."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass
class Resources:
    """The data files a run uses, each read and checked once.

    Attributes:
        settings: where the files are (``None``: the shipped ones).
    """

    settings: Settings = field(default_factory=Settings)

    @cached_property
    def lexicon(self):
        """The loaded-terms lexicon (:func:`analysis.extract.loaded_terms.load_lexicon`)."""
        from analysis.extract.loaded_terms import load_lexicon

        return load_lexicon(self.settings.lexicon)

    @cached_property
    def actors(self):
        """The actor list (:func:`analysis.extract.actors.load_actors`)."""
        from analysis.extract.actors import load_actors

        return load_actors(self.settings.actors)

    @property
    def lexicon_path(self) -> Path:
        """The lexicon file in use."""
        from analysis.extract.loaded_terms import DEFAULT_LEXICON

        return self.settings.lexicon or DEFAULT_LEXICON

    @property
    def actors_path(self) -> Path:
        """The actor list in use."""
        from analysis.extract.actors import ACTORS_FILE

        return self.settings.actors or ACTORS_FILE
