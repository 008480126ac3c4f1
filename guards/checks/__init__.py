"""Pre-call checks: stop a doomed call before it is sent, and make writes safe to retry.

* :func:`check_permissions` — the acting user's role must allow the write (:mod:`.permissions`);
* :func:`check_preconditions` — ordering: what must be observed before a call (:mod:`.preconditions`);
* :func:`check_creation` — a new container must be asked for, not made in place of one the user
  speaks of as existing (:mod:`.creation`);
* :func:`check_replacement` — an update must not clear what the item has (:mod:`.replacement`);
* :func:`check_move` — a move must go somewhere other than where the item is (:mod:`.moves`);
* :func:`check_availability` — a stated condition ("when we are both free") holds for a new event
  (:mod:`.availability`);
* :func:`add_idempotency_key` — a client-chosen ID so a retried write is not applied twice
  (:mod:`.idempotency`).
"""

from guards.checks.availability import check_availability
from guards.checks.creation import check_creation
from guards.checks.idempotency import add_idempotency_key, idempotency_key
from guards.checks.moves import check_move
from guards.checks.permissions import check_permissions
from guards.checks.preconditions import check_preconditions
from guards.checks.replacement import check_replacement

__all__ = [
    "add_idempotency_key",
    "check_availability",
    "check_creation",
    "check_move",
    "check_permissions",
    "check_preconditions",
    "check_replacement",
    "idempotency_key",
]
