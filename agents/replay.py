"""Record a model's assistant messages per episode, and replay them without calling the model.

A recording is JSONL, one line per episode::

    {"task_id": "create-01-natural", "seed": 0, "arm": "raw", "messages": [<AIMessage>, ...],
     "family": "...", "variant": "...", "usage": {...}, "outcome": {"passed": true, ...}}

where each message is either ``langchain_core.messages.message_to_dict`` output
(``{"type": "ai", "data": {...}}``) or the short form ``{"content": "...", "tool_calls": [...]}``.
Only ``task_id`` and ``messages`` are required. ``arm`` keeps the two arms of a pair apart (a real model
answers the guards' structured errors differently from raw tool errors); ``outcome`` is what the graded
episode scored when it was recorded.

Replay is open-loop: it returns the recorded messages in order whatever the tools answer. Replayed in
its own arm, an episode reproduces exactly as long as the world and the guards answer as they did;
replayed in the other arm (``ReplayFactory(path, arm="raw")`` in a guarded run) it shows what the guards
make of the calls a real model wrote raw. When the recording runs out it answers with the last text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, message_to_dict, messages_from_dict
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.base import AgentFactory, EpisodeSpec, EpisodeUsage
from agents.scripted import ScriptedChatModel
from agents.wrapped import WrappedChatModel


class RecordingError(ValueError):
    """A recording file that cannot be read (the message names file and line)."""


class EpisodeRecording(BaseModel):
    """One line of a recording file."""

    model_config = ConfigDict(extra="ignore")

    task_id: str
    seed: int | None = None
    arm: str | None = None
    family: str | None = None
    variant: str | None = None
    messages: list[dict[str, Any]] = Field(default_factory=list)
    usage: dict[str, Any] | None = None
    outcome: dict[str, Any] | None = None

    def ai_messages(self) -> list[AIMessage]:
        return [message_from_record(record) for record in self.messages]


def message_from_record(record: dict[str, Any]) -> AIMessage:
    """An ``AIMessage`` from either a ``message_to_dict`` dict or the short ``{content, tool_calls}``."""
    if "type" in record and "data" in record:
        message = messages_from_dict([record])[0]
        if not isinstance(message, AIMessage):
            raise RecordingError(f"recorded message of type {record['type']!r} is not an assistant message")
        return message
    calls = [
        {
            "name": call["name"],
            "args": call.get("args", call.get("arguments", {})),
            "id": call.get("id") or f"replay-{index}",
            "type": "tool_call",
        }
        for index, call in enumerate(record.get("tool_calls") or [])
    ]
    return AIMessage(content=record.get("content", ""), tool_calls=calls)


def message_to_record(message: AIMessage) -> dict[str, Any]:
    """The dict a recording stores for one assistant message (``message_to_dict``, minus noise)."""
    record = message_to_dict(message)
    record["data"].pop("response_metadata", None)
    return record


def load_recordings(path: str | Path) -> list[EpisodeRecording]:
    """Every episode in a JSONL recording file."""
    recordings: list[EpisodeRecording] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                recordings.append(EpisodeRecording.model_validate_json(line))
            except ValidationError as error:
                raise RecordingError(f"{path}:{number}: not an episode recording: {error}") from error
    return recordings


def append_recording(
    path: str | Path,
    task_id: str,
    messages: Iterable[BaseMessage],
    *,
    seed: int | None = None,
    **fields: Any,
) -> None:
    """Append one episode (its assistant messages; other messages are skipped) to a JSONL file.

    ``fields`` are further :class:`EpisodeRecording` fields (``arm``, ``family``, ``usage``, ``outcome``).
    """
    records = [message_to_record(m) for m in messages if isinstance(m, AIMessage)]
    line = {"task_id": task_id, "seed": seed, **{k: v for k, v in fields.items() if v is not None}}
    line["messages"] = records
    with _WRITE_LOCK, Path(path).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")


_WRITE_LOCK = threading.Lock()


class ReplayChatModel(ScriptedChatModel):
    """Returns recorded assistant messages in order."""

    recorded: list[AIMessage]
    position: int = 0

    @property
    def _llm_type(self) -> str:
        return "replay"

    def next_message(self, messages: list[BaseMessage]) -> AIMessage:
        if self.position < len(self.recorded):
            message = self.recorded[self.position]
            self.position += 1
            return message.model_copy(deep=True)
        texts = [m.text for m in self.recorded if not m.tool_calls and m.text]
        return AIMessage(content=texts[-1] if texts else "")


class ReplayFactory:
    """``replay:<file>``: episodes are looked up by task id, arm and seed.

    A recording made in one arm serves that arm only (arm-less recordings serve both); ``arm`` makes
    every episode replay that arm's recordings instead. The seed narrows the choice when a task was
    recorded with several; without a match any recording of the task (and arm) is used.
    """

    def __init__(self, path: str | Path, *, arm: str | None = None) -> None:
        self.path = Path(path)
        self.arm = arm
        self.recordings = load_recordings(self.path)
        self._by_key: dict[tuple[str, str | None, int | None], EpisodeRecording] = {}
        for recording in self.recordings:
            self._by_key.setdefault((recording.task_id, recording.arm, recording.seed), recording)
            self._by_key.setdefault((recording.task_id, recording.arm, None), recording)

    def lookup(self, task_id: str, arm: str | None, seed: int | None) -> EpisodeRecording | None:
        """The recording that serves ``task_id`` in ``arm`` with ``seed``, if any."""
        wanted = self.arm or arm
        keys = [(task_id, wanted, seed), (task_id, wanted, None)]
        keys += [(task_id, None, seed), (task_id, None, None)]
        for key in keys:
            if key in self._by_key:
                return self._by_key[key]
        return None

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        recording = self.lookup(spec.task_id, spec.arm, seed)
        if recording is None:
            arm = self.arm or spec.arm
            raise RecordingError(
                f"{self.path}: no recorded episode for task {spec.task_id!r}" + (f" ({arm})" if arm else "")
            )
        return ReplayChatModel(recorded=recording.ai_messages())


class RecordingChatModel(WrappedChatModel):
    """Wraps a model and writes the episode's assistant messages to a JSONL file.

    By default the episode is written at its final answer. With ``flush_on_answer=False`` the owner
    calls :meth:`finish_recording` when the episode is over (also one that a budget ended before any
    answer), with the graded outcome.
    """

    path: Path
    task_id: str
    seed: int | None = None
    spec: EpisodeSpec | None = None
    flush_on_answer: bool = True
    produced: list[AIMessage] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "recording"

    @property
    def usage(self) -> EpisodeUsage | None:
        """The wrapped model's accounting, when it keeps one."""
        usage = getattr(self.inner, "usage", None)
        return usage if isinstance(usage, EpisodeUsage) else None

    def _finish(self, reply: Any, latency: float) -> ChatResult:
        if not isinstance(reply, AIMessage):
            raise TypeError(f"the wrapped model returned {type(reply).__name__}, not an AIMessage")
        self.produced.append(reply)
        if self.flush_on_answer and not reply.tool_calls:
            self.flush()
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def flush(self, outcome: dict[str, Any] | None = None) -> None:
        """Write what was produced so far (at the final answer, unless ``flush_on_answer`` is off)."""
        if not self.produced:
            return
        spec = self.spec
        usage = self.usage
        append_recording(
            self.path,
            self.task_id,
            self.produced,
            seed=self.seed,
            arm=spec.arm if spec else None,
            family=spec.family if spec else None,
            variant=spec.variant if spec else None,
            usage=asdict(usage) if usage is not None else None,
            outcome=outcome,
        )
        self.produced = []

    def finish_recording(self, outcome: dict[str, Any]) -> None:
        """Write the episode with its graded ``outcome`` (``passed``, ``failure_kind``, ...)."""
        self.flush(outcome)


class RecordingFactory:
    """Wraps another factory so that every episode it serves is appended to ``path``."""

    def __init__(self, inner: AgentFactory, path: str | Path, *, flush_on_answer: bool = True) -> None:
        self.inner = inner
        self.path = Path(path)
        self.flush_on_answer = flush_on_answer

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        model = self.inner(spec, seed=seed, env=env)
        return RecordingChatModel(
            inner=model,
            path=self.path,
            task_id=spec.task_id,
            seed=seed,
            spec=spec,
            flush_on_answer=self.flush_on_answer,
        )
