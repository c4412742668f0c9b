"""check, fix, lower, emit, validate, backends and schema: the pure stages."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List

import pytest

import scenec

BACKENDS: List[str] = [profile["name"] for profile in scenec.backends()]


def test_backends_lists_every_profile_with_its_limits() -> None:
    profiles = scenec.backends()
    assert {"generic", "wan", "ltx", "wan-move", "ati", "lvd"} <= set(BACKENDS)
    wan = next(p for p in profiles if p["name"] == "wan")
    assert wan["fps"] == 16


@pytest.mark.parametrize("kind", ["storyboard", "wire", "plan"])
def test_schema_returns_each_generated_schema(kind: str) -> None:
    document = scenec.schema(kind)
    assert document["type"] == "object"
    assert "properties" in document
    json.dumps(document)


def test_the_storyboard_schema_names_the_storyboard_fields(panda: scenec.CompileResult) -> None:
    properties = scenec.schema("storyboard")["properties"]
    assert set(panda["storyboard"]) <= set(properties)


def test_check_is_clean_on_a_compiled_storyboard(panda: scenec.CompileResult) -> None:
    assert [d for d in scenec.check(panda["storyboard"]) if d["severity"] == "error"] == []


def test_check_reports_semantic_errors_with_their_pointer(panda: scenec.CompileResult) -> None:
    broken = copy.deepcopy(panda["storyboard"])
    broken["shots"][0]["actions"][0]["entity"] = "nobody"
    codes = {(d["code"], d["path"]) for d in scenec.check(broken)}
    assert ("E0401", "/shots/0/actions/0/entity") in codes


def test_check_reports_schema_violations_without_raising() -> None:
    diagnostics = scenec.check({"title": 3})
    assert diagnostics and all(d["severity"] == "error" for d in diagnostics)
    assert {d["code"] for d in diagnostics} == {"E0001"}


def test_fix_repairs_durations_that_do_not_add_up(panda: scenec.CompileResult) -> None:
    broken: Dict[str, Any] = copy.deepcopy(panda["storyboard"])
    broken["duration_s"] = broken["duration_s"] + 3.0
    assert "E0601" in {d["code"] for d in scenec.check(broken)}
    fixed = scenec.fix(broken)
    assert "E0601" in {d["code"] for d in fixed["diagnostics"] if d["severity"] == "fixed"}
    assert [d for d in scenec.check(fixed["storyboard"]) if d["severity"] == "error"] == []


def test_fix_of_a_document_that_is_no_storyboard_raises_a_check_error() -> None:
    with pytest.raises(scenec.CheckError) as caught:
        scenec.fix({"shots": "none"})
    assert caught.value.diagnostics
    assert caught.value.storyboard is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_round_trip_lower_emit_validate_for_every_backend(
    panda: scenec.CompileResult, backend: str
) -> None:
    plan = scenec.lower(panda["storyboard"], backend)
    assert plan["backend"] == backend
    assert plan["keyframes"]
    assert scenec.validate(panda["storyboard"], plan) == []
    payload = scenec.emit(plan, backend)
    assert payload
    assert scenec.emit(json.loads(json.dumps(plan)), backend) == payload


def test_lower_matches_the_compile_for_the_same_backend(panda: scenec.CompileResult) -> None:
    assert scenec.lower(panda["storyboard"], "generic") == panda["plan"]


def test_validate_finds_a_plan_that_does_not_show_the_storyboard(
    panda: scenec.CompileResult,
) -> None:
    plan = scenec.lower(panda["storyboard"], "wan")
    for keyframe in plan["keyframes"]:
        for entity in keyframe["entities"]:
            entity["bbox"] = [0.45, 0.45, 0.55, 0.55]
    findings = scenec.validate(panda["storyboard"], plan)
    assert findings
    assert all(f["code"].startswith("V") for f in findings)


def test_lower_refuses_a_storyboard_with_errors(panda: scenec.CompileResult) -> None:
    broken = copy.deepcopy(panda["storyboard"])
    broken["shots"][0]["actions"][0]["entity"] = "nobody"
    with pytest.raises(scenec.CheckError) as caught:
        scenec.lower(broken, "wan")
    assert "E0401" in {d["code"] for d in caught.value.diagnostics}
    assert caught.value.storyboard is not None


def test_lower_with_a_bad_interval_is_a_lower_error(panda: scenec.CompileResult) -> None:
    with pytest.raises(scenec.LowerError) as caught:
        scenec.lower(panda["storyboard"], "wan", keyframe_interval=-1.0)
    assert caught.value.code == "lower_failed"


def test_emit_for_another_backend_is_an_emit_error_with_the_plan(
    panda: scenec.CompileResult,
) -> None:
    with pytest.raises(scenec.EmitError) as caught:
        scenec.emit(panda["plan"], "wan")
    assert caught.value.plan == panda["plan"]
    assert "lower it with --backend wan" in str(caught.value)


def test_emit_of_a_document_that_is_no_plan_is_an_input_error() -> None:
    with pytest.raises(scenec.InputError):
        scenec.emit({"backend": "wan"}, "wan")
