"""Every runnable Python example in the README and the docs runs as written and prints what it shows.

The convention (also in ``docs/development.md``, "Examples are tested"):

* Every fenced ``python`` block runs. Blocks fenced as ``python notest`` (a real provider model, a
  server that runs until stopped) are shown only, by design.
* The blocks of one docs page, or of one ``##`` section of the README, share a namespace and run in
  order, as a reader would run them.
* Shown output is written as ``#>`` comments, at the end of the printing line (``print(x)  #> 42``)
  or on lines of their own below it. A group of ``#>`` lines shows everything the ``print`` calls
  written above it (since the previous group) printed, in the order printed; a print inside a loop or
  a function counts where the call is written. Output printed below the last group of a block that
  shows some is an error: a block shows all of its output or none of it.
* Whitespace runs compare equal (a long line may wrap over several ``#>`` lines, at its spaces), and
  ``...`` matches any text, as doctest's ``NORMALIZE_WHITESPACE`` and ``ELLIPSIS`` do.

Examples that talk to a server get real servers on free loopback ports; the documented ports are
rewritten. Examples run in a temporary directory (some write a recording or ``results/``).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import mcp_server, openenv_server

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
OUTPUT_MARK = "#>"
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+)(?P<info>[^`\n]*)$")


@dataclass(frozen=True)
class Block:
    """One runnable fenced block: its code and the line of the markdown file where the code starts."""

    path: Path
    line: int
    code: str

    @property
    def last_line(self) -> int:
        return self.line + self.code.count("\n")


@dataclass
class Group:
    """One run of ``#>`` lines: the file line it sits on and the output it shows."""

    line: int
    expected: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)


def fenced_blocks(path: Path, text: str) -> list[tuple[str, Block]]:
    """Every ``python`` fenced block (not ``notest``) with the ``##`` heading it sits under."""
    found: list[tuple[str, Block]] = []
    heading = ""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("## "):
            heading = line[3:].strip()
        opening = FENCE.match(line)
        if not opening:
            index += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].split()
        body: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip() != fence:
            body.append(lines[index][len(indent) :] if lines[index].startswith(indent) else lines[index])
            index += 1
        start = index - len(body) + 1  # 1-based line of the first code line
        index += 1
        if info[:1] == ["python"] and "notest" not in info[1:]:
            found.append((heading, Block(path, start, "\n".join(body) + "\n")))
    return found


def output_groups(block: Block) -> list[Group]:
    """The block's ``#>`` comments in file order; ``#>`` lines on consecutive lines form one group.

    Python's own tokenizer finds the comments, so a ``#>`` inside a string is not a mark.
    """
    lines = block.code.splitlines()
    groups: list[Group] = []
    previous_own_line = -2
    for token in tokenize.generate_tokens(io.StringIO(block.code).readline):
        if token.type != tokenize.COMMENT or not token.string.startswith(OUTPUT_MARK):
            continue
        row, column = token.start
        shown = token.string[len(OUTPUT_MARK) :].removeprefix(" ")
        own_line = not lines[row - 1][:column].strip()
        if own_line and row == previous_own_line + 1:
            groups[-1].expected.append(shown)
        else:
            groups.append(Group(block.line + row - 1, [shown]))
        previous_own_line = row if own_line else -2
    return groups


def normalized(text: str) -> str:
    return " ".join(text.split())


def shows(expected: str, printed: str) -> bool:
    """Whether ``printed`` is what ``expected`` shows (whitespace-normalised, ``...`` matches anything)."""
    pattern = ".*?".join(re.escape(part) for part in normalized(expected).split("..."))
    return re.fullmatch(pattern, normalized(printed), re.S) is not None


