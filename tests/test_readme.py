"""Every runnable Python example in the README runs as written.

Blocks fenced as ``python notest`` (a real provider model, a long-running command) are skipped by
design. Blocks of one ``##`` section share a namespace, in order, as a reader would run them. Examples
that talk to a server get real servers on free loopback ports; the documented ports are rewritten.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import mcp_server, openenv_server

README = Path(__file__).resolve().parents[1] / "README.md"


def sections() -> list[tuple[str, list[tuple[int, str]]]]:
    text = README.read_text(encoding="utf-8")
    found: list[tuple[str, list[tuple[int, str]]]] = []
    for section in re.split(r"\n(?=## )", text):
        blocks = [
            (text[: text.index(m.group(2))].count("\n") + 1, m.group(2))
            for m in re.finditer(r"```(python[^\n]*)\n(.*?)```", section, re.S)
            if "notest" not in m.group(1)
        ]
        if blocks:
            found.append((section.splitlines()[0].lstrip("# ").strip(), blocks))
    return found


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    with openenv_server() as (openenv_url, _), mcp_server() as mcp_url:
        yield {
            "http://127.0.0.1:8000": openenv_url,
            "http://127.0.0.1:8765/mcp": mcp_url,
        }


PUBLIC_ENTRY_POINTS = [
    "Guard(",
    "load_pack(",
    "CalendarEnv(",
    "MCPEnvClient(",
    "normalize_datetime(",
    "extract_datetimes(",
    "classify(",
    "execute_with_retry(",
    "build_guarded_agent(",
    "build_raw_agent(",
    "GuardedToolNode(",
    "GuardMiddleware(",
    "guard_tools(",
    "build_agent_factory(",
    "RecordingFactory(",
]


def test_every_public_entry_point_has_a_runnable_example() -> None:
    runnable = "\n".join(code for _, blocks in sections() for _, code in blocks)
    missing = [name for name in PUBLIC_ENTRY_POINTS if name not in runnable]
    assert not missing


@pytest.mark.parametrize(("title", "blocks"), sections(), ids=[t for t, _ in sections()])
def test_readme_examples_run(
    title: str,
    blocks: list[tuple[int, str]],
    servers: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # examples may write files (a recording, results/)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for line, code in blocks:
        for documented, actual in servers.items():
            code = code.replace(documented, actual)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"{README}:{line}", "exec"), namespace)
        assert "Traceback" not in printed.getvalue()
