"""Run one function over many tasks in worker processes that the parent supervises.

A batch must survive its worst file. Every task has a deadline, counted from when a worker starts
it; a worker that overruns it is stopped and replaced, and a worker that dies (a reader crash, an
abort under the memory limit) is replaced; in both cases only the task it was running fails, by
name, and the others go on. pebble's `ProcessPool` does exactly this, so it runs the workers: the
standard library's pools do not (`multiprocessing.Pool` hangs when a worker is killed,
`ProcessPoolExecutor` fails every pending task), and a timer inside the worker cannot interrupt
python-calamine in the middle of a parse.

Workers are started with "spawn" on every system. It is the only start method Windows has, so
every user runs the code the tests run; on Linux it costs about 0.3 s a batch more than "fork" (two
workers ready in 0.30 s against 0.02 s, measured with the batch's imports): 2% of a default batch of
1,000 sheets (17.6 s with its gap reports), 8% of one without reports. So whatever a worker needs
reaches it pickled: the work function by its importable name, fixed data through
`setup(*setup_args)`, run once in each worker as it starts.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024

START_METHOD = "spawn"


class WorkersDying(Exception):
    """The worker processes die before they take any work: the batch cannot go on (a broken install,
    or a machine out of memory or processes)."""


@dataclass(frozen=True, slots=True)
class Failed:
    """A task that did not finish: how it ended, for the refusal that names its file."""

    kind: str
    """timeout (it overran its deadline), crashed (its worker died), out_of_memory (it hit the
    worker's memory limit), internal_error (it raised: a bug)."""
    exitcode: int | None = None
    """How a crashed worker ended: its exit code, or minus the signal that ended it (None: unknown)."""
    error: str = ""
    """The error an internal_error raised."""


def signal_name(number: int) -> str:
    """A signal's name as a user can search for it ("SIGABRT"), or "signal N"."""
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def limit_memory(memory_mb: int) -> None:
    """Let this process use at most `memory_mb` MB beyond its size now, so that a reader that runs
    away fails in its own worker, not the machine. Where the `resource` module is missing
    (Windows) there is no such limit."""
    if memory_mb <= 0:
        return
    try:
        import resource
    except ImportError:
        return
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB, but bytes on macOS
    size = peak if sys.platform == "darwin" else peak * 1024
    limit = size + memory_mb * MiB
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # a lower hard limit is already set, or the system does not allow it
        pass


def _start_worker(memory_mb: int, setup: Callable[..., Any] | None, setup_args: tuple[Any, ...]) -> None:
    if setup is not None:
        setup(*setup_args)
    limit_memory(memory_mb)


class WorkerPool:
    """`jobs` worker processes; use it as a context manager around `run`.

    `setup(*setup_args)` runs in every worker as it starts (and in every worker started to replace
    one); `memory_mb` limits what a worker may use beyond its size then (see `limit_memory`).
    """

    def __init__(self, jobs: int, timeout: float, *, memory_mb: int = 1024,
                 setup: Callable[..., Any] | None = None, setup_args: tuple[Any, ...] = ()) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.restarts = 0
        """Workers replaced because they overran or died."""
        self._initargs = (memory_mb, setup, setup_args)
        self._pool = self._new_pool()

    def _new_pool(self) -> Any:
        from pebble import ProcessPool

        return ProcessPool(max_workers=self.jobs, initializer=_start_worker, initargs=self._initargs,
                           context=multiprocessing.get_context(START_METHOD))

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self._pool.close()
        else:  # Ctrl-C or an error in the parent: stop the workers where they are
            self._pool.stop()
        self._pool.join()

    def run(self, work: Callable[..., Any], tasks: Sequence[tuple[Any, ...]], *,
            tick: Callable[[], None] | None = None, tick_every: float = 0.1) -> Iterator[tuple[int, Any]]:
        """`work(*task)` for every task, in workers; yields (index, result or `Failed`) in task order.

        `tick()` is called in the parent at least every `tick_every` seconds while it waits."""
        futures = [self._pool.schedule(work, args=task, timeout=self.timeout) for task in tasks]
        last = time.monotonic()
        index, retried, broken = 0, -1, 0
        while index < len(futures):
            future = futures[index]
            left = tick_every - (time.monotonic() - last)
            if left <= 0 or not wait([future], timeout=left).done:
                if tick is not None:
                    tick()
                last = time.monotonic()
                continue
            try:
                outcome = self._outcome(future)
            except BrokenProcessPool:
                # pebble gives up on the whole pool when a worker dies before it has recorded which task
                # the worker took (a rare race). The tasks not yet done go to a new pool; the first of
                # them, the likeliest culprit, gets one more try, then counts as a crash.
                self._pool.stop()
                self._pool.join()
                broken += 1
                if broken > 3:
                    raise WorkersDying() from None
                self._pool = self._new_pool()
                self.restarts += 1
                if retried == index:
                    yield index, Failed("crashed")
                    index, retried = index + 1, -1
                else:
                    retried = index
                futures[index:] = [self._pool.schedule(work, args=task, timeout=self.timeout)
                                   for task in tasks[index:]]
                continue
            yield index, outcome
            index, broken = index + 1, 0

    def _outcome(self, future: Any) -> Any:
        from pebble import ProcessExpired

        try:
            return future.result()
        except FutureTimeout:
            self.restarts += 1
            return Failed("timeout")
        except ProcessExpired as e:
            self.restarts += 1
            return Failed("crashed", e.exitcode)
        except MemoryError:
            return Failed("out_of_memory")
        except BrokenProcessPool:
            raise
        except Exception as e:  # a bug in the work function: this task fails, the worker lives on
            return Failed("internal_error", error=f"{type(e).__name__}: {e}")
        except KeyboardInterrupt:  # the worker's own Ctrl-C (the parent's, if any, arrives in the parent)
            import signal

            return Failed("crashed", -signal.SIGINT)
        except BaseException as e:  # SystemExit and the like raised in the worker: its task's failure, not ours
            return Failed("internal_error", error=f"{type(e).__name__}: {e}")
