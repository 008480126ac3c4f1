"""``guards world schema`` and ``guards world check FILE``: write a world, and find its problems first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

world_app = typer.Typer(
    help="Write your own world: its schema, and a check of a world file.", no_args_is_help=True
)


@world_app.command()
def schema(
    output: Annotated[Path | None, typer.Option(help="write the schema here instead of printing it")] = None,
) -> None:
    """Print the JSON Schema of a world file (users, groups, calendars, ACL, calendar list, events)."""
    from env.world import world_json_schema

    text = json.dumps(world_json_schema(), indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@world_app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="world files (.json, .yaml)")],
) -> None:
    """Validate world files; print every problem as file:line: field: problem (exit 1 if any)."""
    from evals.cli_output import console, errors
    from evals.worldcheck import check_world_file, read_world_file

    failed = 0
    for file in files:
        problems = check_world_file(file)
        for problem in problems:
            errors.print(str(problem), highlight=False, soft_wrap=True, markup=False)
        if problems:
            failed += 1
            continue
        data, _, _ = read_world_file(file)
        counts = ", ".join(
            f"{len(data.get(key, []))} {key}" for key in ("users", "calendars", "acl", "events")
        )
        console.print(f"{file}: ok ({counts})", highlight=False, soft_wrap=True, markup=False)
    if failed:
        raise typer.Exit(1)
