"""Record a model's assistant messages per episode, and replay them without calling the model.

A recording is JSONL, one line per episode::

    {"task_id": "create-01-natural", "seed": 0, "messages": [<AIMessage>, ...]}

where each message is either ``langchain_core.messages.message_to_dict`` output
(``{"type": "ai", "data": {...}}``) or the short form ``{"content": "...", "tool_calls": [...]}``.
Replay is open-loop: it returns the recorded messages in order whatever the tools answer, so a real
model's trajectory can be re-scored raw and guarded. When the recording runs out it answers with the
last recorded text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
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
    messages: list[dict[str, Any]] = Field(default_factory=list)

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
    path: str | Path, task_id: str, messages: Iterable[BaseMessage], *, seed: int | None = None
) -> None:
    """Append one episode (its assistant messages; other messages are skipped) to a JSONL file."""
    records = [message_to_record(m) for m in messages if isinstance(m, AIMessage)]
    line = json.dumps({"task_id": task_id, "seed": seed, "messages": records}, ensure_ascii=False)
    with _WRITE_LOCK, Path(path).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


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
    """``replay:<file>``: episodes are looked up by task id (and seed, when recorded with several)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._by_key: dict[tuple[str, int | None], EpisodeRecording] = {}
        for recording in load_recordings(self.path):
            self._by_key.setdefault((recording.task_id, recording.seed), recording)
            self._by_key.setdefault((recording.task_id, None), recording)

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        recording = self._by_key.get((spec.task_id, seed)) or self._by_key.get((spec.task_id, None))
        if recording is None:
            raise RecordingError(f"{self.path}: no recorded episode for task {spec.task_id!r}")
        return ReplayChatModel(recorded=recording.ai_messages())


class RecordingChatModel(WrappedChatModel):
    """Wraps a model and writes the episode's assistant messages to a JSONL file at its final answer."""

    path: Path
    task_id: str
    seed: int | None = None
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
        if not reply.tool_calls:
            self.flush()
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def flush(self) -> None:
        """Write what was produced so far (called automatically at the final answer)."""
        if self.produced:
            append_recording(self.path, self.task_id, self.produced, seed=self.seed)
            self.produced = []


class RecordingFactory:
    """Wraps another factory so that every episode it serves is appended to ``path``."""

    def __init__(self, inner: AgentFactory, path: str | Path) -> None:
        self.inner = inner
        self.path = Path(path)

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        model = self.inner(spec, seed=seed, env=env)
        return RecordingChatModel(inner=model, path=self.path, task_id=spec.task_id, seed=seed)
