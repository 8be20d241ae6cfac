"""Worker processes for per-item work (``--jobs``, issue 13), results in input order.

Everything here gives the same result as a loop in one process: work is split into
contiguous chunks, each chunk is a pure function call, and the results are joined in
input order, so a table built from them is identical whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence

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


def map_chunks(
    func: Callable[[list], list], items: Sequence, *, jobs: int, min_chunk: int | None = None
) -> list:
    """``func(items)`` computed in up to ``jobs`` worker processes.

    ``items`` is cut into contiguous chunks of at least ``min_chunk`` items (default
    :data:`MIN_CHUNK`; about four chunks per worker); ``func`` maps a list of items to a list of results, one per item, and
    must be a pure, module-level function. With ``jobs=1``, or fewer than two chunks'
    worth of items, it runs here without starting a process.

    Returns:
        The results of every chunk, joined in input order (equal to ``func(list(items))``).
    """
    items = list(items)
    min_chunk = MIN_CHUNK if min_chunk is None else min_chunk
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
