"""Several worker processes behind one port: each session lives in exactly one of them.

``guards env serve --workers N`` starts a supervisor that binds the port once and forks N workers
that all accept on it (the pre-fork model of gunicorn and ``uvicorn --workers``), so connections
spread over the cores. A session stays in the worker that opened it, with its own database, exactly
as in a single process; a session ID names its worker (``...-w2``), and a request that reaches
another worker (an MCP client's second connection, ``/ws?session_id=`` or a JSON-RPC call naming a
session) is relayed to the owner over that worker's Unix socket (:mod:`env.server.affinity`).

Limits stay global: ``--max-sessions`` is one budget shared by every worker (counters in shared
memory, one per worker, emptied when a worker dies), and each worker closes its own idle sessions
after the same timeout.

Workers are forked after the default world is built, so they share its template file; the parent
keeps that file until it exits.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import SynchronizedArray
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_MAX_SOCKET_PATH = 107
# a worker that exits this soon after its start, this many times in a row, will not start (a bind that fails)
_QUICK_EXIT_S = 5.0
_QUICK_EXITS_TO_GIVE_UP = 3

WORKER_MARK = "-w"  # session IDs of multi-worker servers end in -w<index>


class SessionBudget:
    """Open sessions counted against ``max_sessions``: in one process, or shared by all workers.

    Shared, each worker counts its own sessions in its own slot of one array, and the total is
    the sum: when a worker dies, its sessions die with it and the supervisor empties its slot
    (:func:`forget_worker`), so a crash never shrinks the budget for good.
    """

    def __init__(self, limit: int, shared: SynchronizedArray[int] | None = None, slot: int = 0) -> None:
        self.limit = limit
        self._shared = shared
        self._slot = slot
        self._local = 0

    @property
    def count(self) -> int:
        if self._shared is None:
            return self._local
        with self._shared.get_lock():
            return sum(self._shared[:])

    def try_acquire(self) -> bool:
        """Take one place if one is free (atomic across workers)."""
        if self._shared is None:
            if self._local >= self.limit:
                return False
            self._local += 1
            return True
        with self._shared.get_lock():
            if sum(self._shared[:]) >= self.limit:
                return False
            self._shared[self._slot] += 1
            return True

    def acquire(self) -> None:
        """Count one more session, full or not (for a session already admitted elsewhere)."""
        if self._shared is None:
            self._local += 1
            return
        with self._shared.get_lock():
            self._shared[self._slot] += 1

    def release(self) -> None:
        if self._shared is None:
            self._local = max(0, self._local - 1)
            return
        with self._shared.get_lock():
            self._shared[self._slot] = max(0, self._shared[self._slot] - 1)


def shared_counts(workers: int) -> SynchronizedArray[int]:
    """One session counter per worker, in shared memory (fork before the workers start)."""
    return multiprocessing.get_context("fork").Array("i", workers)


def forget_worker(shared: SynchronizedArray[int], index: int) -> None:
    """A worker exited: the sessions it counted no longer exist."""
    with shared.get_lock():
        shared[index] = 0


@dataclass
class WorkerIdentity:
    """Who this worker is, where its siblings listen, and the budget they share."""

    index: int
    sockets: list[Path]
    budget: SessionBudget
    clients: dict[int, Any] = field(default_factory=dict)  # owner index -> relay client (per process)

    def new_session_id(self) -> str:
        return f"{uuid.uuid4().hex}{WORKER_MARK}{self.index}"

    def owner_of(self, session_id: str) -> int | None:
        """The worker a session ID belongs to (None for IDs no worker of this server issued)."""
        _, mark, index = session_id.rpartition(WORKER_MARK)
        if not mark or not index.isdigit() or int(index) >= len(self.sockets):
            return None
        return int(index)


AppFactory = Callable[[WorkerIdentity], Any]


def tcp_listener(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """The shared listening socket, made so that the workers' connections get ``TCP_NODELAY``.

    asyncio turns Nagle's algorithm off only on sockets whose ``proto`` is ``IPPROTO_TCP``, and an
    accepted socket copies the listener's; ``socket.create_server`` leaves it 0. With Nagle on, a
    response written as headers then body waits for the client's delayed ACK: 40 ms per MCP call.
    """
    plain = socket.create_server((host, port), backlog=backlog, reuse_port=False)
    return socket.socket(plain.family, plain.type, socket.IPPROTO_TCP, fileno=plain.detach())


def run_workers(
    build_app: AppFactory,
    *,
    host: str,
    port: int,
    workers: int,
    max_sessions: int,
    log_level: str,
    ws_max_size: int,
) -> None:
    """Serve ``build_app(identity)`` from ``workers`` processes on one port until interrupted."""
    import uvicorn

    listener = tcp_listener(host, port)
    listener.set_inheritable(True)
    directory = socket_directory(workers)
    sockets = [directory / f"w{index}.sock" for index in range(workers)]
    context = multiprocessing.get_context("fork")
    shared = shared_counts(workers)
    stop = False

    def start(index: int) -> multiprocessing.process.BaseProcess:
        identity = WorkerIdentity(index, sockets, SessionBudget(max_sessions, shared, index))
        process = context.Process(
            target=_serve_worker,
            args=(build_app, identity, listener, uvicorn.Config, log_level, ws_max_size),
            name=f"guards-env-worker-{index}",
        )
        process.start()
        return process

    def request_stop(_signum: int, _frame: Any) -> None:
        nonlocal stop
        stop = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start(index) for index in range(workers)]
    started = [time.monotonic()] * workers
    quick_exits = 0
    try:
        while not stop:
            time.sleep(0.2)
            for index, process in enumerate(processes):
                if not process.is_alive() and not stop:
                    logger.warning("Worker %d exited (code %s); starting a new one", index, process.exitcode)
                    quick_exits = quick_exits + 1 if time.monotonic() - started[index] < _QUICK_EXIT_S else 0
                    if quick_exits >= _QUICK_EXITS_TO_GIVE_UP:
                        raise SystemExit(
                            f"guards-env: workers keep exiting right after they start "
                            f"({quick_exits} in a row; see the error above); stopping"
                        )
                    sockets[index].unlink(missing_ok=True)
                    forget_worker(shared, index)
                    processes[index] = start(index)
                    started[index] = time.monotonic()
    finally:
        for process in processes:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        listener.close()
        shutil.rmtree(directory, ignore_errors=True)


def socket_directory(workers: int) -> Path:
    """A fresh directory for the workers' Unix sockets, under ``TMPDIR`` when the paths fit there.

    A socket's path must fit in ``sun_path`` (108 bytes on Linux): under a deep ``TMPDIR`` every worker
    would fail to bind, so the directory then goes to ``/tmp``.
    """
    directory = Path(tempfile.mkdtemp(prefix="lookup-guards-workers-"))
    if len(os.fsencode(directory / f"w{workers}.sock")) <= _MAX_SOCKET_PATH:
        return directory
    directory.rmdir()
    return Path(tempfile.mkdtemp(prefix="lookup-guards-workers-", dir="/tmp"))


def _serve_worker(
    build_app: AppFactory,
    identity: WorkerIdentity,
    listener: socket.socket,
    config_type: Any,
    log_level: str,
    ws_max_size: int,
) -> None:
    """A worker: the shared port plus its own Unix socket, for requests relayed by its siblings."""
    import uvicorn

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    own = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = identity.sockets[identity.index]
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    own.bind(str(path))
    own.listen(512)
    config = config_type(build_app(identity), log_level=log_level, ws_max_size=ws_max_size)
    uvicorn.Server(config).run(sockets=[listener, own])
