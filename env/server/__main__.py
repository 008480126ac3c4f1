"""``python -m env.server --transport http --port 8765``: the ``serve`` command without the console script."""

import typer

from env.cli import serve

if __name__ == "__main__":
    typer.run(serve)
