"""Worker processes for per-item work (``--jobs``, issue 13), results in input order.

Everything here gives the same result as a loop in one process: work is split into
contiguous chunks, each chunk is a pure function call, and the results are joined in
input order, so a table built from them is identical whatever the number of workers.

Two engines (``--engine``, :data:`ENGINES`): ``local`` runs the chunks in worker
processes of this machine (``concurrent.futures``, ``fork``); ``dask`` sends them to a
Dask cluster (``dask.distributed``): the scheduler at ``--scheduler ADDRESS``, or a
``LocalCluster`` of ``jobs`` single-threaded worker processes when no address is given
(docs/scale.md). Dask is imported only when the ``dask`` engine is used.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence

ENGINES = ("local", "dask")
"""Where the per-article work runs (``--engine``): this machine's worker processes, or a
Dask cluster."""

MIN_CHUNK = 200
"""Fewest items a worker gets at a time by default (below that, starting and feeding a
process costs more than it saves)."""


def pool_context():
    """``fork`` where the platform has it (workers inherit the imported modules, so they
    start in milliseconds), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def worker_start() -> None:
    """A worker ignores Ctrl-C: the main process stops the run (and cancels the rest)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def dask_client(*, jobs: int = 1, scheduler: str | None = None) -> Iterator:
    """A ``dask.distributed`` client for the ``dask`` engine, closed on exit.

    A client already open in this process (one run's :func:`engine_session`) is reused
    and left open. Else: the scheduler at ``scheduler`` (``tcp://host:8786``), or, when
    it is None, a ``LocalCluster`` of ``jobs`` worker processes with one thread each.
    Spawned local workers get this process's ``PYTHONHASHSEED`` when it is set.

    Raises:
        ValueError: dask.distributed is not installed (the message says how to get it).
    """
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise ValueError(
            "--engine dask needs dask.distributed: pip install 'dask[distributed]'"
        ) from exc
    try:
        yield distributed.default_client()
        return
    except ValueError:  # no client open yet
        pass
    if scheduler:
        client = distributed.Client(scheduler, set_as_default=True)
        cluster = None
    else:
        import dask

        env = {}
        if os.environ.get("PYTHONHASHSEED"):
            env["distributed.nanny.pre-spawn-environ.PYTHONHASHSEED"] = os.environ["PYTHONHASHSEED"]
        with dask.config.set(env):
            cluster = distributed.LocalCluster(
                n_workers=max(1, jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        client = distributed.Client(cluster, set_as_default=True)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def engine_session(settings) -> Iterator:
    """Keep one Dask client open for a whole run when ``settings.engine`` is ``dask``
    (every :func:`map_chunks` and the corpus layer of the run then share its workers);
    with the ``local`` engine, nothing."""
    if getattr(settings, "engine", "local") != "dask":
        yield None
        return
    with dask_client(jobs=settings.jobs, scheduler=settings.scheduler) as client:
        yield client


def dask_threads(client) -> int:
    """The worker threads of a Dask cluster (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def map_chunks(
    func: Callable[[list], list],
    items: Sequence,
    *,
    jobs: int,
    min_chunk: int | None = None,
    engine: str = "local",
) -> list:
    """``func(items)`` computed in up to ``jobs`` worker processes.

    ``items`` is cut into contiguous chunks of at least ``min_chunk`` items (default
    :data:`MIN_CHUNK`; about four chunks per worker); ``func`` maps a list of items to a list of results, one per item, and
    must be a pure, module-level function. With ``jobs=1``, or fewer than two chunks'
    worth of items, it runs here without starting a process.

    With ``engine="dask"`` the chunks go to the Dask cluster of :func:`dask_client`
    (``jobs`` is then the number of its worker threads), whatever ``jobs`` was.

    Returns:
        The results of every chunk, joined in input order (equal to ``func(list(items))``).
    """
    items = list(items)
    min_chunk = MIN_CHUNK if min_chunk is None else min_chunk
    if engine == "dask" and len(items) >= 2 * min_chunk:
        with dask_client(jobs=jobs) as client:
            jobs = dask_threads(client)
            size = max(min_chunk, -(-len(items) // (4 * jobs)))
            chunks = [items[k : k + size] for k in range(0, len(items), size)]
            joined: list = []
            for part in client.gather(client.map(func, chunks, pure=False)):
                joined.extend(part)
            return joined
    size = max(min_chunk, -(-len(items) // (4 * max(1, jobs))))
    if jobs <= 1 or len(items) < 2 * min_chunk:
        return func(items)
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[k : k + size] for k in range(0, len(items), size)]
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)), mp_context=pool_context(), initializer=worker_start
    ) as pool:
        out: list = []
        for part in pool.map(func, chunks):
            out.extend(part)
    return out
