"""One attempt of a simulated agent at one plan step: the call it means, and the mistakes in it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agents.emitted import EmittedArgs
from agents.perturb import Perturbation, apply_perturbations
from guards.paths import set_path


@dataclass
class Attempt:
    """``args`` are the values the agent means to send (the gold ones, a careless plan's, or advice it
    took); ``perturbations`` are the mistakes it makes in them on the wire."""

    step: int | None
    tool: str
    args: dict[str, Any]
    perturbations: list[Perturbation]
    deferred: set[int] = field(default_factory=set)
    reasks: int = 0
    apply: Callable[[str, dict[str, Any], list[Perturbation]], tuple[str, EmittedArgs]] = apply_perturbations

    def emitted(self) -> tuple[str, EmittedArgs]:
        return self.apply(self.tool, self.args, self.perturbations)

    def take(self, path: str, value: Any) -> None:
        """Mean ``value`` at ``path`` from now on; the mistakes made there go with the old value."""
        self.perturbations[:] = [p for p in self.perturbations if not p.names(path)]
        set_path(self.args, path, value)
