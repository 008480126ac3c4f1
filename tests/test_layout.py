"""The package layout rules: no import cycles in ``guards``, few top-level modules, small modules.

Imports are read from the source (``ast``), including imports inside functions and under
``TYPE_CHECKING``: a lazy import that closes a circle is still a circle. ``from pkg import name`` counts
as importing ``pkg.name`` when that is a module, else ``pkg`` itself; importing ``a.b.c`` also runs the
``__init__`` of ``a.b``, so it counts as importing that package too (unless the importer lives inside it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("guards", "agents", "env", "evals")
MAX_LINES = 400
MAX_TOP_LEVEL_GUARDS_MODULES = 12
REASON_MARKER = "Longer than 400 lines because"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str) -> dict[str, Path]:
    return {module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


def imports_of(path: Path, known: dict[str, Path], package: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in known else node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
    del package


def with_parent_packages(dep: str, importer: str, known: dict[str, Path]) -> set[str]:
    """``dep`` plus the packages whose ``__init__`` importing it runs (not the importer's own)."""
    found = {dep}
    parts = dep.split(".")
    for cut in range(1, len(parts)):
        parent = ".".join(parts[:cut])
        if parent in known and not (importer == parent or importer.startswith(parent + ".")):
            found.add(parent)
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    known = modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        deps: set[str] = set()
        for dep in imports_of(path, known, package):
            if dep in known:
                deps |= with_parent_packages(dep, name, known)
        graph[name] = deps - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_lazy_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_importing_a_submodule_counts_as_importing_other_packages_on_the_way() -> None:
    known = {name: Path() for name in ("g", "g.resolve", "g.resolve.matching", "g.lookups")}
    from_outside = with_parent_packages("g.resolve.matching", "g.lookups", known)
    assert from_outside == {"g.resolve.matching", "g.resolve"}
    from_inside = with_parent_packages("g.resolve.matching", "g.resolve.references", known)
    assert from_inside == {"g.resolve.matching"}


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycles(package: str) -> None:
    assert cycles(import_graph(package)) == []


def test_guards_keeps_few_modules_at_the_top() -> None:
    top = [path.name for path in (ROOT / "guards").glob("*.py")]
    assert len(top) <= MAX_TOP_LEVEL_GUARDS_MODULES, sorted(top)


def test_guards_never_imports_env_and_env_never_imports_guards() -> None:
    for package, forbidden in (("guards", "env"), ("env", "guards")):
        for name, path in modules(package).items():
            deps = set(imports_of(path, {}, package))
            bad = sorted(dep for dep in deps if dep == forbidden or dep.startswith(forbidden + "."))
            assert not bad, f"{name} imports {bad}"


def long_modules() -> list[str]:
    too_long = []
    for folder in (*PACKAGES, "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > MAX_LINES and REASON_MARKER not in text[:2000]:
                too_long.append(str(path.relative_to(ROOT)))
    return too_long


def test_no_module_over_400_lines_without_a_reason_at_its_top() -> None:
    assert long_modules() == []


def test_the_readme_stays_short() -> None:
    """The README is the front page (400 lines at most); the manual in docs/ holds the rest."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 400, len(lines)


def test_the_readmes_example_pack_is_the_tested_one() -> None:
    """The complete pack shown in the README is the file the foreign-surface tests load, verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == (ROOT / "tests" / "guards" / "packs" / "graph_calendar.yaml").read_text(encoding="utf-8")
