from __future__ import annotations

from pathlib import Path

import pytest

from agents import AgentSpecError
from agents.profiles import available_profiles, load_profile

FIX = "fix: {pinpoint: 1, field: 1, generic: 1}"
REFERENCE_AND_DATETIME = ("name_for_id", "placeholder_id", "naive_datetime", "utc_shift", "natural_datetime")


def test_bundled_profiles_load_and_order_by_strength() -> None:
    assert {"calibrated", "weak", "strong"} <= set(available_profiles())
    weak, calibrated, strong = (load_profile(n) for n in ("weak", "calibrated", "strong"))
    for variant in ("explicit", "natural"):
        assert (
            weak.rates(variant)["name_for_id"]
            > calibrated.rates(variant)["name_for_id"]
            > strong.rates(variant)["name_for_id"]
        )
    assert weak.fix.field < calibrated.fix.field < strong.fix.field


def test_natural_wording_brings_more_reference_and_datetime_errors() -> None:
    profile = load_profile("calibrated")
    explicit, natural = profile.rates("explicit"), profile.rates("natural")
    for op in REFERENCE_AND_DATETIME:
        assert natural[op] > 3 * explicit[op], op


def test_scales_multiply_rates_and_cap_at_one() -> None:
    profile = load_profile("calibrated").with_scales(0.0, 100.0)
    assert set(profile.rates("explicit").values()) == {0.0}
    assert set(profile.rates("natural").values()) == {1.0}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "name: x\nvariants: {explicit: {rates: {teleport: 0.1}}, natural: {}}\n" + FIX,
            "unknown error operators",
        ),
        (
            "name: x\nvariants: {explicit: {rates: {utc_shift: 1.5}}, natural: {}}\n" + FIX,
            r"rates must lie in \[0, 1\]",
        ),
        ("name: x\nvariants: {explicit: {}, natural: {}}", "fix"),
        ("name: [unclosed", "not valid YAML"),
    ],
)
def test_bad_profile_files_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(AgentSpecError, match=message):
        load_profile(path)
