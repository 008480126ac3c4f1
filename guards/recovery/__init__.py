"""After a call: classify the result, retry what is transient, feed back what the agent can fix.

* :func:`classify` — any tool result (our wire format, HTTP status codes, OpenEnv and MCP error
  shapes) into the error taxonomy (:mod:`.classify`);
* :func:`execute_with_retry` — transient errors retried with backoff, never duplicating a write
  (:mod:`.retry`);
* :func:`feedback_message` and :class:`ReaskBudget` — repairable errors back to the model as precise,
  budgeted re-asks (:mod:`.feedback`).
"""

from guards.recovery.classify import Classification, classify, status_error_type
from guards.recovery.feedback import ReaskBudget, feedback_message, fields_to_fix
from guards.recovery.retry import RetryBudget, RetryOutcome, execute_with_retry

__all__ = [
    "Classification",
    "ReaskBudget",
    "RetryBudget",
    "RetryOutcome",
    "classify",
    "execute_with_retry",
    "feedback_message",
    "fields_to_fix",
    "status_error_type",
]
