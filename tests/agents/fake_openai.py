"""A real OpenAI-compatible HTTP server on 127.0.0.1 that plays a scripted model.

It lets the tests drive ``langchain_openai.ChatOpenAI`` (the client a user points at llama.cpp, vLLM or
Ollama) over the wire, see exactly what reaches a server (temperature, seed, tools, messages), and
reproduce the failure modes of local servers: tools dropped from the prompt, HTTP 500 on an assistant
message with ``content: null``, slow replies.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = dict[str, Any]  # {"content": str} and/or {"tool_calls": [(name, args), ...]}


def call(name: str, **args: Any) -> Reply:
    """A reply with one native tool call."""
    return {"tool_calls": [(name, args)]}


@dataclass
class FakeServer:
    """What the server answers (``script(request_body) -> reply``) and what it saw."""

    script: Callable[[dict[str, Any]], Reply]
    drop_tools: bool = False
    reject_null_content: bool = False
    ignore_max_tokens: bool = False
    delay_s: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def prompt_tokens(self, body: dict[str, Any]) -> int:
        """A stand-in for tokenization: four characters a token, tools included unless dropped."""
        shown = dict(body)
        if self.drop_tools:
            shown.pop("tools", None)
        return len(json.dumps(shown.get("messages", [])) + json.dumps(shown.get("tools", []))) // 4

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append(body)
        if self.reject_null_content and any(
            m.get("role") == "assistant" and m.get("content") is None for m in body.get("messages", [])
        ):
            error = {"message": "'NoneType' object is not subscriptable", "type": "server_error"}
            return 500, {"error": error}
        if self.delay_s:
            time.sleep(self.delay_s)
        reply = self.script(body)
        message: dict[str, Any] = {"role": "assistant", "content": reply.get("content")}
        calls = reply.get("tool_calls") or []
        if calls:
            message["tool_calls"] = [
                {"id": f"call_{i}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
                for i, (n, a) in enumerate(calls)
            ]
        produced = 7 if self.ignore_max_tokens else min(7, int(body.get("max_tokens") or 7))
        usage = {"prompt_tokens": self.prompt_tokens(body), "completion_tokens": produced}
        usage["total_tokens"] = usage["prompt_tokens"] + produced
        return 200, {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
            "usage": usage,
        }


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            status, payload = server.answer(body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

    return Handler


@contextmanager
def serve(server: FakeServer) -> Iterator[FakeServer]:
    """Run ``server`` on a free port of 127.0.0.1 for the duration of the block."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
