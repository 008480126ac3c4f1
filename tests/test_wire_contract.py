"""The error wire format is kept twice on purpose (``guards`` never imports ``env`` and vice versa):
these tests keep the two copies equal, so a change to one that is not made to the other fails here."""

from __future__ import annotations

import pytest

from env import errors as env_errors
from guards import errors as guard_errors


def test_the_two_taxonomies_name_the_same_error_types() -> None:
    env_types = {t.name: t.value for t in env_errors.ErrorType}
    assert env_types == {t.name: t.value for t in guard_errors.ErrorType}


def test_the_two_copies_agree_on_status_codes_and_retryability() -> None:
    assert {t.value: s for t, s in env_errors.HTTP_STATUS.items()} == {
        t.value: s for t, s in guard_errors.DEFAULT_HTTP_STATUS.items()
    }
    assert {t.value for t in env_errors.RETRYABLE} == {t.value for t in guard_errors.RETRYABLE_TYPES}


@pytest.mark.parametrize("error_type", [t.value for t in guard_errors.ErrorType])
def test_both_sides_build_the_same_payload(error_type: str) -> None:
    details = {"field": "start.dateTime"}
    from_env = env_errors.make_error(
        env_errors.ErrorType(error_type), "events_insert", "boom", details=details, remediation=["fix it"]
    )
    from_guards = guard_errors.make_error(
        error_type, "events_insert", "boom", details=details, remediation=["fix it"]
    )
    assert from_env == from_guards
    assert guard_errors.is_error_payload(from_env)
    assert guard_errors.ToolError.model_validate(from_env).to_dict() == from_env
