"""An ID the user wrote for a field is the one the call must use.

"Create 'Ward round debrief' on calendar c_2f04…": the user gave the calendar's ID. A write whose
calendar (or event, or sharing rule) is another ID, one the user's words never contain, contradicts
them, however valid that other ID is: it is a ``contradicts_user_words`` naming the user's ID. Only an
ID the user wrote right after the field's kind word counts ("calendar c_2f04…", "event 6rnuc…"; a kind
of several words is written as words, "ACL rule user:priya@…" for ``acl_rule``), an ID being a token
with a digit, an ``@`` or an ``_``, or one scoped by a type prefix ("user:priya@…", "domain:acme.com"),
only when they wrote exactly one for that kind (a move "from calendar A to calendar B" names two),
only for a field that is not an entry of a list, and only when no other field of the call already
carries it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import iter_paths
from guards.resolve.errors import contradiction_error
from guards.resolve.user_words import strings_in

# An ID may be scoped by a type prefix: Google's sharing rules are "user:priya@…", "domain:acme.com".
_ID_TOKEN = r"((?:[A-Za-z]+:)?[A-Za-z0-9][\w.@\-]{4,}[A-Za-z0-9])"


def check_written_ids(call: PendingCall, ctx: GuardContext, pack: DomainPack) -> None:
    """Block a write whose reference field contradicts the one ID the user wrote for it."""
    if not pack.is_write(call.tool_name) or not ctx.user_messages or not isinstance(call.args, dict):
        return
    text = "\n".join(ctx.user_messages)
    lowered = text.lower()
    used = {value.lower() for value in strings_in(call.args)}
    for pattern, spec in pack.references_for(call.tool_name).items():
        if "[" in pattern:
            continue
        written = ids_written_for(spec, ctx.user_messages)
        if len(written) != 1:
            continue
        (target,) = written
        for path, value in iter_paths(call.args, pattern):
            if not isinstance(value, str) or value in spec.aliases or value.lower() in lowered:
                continue
            if target.lower() in used:
                continue
            message = (
                f"{value!r} in {path!r} is not the {spec.kind} the user wrote: they gave {spec.kind} "
                f"{target}."
            )
            raise Blocked(contradiction_error(call, path, value, spec, value, target, target, message))


def ids_written_for(spec: ReferenceSpec, messages: Sequence[str]) -> list[str]:
    """The ID-shaped tokens the user wrote right after the kind word ("calendar c_2f04…")."""
    found: list[str] = []
    pattern = _after_kind_word(spec.kind)
    for message in messages:
        for match in pattern.finditer(message):
            token = match.group(1)
            if _id_shaped(token, spec) and token not in found:
                found.append(token)
    return found


@lru_cache(maxsize=64)
def _after_kind_word(kind: str) -> re.Pattern[str]:
    # A kind of several words ("acl_rule") is written as words: "ACL rule", "acl-rule".
    kind_words = r"[\s_\-]+".join(re.escape(part) for part in re.split(r"[\s_\-]+", kind) if part)
    return re.compile(rf"\b{kind_words}\s+(?:id\s+)?{_ID_TOKEN}", re.IGNORECASE)


def _id_shaped(token: str, spec: ReferenceSpec) -> bool:
    """An ID, not a word: it has a digit, an ``@``, an ``_`` or a type prefix (``domain:``), or the
    reference's ID pattern matches."""
    if spec.id_pattern and re.search(spec.id_pattern, token):
        return True
    return any(ch.isdigit() or ch in "@_:" for ch in token) and not token.isdigit()
