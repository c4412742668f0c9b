"""The exception hierarchy and the mapping of bad arguments onto it."""

from __future__ import annotations

from typing import Any

import pytest

import scenec

from conftest import PANDA


@pytest.mark.parametrize(
    "error",
    [
        scenec.InputError,
        scenec.DirectorError,
        scenec.LlmError,
        scenec.CheckError,
        scenec.LowerError,
        scenec.EmitError,
    ],
)
def test_every_error_is_a_scenec_error(error: type) -> None:
    assert issubclass(error, scenec.ScenecError)
    assert issubclass(error, Exception)
    assert error.__module__ == "scenec"


def test_an_llm_error_is_a_director_error() -> None:
    assert issubclass(scenec.LlmError, scenec.DirectorError)


def test_an_unknown_backend_names_the_known_ones(panda: scenec.CompileResult) -> None:
    for call in (
        lambda: scenec.compile(PANDA, backend="sora"),
        lambda: scenec.lower(panda["storyboard"], "sora"),
        lambda: scenec.emit(panda["plan"], "sora"),
    ):
        with pytest.raises(scenec.InputError, match="unknown backend `sora`.*wan") as caught:
            call()
        assert caught.value.code == "invalid_input"


def test_a_misspelt_setting_is_an_input_error_naming_it() -> None:
    with pytest.raises(scenec.InputError, match="unknown field `modle`"):
        scenec.compile(PANDA, modle="gpt")


@pytest.mark.parametrize(
    "settings",
    [{"director": "oracle"}, {"temperature": "hot"}, {"mode": "xml"}, {"fallback": "llm"}],
)
def test_settings_of_the_wrong_value_are_input_errors(settings: Any) -> None:
    with pytest.raises(scenec.InputError):
        scenec.compile(PANDA, **settings)


def test_settings_out_of_range_are_director_config_errors() -> None:
    with pytest.raises(scenec.DirectorError) as caught:
        scenec.compile(PANDA, director="llm", base_url="http://127.0.0.1:9/v1", temperature=7.0)
    assert caught.value.code == "director_config"


@pytest.mark.parametrize(
    "prompt, code", [("   ", "empty_prompt"), ("x" * 10_001, "prompt_too_long")]
)
def test_prompts_no_director_takes_are_director_errors(prompt: str, code: str) -> None:
    with pytest.raises(scenec.DirectorError) as caught:
        scenec.compile(prompt)
    assert caught.value.code == code


def test_an_unknown_schema_and_easing_are_input_errors(panda: scenec.CompileResult) -> None:
    with pytest.raises(scenec.InputError, match="storyboard, wire, plan"):
        scenec.schema("timeline")
    with pytest.raises(scenec.InputError, match="easing"):
        scenec.lower(panda["storyboard"], "wan", easing="bouncy")


def test_values_that_are_not_json_are_input_errors() -> None:
    with pytest.raises(scenec.InputError, match="not JSON-compatible"):
        scenec.check({"title": object()})
    with pytest.raises(scenec.InputError, match="batch item"):
        scenec.batch([object()])  # type: ignore[list-item]


def test_a_batch_item_that_is_neither_prompt_nor_object_is_its_error_line() -> None:
    [line] = scenec.batch([3.5])  # type: ignore[list-item]
    assert line["error"] is not None and line["error"]["code"] == "invalid_line"