class PrintRecorder:
    """Stands in for ``print`` in an example's namespace; files each call under the line it is written on."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.calls: list[tuple[int, str]] = []

    def __call__(self, *values: Any, sep: str | None = " ", end: str | None = "\n", **_: Any) -> None:
        text = (" " if sep is None else sep).join(str(value) for value in values)
        self.calls.append((self.call_line(), text + ("\n" if end is None else end)))

    def call_line(self) -> int:
        """The line of this block from which the print was called (directly or through a function)."""
        frame = sys._getframe(2)
        filename = str(self.block.path)
        while frame is not None:
            if (
                frame.f_code.co_filename == filename
                and self.block.line <= frame.f_lineno <= self.block.last_line
            ):
                return frame.f_lineno
            frame = frame.f_back  # type: ignore[assignment]
        return self.block.last_line


def run_block(block: Block, namespace: dict[str, Any], rewrites: dict[str, str] | None = None) -> list[str]:
    """Run one block in ``namespace``; return a description of every shown output that differs."""
    code = block.code
    for documented, actual in (rewrites or {}).items():
        code = code.replace(documented, actual)
    recorder = PrintRecorder(block)
    namespace["print"] = recorder
    # Leading newlines make traceback and frame line numbers those of the markdown file.
    compiled = compile("\n" * (block.line - 1) + code, str(block.path), "exec")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compiled, namespace)
    groups = output_groups(block)
    if not groups:
        return []
    problems: list[str] = []
    for line, text in recorder.calls:
        group = next((g for g in groups if g.line >= line), None)
        if group is None:
            problems.append(f"{block.path.name}:{line}: printed below the last shown output: {text!r}")
        else:
            group.printed.append(text)
    for group in groups:
        expected, printed = "\n".join(group.expected), "".join(group.printed)
        if not shows(expected, printed):
            problems.append(
                f"{block.path.name}:{group.line}: shown output differs\n"
                f"--- shown\n{expected}\n--- printed\n{printed.rstrip()}"
            )
    return problems


def example_groups() -> list[tuple[str, list[Block]]]:
    """README: one group per ``##`` section; docs: one group per page."""
    groups: dict[str, list[Block]] = {}
    for path in DOC_FILES:
        name = path.relative_to(ROOT).as_posix()
        for heading, block in fenced_blocks(path, path.read_text(encoding="utf-8")):
            key = f"{name}::{heading}" if path.name == "README.md" else name
            groups.setdefault(key, []).append(block)
    return list(groups.items())


EXAMPLES = example_groups()


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    with openenv_server() as (openenv_url, _), mcp_server() as mcp_url:
        yield {
            "http://127.0.0.1:8000": openenv_url,
            "http://127.0.0.1:8765/mcp": mcp_url,
        }


# Each entry point a user starts from, as it appears in a call; the README shows the main ones,
# the docs every one.
README_ENTRY_POINTS = [
    "Guard(",
    "GuardContext(",
    "load_pack(",
    "CalendarEnv(",
    "MCPAction(",
    "MCPEnvClient(",
    "build_guarded_agent(",
    "build_raw_agent(",
    "GuardedToolNode(",
    "GuardMiddleware(",
    "guard_tools(",
    "build_agent_factory(",
    "EpisodeSpec(",
    '"ab"',
]
DOCS_ENTRY_POINTS = [
    *README_ENTRY_POINTS,
    "FaultConfig(",
    "generate_world(",
    "normalize_datetime(",
    "extract_datetimes(",
    "classify(",
    "execute_with_retry(",
    "feedback_message(",
    "RecordingFactory(",
    "GenericEnvClient(",
    "MCPToolClient(",
]


def test_the_docs_have_examples() -> None:
    names = {name.split("::")[0] for name, _ in EXAMPLES}
    assert "README.md" in names
    assert len([n for n in names if n.startswith("docs/")]) >= 8


def runnable_code(document: str) -> str:
    """All runnable blocks of the README (``document="README.md"``) or of the docs (``"docs/"``)."""
    return "\n".join(block.code for name, blocks in EXAMPLES if name.startswith(document) for block in blocks)


@pytest.mark.parametrize(
    ("document", "entry_points"), [("README.md", README_ENTRY_POINTS), ("docs/", DOCS_ENTRY_POINTS)]
)
def test_every_public_entry_point_has_a_runnable_example(document: str, entry_points: list[str]) -> None:
    code = runnable_code(document)
    assert [entry for entry in entry_points if entry not in code] == []


