"""Where the ``guards`` commands write: results to stdout, errors to stderr, and the one-line error exit.

A leaf module, so every command module (:mod:`evals.cli`, :mod:`evals.episode_cli`,
:mod:`evals.world_cli`) uses the same consoles without importing each other.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (no traceback) and exit."""
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
