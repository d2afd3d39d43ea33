"""Forked worker processes that stay up and take batch after batch.

Sphinx forks a new process for every chunk of about 70 pages, and hands
out chunks only when its main process next looks: between two chunks it
resolves, or every 20 ms.  A forked process pays for every page of memory
it touches (copy-on-write faults: on this VM about 6,500 per chunk written
and 22,000 per chunk read, 2.2 s of system time in a 1,000-session build
with ``-j 2``), and anything it caches (Furo's sidebar, compiled
templates) dies with it.

Here ``size`` processes are forked once.  The main process sends each a
batch, waits on their pipes (:func:`multiprocessing.connection.wait`) and
sends the next batch to whichever answers first.  A batch's log records
are replayed in the main process and a failure is raised as
:class:`~sphinx.errors.SphinxParallelError`, as Sphinx's ``ParallelTasks``
does.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from sphinx.errors import SphinxParallelError
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _serve(pipe: Connection, task: Callable[[Any], Any]) -> None:
    """In the worker: run ``task`` on each batch received, until ``None`` or a failure."""
    while True:
        try:
            batch = pipe.recv()
        except EOFError:  # the main process has gone
            return
        if batch is None:
            return
        collector = logging.LogCollector()
        try:
            with collector.collect():
                result = task(batch)
            failed = False
        except BaseException as err:
            failed = True
            result = (traceback.format_exception_only(err.__class__, err)[0].strip(), traceback.format_exc())
        logging.convert_serializable(collector.logs)
        pipe.send((failed, collector.logs, result))
        if failed:
            return


class Workers:
    """``size`` forked processes running ``task(batch)``; ``done(batch, result)`` runs in the main process."""

    def __init__(self, size: int, task: Callable[[Any], Any], done: Callable[[Any, Any], None]) -> None:
        self._done = done
        self._idle: list[tuple[Connection, Any]] = []
        self._busy: dict[Connection, tuple[Any, Any]] = {}
        # Forked, as Sphinx's own parallel build is (only where os.fork exists).
        fork = multiprocessing.get_context("fork")
        for _ in range(max(1, size)):
            here, there = fork.Pipe(duplex=True)
            process = fork.Process(target=_serve, args=(there, task))
            process.start()
            # Only the worker holds its end now: if it dies, ours reads EOF.
            there.close()
            self._idle.append((here, process))

    @property
    def size(self) -> int:
        return len(self._idle) + len(self._busy)

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    @property
    def free(self) -> int:
        return len(self._idle)

    def send(self, batch: Any) -> None:
        pipe, process = self._idle.pop()
        pipe.send(batch)
        self._busy[pipe] = (process, batch)

    def collect(self) -> None:
        """Wait for at least one busy worker to answer, and take its result."""
        for pipe in wait(list(self._busy)):
            process, batch = self._busy.pop(pipe)  # type: ignore[call-overload]
            try:
                failed, records, result = pipe.recv()  # type: ignore[union-attr]
            except EOFError:
                process.join()
                raise SphinxParallelError(f"a worker process exited with status {process.exitcode}", "") from None
            for record in records:
                logger.handle(record)
            if failed:
                process.join()  # it stops after reporting
                raise SphinxParallelError(*result)
            self._idle.append((pipe, process))
            self._done(batch, result)

    def close(self) -> None:
        """Stop every worker: idle ones are told to, busy ones (after a failure) are terminated."""
        for pipe, process in self._idle:
            try:
                pipe.send(None)
            except OSError:  # it has gone already
                process.terminate()
        busy = [(pipe, process) for pipe, (process, _batch) in self._busy.items()]
        for _pipe, process in busy:
            process.terminate()
        for pipe, process in self._idle + busy:
            process.join()
            pipe.close()
        self._idle.clear()
        self._busy.clear()
