"""The order in which a call's references are resolved."""

from __future__ import annotations

from guards.pack import ReferenceSpec


def ordered_references(references: dict[str, ReferenceSpec]) -> list[tuple[str, ReferenceSpec]]:
    """References sorted so that those another one's lookup passes through come first."""
    ordered: list[str] = []

    def visit(pattern: str, trail: tuple[str, ...]) -> None:
        if pattern in ordered or pattern in trail:
            return
        for dependency in references[pattern].lookup.pass_args:
            if dependency in references:
                visit(dependency, (*trail, pattern))
        ordered.append(pattern)

    for pattern in references:
        visit(pattern, ())
    return [(pattern, references[pattern]) for pattern in ordered]
