"""``guards env serve``: serve the bundled calendar environment over MCP (stdio/HTTP) or OpenEnv.

``env_app`` is a Typer sub-app (mounted as ``guards env``); ``python -m env.server`` runs ``serve``
without the console script.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from env.server.config import (
    DEFAULT_IDLE_TIMEOUT_S,
    DEFAULT_MAX_MESSAGE_BYTES,
    DEFAULT_MAX_SESSIONS,
    ServerLimits,
    SessionConfig,
    SessionConfigError,
)
from env.server.workers import WorkerIdentity

if TYPE_CHECKING:  # starlette comes with the "server" extra; the CLI must import without it
    from starlette.types import ASGIApp

    from env.server.episodes import EpisodeFactory

env_app = typer.Typer(help="The bundled calendar environment.", no_args_is_help=True)

DEFAULT_PORTS = {"http": 8765, "openenv": 8000}


@env_app.callback()
def env_group() -> None:
    """Serve or inspect the bundled calendar environment."""


class Transport(StrEnum):
    """How the environment is served."""

    stdio = "stdio"
    http = "http"
    openenv = "openenv"


def serve(
    transport: Annotated[
        Transport, typer.Option(help="stdio (MCP), http (MCP streamable HTTP), openenv.")
    ] = (Transport.http),
    host: Annotated[str, typer.Option(help="Interface to bind (HTTP transports).")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(help="Port (default 8765 for http, 8000 for openenv).")] = None,
    world: Annotated[str, typer.Option(help="Default world: a bundled name or a world file path.")] = "acme",
    actor: Annotated[
        str | None, typer.Option(help="Default acting user (email); the world's default if unset.")
    ] = None,
    now: Annotated[str | None, typer.Option(help="Default session clock, RFC3339 with offset.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for generated IDs and injected faults.")] = None,
    max_sessions: Annotated[int, typer.Option(help="Concurrent sessions before new ones are refused.")] = (
        DEFAULT_MAX_SESSIONS
    ),
    idle_timeout: Annotated[float, typer.Option(help="Seconds of inactivity before a session is closed.")] = (
        DEFAULT_IDLE_TIMEOUT_S
    ),
    max_message_bytes: Annotated[int, typer.Option(help="Largest request body / WebSocket message.")] = (
        DEFAULT_MAX_MESSAGE_BYTES
    ),
    log_level: Annotated[str, typer.Option(help="Server log level.")] = "warning",
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (HTTP transports); each session stays in one.")
    ] = 1,
    suite: Annotated[
        str | None, typer.Option(help="openenv: serve task episodes of this suite (reset by task_id).")
    ] = None,
    tasks: Annotated[str | None, typer.Option(help="openenv: serve task episodes of this task file.")] = None,
) -> None:
    """Serve the calendar environment; each client session gets its own isolated world."""
    defaults = SessionConfig(world=world, actor=actor, now=now, seed=seed)
    try:
        defaults.build_env()
        limits = ServerLimits(max_sessions, idle_timeout, max_message_bytes)
    except (SessionConfigError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    episodes = _episode_factory(transport, suite, tasks)
    if transport is Transport.stdio and workers > 1:
        typer.echo("error: --workers needs an HTTP transport (stdio serves one session).", err=True)
        raise typer.Exit(code=2)
    if transport is Transport.stdio:
        # stdout carries the protocol; keep logs on stderr and quiet.
        logging.basicConfig(level=log_level.upper())
        from env.server.mcp_server import run_stdio

        run_stdio(defaults)
        return
    bound_port = port if port is not None else DEFAULT_PORTS[transport.value]

    def build_app(worker: WorkerIdentity | None) -> ASGIApp:
        if transport is Transport.http:
            from env.server.mcp_server import mcp_http_app

            return mcp_http_app(defaults, limits, host=host, worker=worker)
        from env.server.openenv_server import OpenEnvServer

        return OpenEnvServer(defaults, limits, worker, episodes).app()

    plural = f" ({workers} workers)" if workers > 1 else ""
    typer.echo(f"Serving {transport.value} on http://{host}:{bound_port}{plural}", err=True)
    if workers > 1:
        from env.server.workers import run_workers

        run_workers(
            build_app,
            host=host,
            port=bound_port,
            workers=workers,
            max_sessions=limits.max_sessions,
            log_level=log_level,
            ws_max_size=max_message_bytes,
        )
        return
    import uvicorn

    uvicorn.run(
        build_app(None), host=host, port=bound_port, log_level=log_level, ws_max_size=max_message_bytes
    )


def _episode_factory(transport: Transport, suite: str | None, tasks: str | None) -> EpisodeFactory | None:
    """Task episodes for ``--suite``/``--tasks``, from the installed source (:mod:`env.server.episodes`)."""
    if suite is None and tasks is None:
        return None
    if transport is not Transport.openenv:
        typer.echo("error: --suite/--tasks serve task episodes over --transport openenv.", err=True)
        raise typer.Exit(code=2)
    from env.server.episodes import episode_factory_for

    try:
        return episode_factory_for(suite, tasks)
    except (LookupError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc


env_app.command("serve")(serve)
