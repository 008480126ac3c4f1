"""Error profiles: how often a simulated agent makes each mistake, and how well it recovers.

A profile is a YAML file (``agents/profiles/<name>.yaml``, or any path)::

    name: calibrated
    description: ...
    variants:
      explicit: {scale: 1.0, rates: {name_for_id: 0.01, naive_datetime: 0.04, ...}}
      natural:  {scale: 1.0, rates: {name_for_id: 0.30, natural_datetime: 0.12, ...}}
    fix: {pinpoint: 0.9, field: 0.65, generic: 0.25}
    budget: {reasks_per_call: 2, reasks_total: 4}

``rates`` are per-opportunity probabilities (see :mod:`agents.operators` for the operators and where each
applies); the effective rate is ``min(1, scale * rate)``, so calibration fits one ``scale`` per variant.
``operators`` names the mistake model the rates are for (:mod:`agents.operator_sets`): ``calibrated``
(the default) or ``independent`` (:mod:`agents.independent`).
``fix`` is the probability that, after an error, the agent restores the field the error names,
by how specific the error is: ``pinpoint`` (names the field and shows an example, suggestions or
candidates), ``field`` (names the field only), ``generic`` (names nothing). ``budget`` bounds the
re-asks (calls re-sent after an error) per call and per episode before the agent gives up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from agents.base import AgentSpecError
from agents.operator_sets import OPERATOR_SETS

PROFILES_DIR = Path(__file__).parent / "profiles"

Specificity = Literal["pinpoint", "field", "generic"]


class VariantRates(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scale: float = Field(default=1.0, ge=0.0)
    rates: dict[str, float] = Field(default_factory=dict)

    @field_validator("rates")
    @classmethod
    def _rates_in_range(cls, rates: dict[str, float]) -> dict[str, float]:
        bad = {name: rate for name, rate in rates.items() if not 0.0 <= rate <= 1.0}
        if bad:
            raise ValueError(f"rates must lie in [0, 1]: {bad}")
        return rates

    def effective(self) -> dict[str, float]:
        """Operator -> probability per opportunity, after scaling."""
        return {name: min(1.0, rate * self.scale) for name, rate in self.rates.items()}


class FixRates(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pinpoint: float = Field(ge=0.0, le=1.0)
    field: float = Field(ge=0.0, le=1.0)
    generic: float = Field(ge=0.0, le=1.0)

    def of(self, specificity: Specificity) -> float:
        return float(getattr(self, specificity))


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reasks_per_call: int = Field(default=2, ge=0)
    reasks_total: int = Field(default=4, ge=0)


class Variants(BaseModel):
    model_config = ConfigDict(extra="forbid")

    explicit: VariantRates
    natural: VariantRates


class Profile(BaseModel):
    """One simulated agent's error distribution and recovery behaviour."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    operators: str = "calibrated"
    variants: Variants
    fix: FixRates
    budget: Budget = Field(default_factory=Budget)

    @model_validator(mode="after")
    def _known_operators(self) -> Profile:
        if self.operators not in OPERATOR_SETS:
            raise ValueError(f"unknown operator set {self.operators!r}; known: {sorted(OPERATOR_SETS)}")
        known = OPERATOR_SETS[self.operators].operators
        for variant in (self.variants.explicit, self.variants.natural):
            unknown = sorted(set(variant.rates) - set(known))
            if unknown:
                raise ValueError(
                    f"unknown error operators {unknown} for operator set {self.operators!r}; "
                    f"known: {sorted(known)}"
                )
        return self

    def rates(self, variant: str) -> dict[str, float]:
        """Effective per-opportunity rates for ``explicit`` or ``natural``."""
        rates: VariantRates = getattr(self.variants, variant)
        return rates.effective()

    def with_scales(self, explicit: float, natural: float) -> Profile:
        """A copy with new per-variant scale factors (what calibration searches over)."""
        copy = self.model_copy(deep=True)
        copy.variants.explicit.scale = explicit
        copy.variants.natural.scale = natural
        return copy


def available_profiles(profile_dir: str | Path | None = None) -> list[str]:
    """Profile names found in the bundled directory (and ``profile_dir``)."""
    dirs = [PROFILES_DIR] + ([Path(profile_dir)] if profile_dir else [])
    return sorted({path.stem for d in dirs if d.is_dir() for path in d.glob("*.yaml")})


def load_profile(name_or_path: str | Path, profile_dir: str | Path | None = None) -> Profile:
    """Load a profile by bundled name (``calibrated``), from ``profile_dir``, or from a YAML path."""
    candidates = [Path(name_or_path)]
    if profile_dir is not None:
        candidates.append(Path(profile_dir) / f"{name_or_path}.yaml")
    candidates.append(PROFILES_DIR / f"{name_or_path}.yaml")
    path = next((c for c in candidates if c.is_file()), None)
    if path is None:
        known = ", ".join(available_profiles(profile_dir)) or "none"
        raise AgentSpecError(f"no simulated-agent profile {str(name_or_path)!r} (known: {known})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Profile.model_validate(data)
    except yaml.YAMLError as error:
        raise AgentSpecError(f"{path}: not valid YAML: {error}") from error
    except ValidationError as error:
        raise AgentSpecError(f"{path}: not a valid profile: {error}") from error
