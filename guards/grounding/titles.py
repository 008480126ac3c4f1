"""A title the user gave in quotes is the title written.

"Book 'Vendor pitch' with them at the earliest free time": the new event's title is the text the user
quoted (quoted text is a title the user is giving, as :mod:`guards.resolve.user_words` reads it). For a
tool the pack lists in ``titles`` (tool -> title field), when the user's messages quote exactly one
phrase that names no other thing (not next to the word of a kind the call refers to, as in "a 'Cold
Chain Pilot' calendar", nor resolved as one of its references, as in "the calendar I call 'Big
magnet'"), a title that does not contain that phrase (case, spacing and punctuation aside) is
blocked: ``validation_error`` (reason ``title_not_as_said``) with the quoted phrase as
``details.use_value``. A call without the field, or a conversation that quotes nothing or several
phrases, is left alone. Never a repair: the agent may know a better title.
"""

from __future__ import annotations

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.resolve.matching import KIND_FILLER, words
from guards.resolve.user_words import QUOTED, names_a_thing
from guards.schema.stages import field_error


def check_quoted_title(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a title that leaves out the one phrase the user quoted (see the module docstring)."""
    pack = catalog.pack
    field = pack.titles.get(call.tool_name)
    if field is None or not isinstance(call.args, dict):
        return
    title = call.args.get(field)
    if not isinstance(title, str):
        return
    kinds = {spec.kind for spec in pack.references_for(call.tool_name).values()}
    kind_words = {word for kind in kinds for word in KIND_FILLER.get(kind, frozenset()) | {kind}}
    # A quote the call resolved as a reference ("the calendar I call 'Big magnet'") names a thing.
    references = {str(i.before).strip().lower() for i in call.interventions if isinstance(i.before, str)}
    quoted = {
        _title_of(match.group(0))
        for m in ctx.user_messages
        for match in QUOTED.finditer(m)
        if not names_a_thing(m, match, kind_words)
    }
    quoted = {phrase for phrase in quoted if phrase and phrase.lower() not in references}
    if len(quoted) != 1:
        return
    (said,) = quoted
    if " ".join(words(said)) in " ".join(words(title)) or not words(said):
        return
    error = field_error(
        call.tool_name,
        catalog,
        field,
        expected_type=f"the title the user gave ({said!r})",
        message=f"{field} {title!r} leaves out {said!r}, the title the user gave",
        reason="title_not_as_said",
        hint=f"Send {field} {said!r}, as the user wrote it.",
        received=title,
        expected=said,
        use_value=said,
    )
    raise Blocked(error)


def _title_of(quoted: str) -> str:
    return quoted[1:-1].strip()
