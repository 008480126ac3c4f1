"""Resolve natural-language references ("my team's calendar", "Priya") to real IDs by looking them up.

For every argument the pack marks as a reference, in dependency order (an event's ``calendarId``
before its ``eventId``):

1. a value that is already a valid ID the acting user can see passes untouched (or a pack alias
   such as ``primary``; or, for directory references, an address outside the user's organisation);
2. otherwise the candidates are listed with the pack's lookup tool *as the acting user* and scored
   (:mod:`guards.resolve.matching`, plus time and people hints for events, :mod:`guards.resolve.event_hints`);
3. one clear winner (score >= :data:`THRESHOLD`, lead >= :data:`MARGIN`) replaces the value and is
   recorded; close candidates that the call's other arguments do not tell apart
   (:mod:`guards.resolve.tie_break`) block with ``ambiguous_reference``; nothing good blocks with
   ``not_found_error`` and the nearest suggestions (or the one other calendar the name is on,
   :mod:`guards.resolve.elsewhere`). Every listed candidate came from the user's own lookups, so
   nothing invisible to the user is ever revealed;
4. on writes, an ID the agent picked from a listing must not contradict the user's words
   (:mod:`guards.resolve.choice`), nor an ID they wrote (:mod:`guards.resolve.written_ids`), nor
   swap someone on the event for someone nobody mentioned (:mod:`guards.resolve.dropped`);
5. a name resolved must be what the user's words single out (:mod:`guards.resolve.user_words`):
   "Dana" with two Danas visible blocks ``ambiguous_reference`` unless a result singled one out.

A call that lacks an argument some reference's lookup needs is told so first, whatever else blocks
(:mod:`guards.resolve.missing_scope`).
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.lookups import (
    display_name,
    fetch_items,
    flagged_entry_id,
    item_id,
    item_names,
    lookup_args,
    split_names,
    watch_pack_writes,
)
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, iter_paths, set_path
from guards.placeholders import is_placeholder
from guards.resolve.addresses import (
    address_within_name,
    check_same_name_elsewhere,
    id_the_user_wrote,
    outside_directory,
)
from guards.resolve.choice import ListingChoice, alias_choice, check_listing_choices
from guards.resolve.dropped import check_dropped_people
from guards.resolve.elsewhere import found_elsewhere_error
from guards.resolve.errors import ambiguous_error, not_found_error, not_grounded_error
from guards.resolve.event_hints import SECONDARY_CAP, EventHints, hints_for, is_event_like, score_event
from guards.resolve.matching import (
    Decision,
    Scored,
    content_words,
    filler_for,
    names_exactly,
    rank,
    score_text,
    words,
)
from guards.resolve.misplaced import misplaced_reference_error
from guards.resolve.missing_scope import missing_scope_error
from guards.resolve.namesakes import break_tie_by_people_on_target, same_name_error
from guards.resolve.occurrences import check_one_occurrence
from guards.resolve.ordering import ordered_references
from guards.resolve.placeholder_fill import fill_placeholder
from guards.resolve.repeated import check_repeated_people
from guards.resolve.tie_break import break_tie_by_arguments
from guards.resolve.unmentioned import unmentioned_person_error
from guards.resolve.user_words import (
    break_tie_by_user_words,
    longer_name_error,
    note_people_on_target,
    other_values,
    said_word_for_word,
    singled_out,
    user_mention,
)
from guards.resolve.written_ids import check_written_ids
from guards.verdict import InterventionKind

THRESHOLD = 80.0
"""Minimum score to resolve: every reference word must be present in the name, typos allowed."""

MARGIN = 8.0
"""Minimum lead over the runner-up: below exact (100) vs containing (90), above two containing ones."""

MAX_QUERY_WORDS = 4
"""A search lookup is also asked for at most this many single words of the reference."""


def resolve_references(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """The resolve stage: replace reference values by IDs, or block with what the agent must decide."""
    if not isinstance(call.args, dict):
        return
    pack = catalog.pack
    check_written_ids(call, ctx, pack)
    if ctx.lookup is None:
        return
    watch_pack_writes(ctx, pack)
    choices: list[ListingChoice] = []
    try:
        for pattern, spec in ordered_references(pack.references_for(call.tool_name)):
            for path, value in list(iter_paths(call.args, pattern)):
                resolve_reference(call, ctx, pack, path, value, spec, choices)
    except Blocked as blocked:  # a lookup left unread for want of an argument: that comes first
        raise Blocked(missing_scope_error(call, ctx, catalog) or blocked.error) from None
    if pack.is_write(call.tool_name):
        check_listing_choices(call, ctx, choices, pack)
        check_dropped_people(call, ctx, pack)
        check_repeated_people(call, ctx, pack)


def resolve_reference(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    path: str,
    value: Any,
    spec: ReferenceSpec,
    choices: list[ListingChoice] | None = None,
) -> None:
    """Resolve the one value at concrete ``path`` (see the module docstring); a visible ID picked from
    a listing is added to ``choices`` for :func:`~guards.resolve.choice.check_listing_choices`."""
    if not isinstance(value, str) or not value.strip():
        return
    if is_placeholder(value, pack):
        fill_placeholder(call, ctx, pack, path, value, spec)
        return
    if any(get_path(call.args, arg, None) not in allowed for arg, allowed in spec.when.items()):
        return
    alias = _alias(value, spec, ctx, call, path)
    if alias is not None:
        if alias != value:
            _replace(call, ctx, spec, path, value, alias, f"{value!r} is the pack alias {alias!r}")
        call.resolved_fields.add(path)
        if choices is not None and call.tool_name in pack.subject_writes:
            choices.extend(alias_choice(call, ctx, spec, path, alias))
        return
    args = lookup_args(spec.lookup, call.args)
    if args is None:
        return  # a pass-through argument is missing: schema validation reports it
    items = _candidates(call, ctx, spec, path, value, args)
    if items is None:
        return  # this user may not list these: leave it to the permission check and the server
    visible = next((item for item in items if item_id(item, spec.lookup) == value), None)
    if visible is not None:
        note_people_on_target(call, spec, visible)
        if pack.is_write(call.tool_name) and spec.lookup.query is not None:
            # A directory ID is still a guess when the user's words do not single it out (the agent wrote
            # dana.kim@acme.com, the user said "Dana", two Danas exist and nothing it read named her).
            # IDs picked from a listing the agent read (events, calendars) are its choice to make.
            choice = Scored(value, display_name(visible, spec.lookup), 100.0, [], visible)
            _check_user_words(call, ctx, pack, path, value, spec, args, choice, items)
        elif choices is not None:
            if pack.is_write(call.tool_name):
                choice = Scored(value, display_name(visible, spec.lookup), 100.0, [], visible)
                event_like = is_event_like(spec)
                hints = hints_for(value, spec, ctx, pack, writing=call.args) if event_like else None
                others = other_values(call, path, list(pack.references_for(call.tool_name)))
                mentioned = event_like and user_mention(choice, spec, ctx, others) is not None
                error = same_name_error(
                    call, ctx, path, value, spec, choice, items, hints, mentioned=mentioned
                )
                if error is not None:
                    raise Blocked(error)
            choices.append(ListingChoice(path, value, spec, items))
        call.resolved_fields.add(path)
        return
    if outside_directory(value, spec, ctx):
        check_same_name_elsewhere(call, ctx, path, value, spec, items)
        return
    if not pack.is_write(call.tool_name) and id_the_user_wrote(value, ctx):
        return  # a read of an ID the user gave verbatim: the server's answer (found or not) is the truth
    misplaced = misplaced_reference_error(call, ctx, pack, spec, path, value, args, items)
    if misplaced is not None:
        raise Blocked(misplaced)
    decision = _decide(value, items, spec, ctx, pack)
    decision = break_tie_by_arguments(call, ctx, pack, path, decision, THRESHOLD)
    decision = break_tie_by_user_words(decision, items, spec, ctx, path)
    decision = break_tie_by_people_on_target(decision, call, path, value, ctx, spec)
    if decision.winner is not None:
        winner = decision.winner
        _check_user_words(call, ctx, pack, path, value, spec, args, winner, items)
        note_people_on_target(call, spec, winner.item)
        if pack.is_write(call.tool_name) and is_event_like(spec):
            hints = hints_for(value, spec, ctx, pack)
            winner = check_one_occurrence(call, ctx, path, spec, winner, hints) or winner
        runner_up = next((s for s in decision.ranked if s.id != winner.id), None)
        reason = f"{value!r} -> {winner.name!r} ({winner.id}), score {winner.score:.0f}"
        if winner.evidence:
            reason += f" [{'; '.join(winner.evidence)}]"
        if runner_up is not None:
            reason += f"; next best {runner_up.name!r} {runner_up.score:.0f}"
        _replace(call, ctx, spec, path, value, winner.id, reason)
        return
    if decision.tied:
        raise Blocked(ambiguous_error(call, path, value, spec, decision))
    elsewhere = found_elsewhere_error(call, ctx, pack, spec, path, value, args)
    raise Blocked(elsewhere or not_found_error(call, path, value, spec, decision))


def _decide(
    value: str, items: list[dict[str, Any]], spec: ReferenceSpec, ctx: GuardContext, pack: DomainPack
) -> Decision:
    """Score every candidate against ``value`` and rank them (events: with time/people hints)."""
    hints = hints_for(value, spec, ctx, pack) if is_event_like(spec) else None
    decision = rank(_score_all(value, items, spec, hints, ctx), threshold=THRESHOLD, margin=MARGIN)
    if decision.tied and hints is not None:
        decision = _break_tie(decision, hints)
    return decision


def _check_user_words(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    path: str,
    value: str,
    spec: ReferenceSpec,
    args: dict[str, Any],
    choice: Scored,
    listing: list[dict[str, Any]],
) -> None:
    """Block a name the agent resolved that the user's words do not single out (see
    :mod:`guards.resolve.user_words`): "Dana Kim" when the user said "Dana" and two Danas exist
    (``ambiguous_reference``); "Marketing Campaigns" for the user's "Marketing", "Tomasz Takahashi" for
    "Tomasz Lind" (``contradicts_user_words``, naming the user's item). People on the event being
    changed are kept; partial words pass when the rest of the call is found on the choice alone."""
    if "[" in path and {value.lower(), choice.id.lower()} & call.people_on_target:
        return  # already on the event being changed: kept, not chosen
    if pack.is_write(call.tool_name) and spec.lookup.query is not None:
        namesakes = _candidates(call, ctx, spec, path, choice.name, args) or []
        error = same_name_error(call, ctx, path, value, spec, choice, namesakes)
        error = error or unmentioned_person_error(call, ctx, path, value, spec, choice, pack)
        if error is not None:
            raise Blocked(error)
    if spec.lookup.query is None and ctx.user_messages:
        error = longer_name_error(call, path, value, spec, choice, listing, ctx.user_messages)
        if error is not None:
            raise Blocked(error)
    references = list(pack.references_for(call.tool_name))
    mention = user_mention(choice, spec, ctx, other_values(call, path, references))
    if mention is None:
        return
    items = _candidates(call, ctx, spec, path, mention, args)
    if not items:
        return
    decision = _decide(mention, items, spec, ctx, pack)
    matches = decision.tied or ([decision.winner] if decision.winner is not None else [])
    if not matches or [m.id for m in matches] == [choice.id]:
        return
    others = [m for m in matches if m.id != choice.id]
    if singled_out(choice, others, ctx.tool_results, spec):
        return
    fitting = break_tie_by_arguments(call, ctx, pack, path, decision, THRESHOLD).winner
    if fitting is not None and fitting.id == choice.id:
        return  # the rest of the call (its search, its event) is found on the agent's choice alone
    if (said := said_word_for_word(matches, spec, ctx, call)) is not None:
        mention, matches = said.name, [said]
    raise Blocked(not_grounded_error(call, path, value, spec, mention, choice, matches))


def _candidates(
    call: PendingCall, ctx: GuardContext, spec: ReferenceSpec, path: str, value: str, args: dict[str, Any]
) -> list[dict[str, Any]] | None:
    lookup = spec.lookup
    if lookup.query is None:
        return fetch_items(ctx, call, lookup, args, field=path)
    # A search lookup: ask for the whole reference first, then for each of its words (a directory
    # search for "Dana from sales" finds nobody; one for "Dana" finds every Dana), and only if that
    # finds nobody, for the first two letters of each longer word (a search for "Prya" finds nobody,
    # one for "pr" finds Priya, whom the typo-tolerant matcher then recognises).
    words_ = [w for w in content_words(value, filler_for(spec.kind))[:MAX_QUERY_WORDS] if len(w) >= 2]
    search = [value.strip(), *words_]
    found, seen_any = _search(ctx, call, spec, path, value, args, lookup.query, search, stop_early=True)
    if not found:
        prefixes = [w[:2] for w in words_ if len(w) >= 4 and not w.isdigit()]
        more, seen_more = _search(
            ctx, call, spec, path, value, args, lookup.query, prefixes, stop_early=False
        )
        found, seen_any = more, seen_any or seen_more
    return list(found.values()) if seen_any else None


def _search(
    ctx: GuardContext,
    call: PendingCall,
    spec: ReferenceSpec,
    path: str,
    value: str,
    args: dict[str, Any],
    query_arg: str,
    queries: list[str],
    *,
    stop_early: bool,
) -> tuple[dict[str, dict[str, Any]], bool]:
    """Run the search lookup for each distinct query; stop after the first one when it already
    finds the value itself or a confident match (``stop_early``)."""
    lookup = spec.lookup
    found: dict[str, dict[str, Any]] = {}
    seen_any = False
    for index, query in enumerate(dict.fromkeys(q.lower() for q in queries if q)):
        items = fetch_items(ctx, call, lookup, {**args, query_arg: query}, field=path)
        if items is None:
            continue
        seen_any = True
        for item in items:
            key = item_id(item, lookup)
            if key is not None:
                found.setdefault(key, item)
        if (
            stop_early
            and index == 0
            and (any(item_id(i, lookup) == value for i in items) or _has_confident_match(value, items, spec))
        ):
            break
    return found, seen_any


def _has_confident_match(value: str, items: list[dict[str, Any]], spec: ReferenceSpec) -> bool:
    return any(
        score_text(value, name, spec.kind) >= THRESHOLD
        for item in items
        for name in item_names(item, spec.lookup, primary_only=True)
    )


def _score_all(
    value: str, items: list[dict[str, Any]], spec: ReferenceSpec, hints: EventHints | None, ctx: GuardContext
) -> list[Scored]:
    scored: list[Scored] = []
    filler = filler_for(spec.kind)
    for item in items:
        key = item_id(item, spec.lookup)
        if key is None:
            continue
        name = display_name(item, spec.lookup)
        evidence: list[str] = []
        if hints is not None:
            score, evidence, exact = score_event(hints, item, spec, ctx)
        else:
            primary, secondary = split_names(item, spec.lookup)
            if not address_within_name(key, name):
                primary.append(key)
            score = max(
                max((score_text(value, n, spec.kind) for n in primary), default=0.0),
                min(max((score_text(value, n, spec.kind) for n in secondary), default=0.0), SECONDARY_CAP),
            )
            ref_words = content_words(value, filler)
            exact = any(names_exactly(ref_words, content_words(n, filler)) for n in primary)
        scored.append(Scored(key, name, score, evidence, item, exact=exact))
    return scored


def _break_tie(decision: Decision, hints: EventHints) -> Decision:
    """Close event candidates: the conversation's days/people may single one out (never a guess:
    exactly one of the tied candidates must match them)."""
    narrowed = hints.narrow(decision.tied)
    if len(narrowed) == 1 and len(decision.tied) > 1:
        winner = narrowed[0]
        winner.evidence.append("the only close candidate matching the user's request")
        return Decision(winner, [], decision.ranked)
    return decision


def _replace(
    call: PendingCall, ctx: GuardContext, spec: ReferenceSpec, path: str, before: str, after: str, reason: str
) -> None:
    set_path(call.args, path, after)
    call.record(InterventionKind.RESOLVED, path, before, after, reason)
    call.resolved_fields.add(path)
    ctx.session.resolved[f"{spec.kind}:{before}"] = after


def _alias(value: str, spec: ReferenceSpec, ctx: GuardContext, call: PendingCall, path: str) -> str | None:
    """A fixed alias's target, or the id of the listing entry a flag alias picks ("primary" -> the
    calendar whose ``isDefaultCalendar`` is true); ``None`` when the value is no alias."""
    if value in spec.aliases:
        return spec.aliases[value]
    normalised = " ".join(words(value))
    for alias, target in spec.aliases.items():
        if normalised == " ".join(words(alias)):
            return target
    for alias, fields in spec.flag_aliases.items():
        if value == alias or normalised == " ".join(words(alias)):
            return flagged_entry_id(ctx, call, spec, fields, field=path)
    return None
