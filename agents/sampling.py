"""Sampling settings for real models, applied the same way in both arms of a pair.

A raw/guarded pair only isolates the guards when both arms sample alike: the same temperature and, where
the provider supports one, the same seed (the episode's seed, which both arms share). Chat models differ
in which settings they accept, so :func:`apply_sampling` sets only the ones the model declares and says
which those were: a report can then tell a paired difference from sampling noise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

# The field that holds each setting, by provider class (LangChain has no common name for all of them).
_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "temperature": ("temperature",),
    "seed": ("seed", "random_seed"),
    "max_tokens": ("max_tokens", "max_completion_tokens", "num_predict", "max_output_tokens"),
}


@dataclass(frozen=True)
class Sampling:
    """What the runner asks for: ``None`` leaves the provider's default; ``seed`` sends the episode seed."""

    temperature: float | None = None
    seed: bool = False
    max_tokens: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _field_for(model: BaseChatModel, setting: str) -> str | None:
    fields = type(model).model_fields
    return next((name for name in _FIELD_NAMES[setting] if name in fields), None)


def honoured_settings(model: BaseChatModel, sampling: Sampling) -> dict[str, bool]:
    """For each setting that was asked for, whether this chat model has a field that takes it."""
    requested = {
        "temperature": sampling.temperature is not None,
        "seed": sampling.seed,
        "max_tokens": sampling.max_tokens is not None,
    }
    return {name: _field_for(model, name) is not None for name, asked in requested.items() if asked}


def apply_sampling(model: BaseChatModel, sampling: Sampling, *, episode_seed: int) -> BaseChatModel:
    """A copy of ``model`` with the requested settings on the fields it has (the others are not sent)."""
    values: dict[str, Any] = {
        "temperature": sampling.temperature,
        "seed": episode_seed if sampling.seed else None,
        "max_tokens": sampling.max_tokens,
    }
    update: dict[str, Any] = {}
    for setting, value in values.items():
        name = _field_for(model, setting)
        if value is not None and name is not None:
            update[name] = value
    if sampling.max_tokens is not None and _is_openai_compatible_server(model):
        # langchain-openai sends the limit as max_completion_tokens, which local servers (llama-cpp-python)
        # ignore; they read the older max_tokens. OpenAI itself refuses both at once, so only elsewhere.
        extra = dict(getattr(model, "extra_body", None) or {})
        update["extra_body"] = {**extra, "max_tokens": sampling.max_tokens}
    return model.model_copy(update=update) if update else model


def _is_openai_compatible_server(model: BaseChatModel) -> bool:
    base = getattr(model, "openai_api_base", None)
    return "extra_body" in type(model).model_fields and bool(base) and "api.openai.com" not in str(base)
