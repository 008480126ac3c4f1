"""The workers' Unix sockets: where they go under a deep ``TMPDIR``; a server whose workers cannot start."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from env.client import MCPEnvClient
from env.server.workers import WorkerIdentity, run_workers, socket_directory
from tests.server.conftest import insert_args, serve_process


def test_a_deep_temporary_directory_still_leaves_room_for_the_worker_sockets(tmp_path: Path) -> None:
    # a Unix socket path longer than 107 bytes cannot be bound; the workers used to restart forever
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    with serve_process("openenv", "--workers", "2", tmp=deep) as (base, _), MCPEnvClient(base) as env:
        env.reset()
        env.call_tool("events_insert", insert_args("deep"))
        assert [
            e["summary"]
            for e in env.call_tool("events_list", {"calendarId": "primary", "q": "deep"})["items"]
        ] == ["deep"]


def test_socket_directory_stays_under_tmpdir_when_the_paths_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shallow = Path(tempfile.mkdtemp(dir="/tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(shallow))
    short = socket_directory(2)
    assert short.parent == shallow
    short.rmdir()
    shallow.rmdir()
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    moved = socket_directory(2)
    assert moved.parent == Path("/tmp") and len(str(moved / "w2.sock")) <= 107
    moved.rmdir()


def test_workers_that_die_as_they_start_stop_the_server_with_a_message() -> None:
    def broken_app(identity: WorkerIdentity) -> Any:
        raise RuntimeError("no app")

    with pytest.raises(SystemExit, match="keep exiting right after they start"):
        run_workers(
            broken_app,
            host="127.0.0.1",
            port=0,
            workers=1,
            max_sessions=2,
            log_level="critical",
            ws_max_size=2**20,
        )