def heading_anchors(path: Path) -> set[str]:
    """The anchors MkDocs gives a page's headings (Python-Markdown's ``toc`` slugs of their text)."""
    from markdown.extensions.toc import slugify

    lines = path.read_text(encoding="utf-8").splitlines()
    inside_fence = False
    anchors = set()
    for line in lines:
        if FENCE.match(line):
            inside_fence = not inside_fence
        elif not inside_fence and re.match(r"#{1,6} ", line):
            anchors.add(slugify(line.lstrip("#").strip().replace("`", ""), "-"))
    return anchors


def test_readme_links_into_the_docs_resolve() -> None:
    """``mkdocs build --strict`` checks links between pages; the README's links into them are checked here."""
    links = re.findall(r"\]\((docs/[^)#]+)(?:#([^)]+))?\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert links
    for target, anchor in links:
        assert (ROOT / target).is_file(), target
        assert not anchor or anchor in heading_anchors(ROOT / target), f"{target}#{anchor}"


@pytest.mark.parametrize(("name", "blocks"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_examples_print_what_they_show(
    name: str,
    blocks: list[Block],
    servers: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    problems: list[str] = []
    for block in blocks:
        problems += run_block(block, namespace, servers)
    assert not problems, "\n\n".join(problems)


# The checker itself: a wrong shown output must fail, whatever the layout of the example.


def check(markdown: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "page.md"
    path.write_text(markdown, encoding="utf-8")
    namespace: dict[str, Any] = {}
    return [p for _, block in fenced_blocks(path, markdown) for p in run_block(block, namespace)]


def fence(code: str, info: str = "python") -> str:
    return f"Text.\n\n```{info}\n{code}```\n"


def test_checker_accepts_true_output_inline_below_and_wrapped(tmp_path: Path) -> None:
    code = (
        "print(1 + 1)  #> 2\n"
        "for word in ['a', 'b']:\n"
        "    print(word, {'key': 'a long value'})\n"
        "#> a {'key':\n"
        "#>    'a long value'}\n"
        "#> b ...\n"
    )
    assert check(fence(code), tmp_path) == []


def test_checker_rejects_a_wrong_output(tmp_path: Path) -> None:
    problems = check(fence("print(1 + 1)\n#> 3\n"), tmp_path)
    assert len(problems) == 1 and "shown output differs" in problems[0] and "printed\n2" in problems[0]


def test_checker_rejects_output_missing_from_a_group(tmp_path: Path) -> None:
    assert check(fence("print('a')\nprint('b')\n#> a\n"), tmp_path)


def test_checker_files_a_print_inside_a_function_under_its_line(tmp_path: Path) -> None:
    code = "def show():\n    print('inside')  #> inside\n\nshow()\nprint('after')\n#> after\n"
    assert check(fence(code), tmp_path) == []
    wrong = "def show():\n    print('inside')  #> outside\n\nshow()\n"
    assert check(fence(wrong), tmp_path)


def test_checker_follows_functions_defined_in_an_earlier_block(tmp_path: Path) -> None:
    first = fence("def show():\n    print('from the first block')\n")
    second = fence("show()\n#> from the first block\n")
    assert check(first + second, tmp_path) == []
    assert check(first + fence("show()\n#> from the second block\n"), tmp_path)


def test_checker_rejects_output_below_the_last_group(tmp_path: Path) -> None:
    problems = check(fence("print('shown')  #> shown\nprint('hidden')\n"), tmp_path)
    assert len(problems) == 1 and "below the last shown output" in problems[0]


def test_checker_only_runs_blocks_without_shown_output_and_skips_notest(tmp_path: Path) -> None:
    assert check(fence("print('anything')\n"), tmp_path) == []
    assert check(fence("raise SystemExit('never run')\n", "python notest"), tmp_path) == []
    with pytest.raises(ZeroDivisionError):
        check(fence("1 / 0\n"), tmp_path)


def test_checker_ignores_the_mark_inside_strings(tmp_path: Path) -> None:
    assert check(fence("print('#> not a mark')\n#> #> not a mark\n"), tmp_path) == []
    assert check(fence("print('a#b', '#>')  #> a#b #>\n"), tmp_path) == []
