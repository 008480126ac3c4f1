"""The idempotency key: a client-chosen ID that makes a retried write safe.

A keyed write (``pack.idempotency``, e.g. ``events_insert.id``) without an ID gets one derived from the
call, so retrying it after a timeout is rejected as a duplicate instead of applied twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from guards.call import PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.paths import get_path, set_path
from guards.verdict import InterventionKind

IDEMPOTENCY_KEY_LENGTH = 26


def add_idempotency_key(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Give a keyed write (``pack.idempotency``) a client-chosen ID when it has none.

    The key is a hash of the session seed, the tool and its final arguments: checking the same call
    twice yields the same key, so a repeat after an "applied but timed out" failure is rejected as a
    duplicate (two identical inserts in one episode are, deliberately, one).
    """
    key_field = catalog.pack.idempotency.get(call.tool_name)
    if key_field is None or not isinstance(call.args, dict):
        return
    if get_path(call.args, key_field, None) not in (None, ""):
        return
    key = idempotency_key(call.tool_name, call.args, ctx.session.seed, catalog.pack.idempotency_alphabet)
    set_path(call.args, key_field, key, create=True)
    call.record(
        InterventionKind.IDEMPOTENCY_KEY,
        key_field,
        None,
        key,
        "client-chosen id so a retried write cannot be applied twice",
    )


def idempotency_key(tool_name: str, args: dict[str, Any], seed: int, alphabet: str) -> str:
    """A deterministic key of :data:`IDEMPOTENCY_KEY_LENGTH` characters drawn from ``alphabet``."""
    canonical = json.dumps([seed, tool_name, args], sort_keys=True, default=str)
    number = int.from_bytes(hashlib.sha256(canonical.encode()).digest(), "big")
    chars = []
    for _ in range(IDEMPOTENCY_KEY_LENGTH):
        number, index = divmod(number, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)
