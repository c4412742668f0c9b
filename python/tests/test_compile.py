"""scenec.compile and scenec.compile_async: the whole pipeline from a prompt."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, Dict

import pytest

import scenec

from conftest import PANDA, FakeLlm

StartLlm = Callable[[Callable[[Dict[str, Any]], str]], FakeLlm]


def test_compile_returns_every_document_as_plain_json(panda: scenec.CompileResult) -> None:
    assert set(panda) == {"storyboard", "plan", "payload", "meta", "diagnostics"}
    assert len(panda["storyboard"]["shots"]) >= 1
    assert panda["plan"]["backend"] == "generic"
    assert panda["meta"]["director"] == "heuristic"
    json.dumps(panda)  # plain dicts, lists and scalars only


def test_without_key_or_url_the_default_director_is_the_heuristic() -> None:
    assert scenec.compile(PANDA)["meta"]["director"] == "heuristic"


def test_backend_duration_and_lowering_options_reach_the_library() -> None:
    out = scenec.compile(PANDA, backend="wan", duration=4.0, keyframe_interval=0.5, easing="linear")
    assert out["storyboard"]["duration_s"] == pytest.approx(4.0)
    assert out["plan"]["backend"] == "wan"
    assert isinstance(out["payload"], dict) and out["payload"]["backend"] == "wan"
    gaps = [
        b["time_s"] - a["time_s"]
        for a, b in zip(out["plan"]["keyframes"], out["plan"]["keyframes"][1:])
    ]
    assert max(gaps) <= 0.5 + 1e-9


def test_compile_async_gives_the_same_storyboard() -> None:
    async def both() -> list[scenec.CompileResult]:
        return list(
            await asyncio.gather(
                scenec.compile_async(PANDA, backend="ltx"),
                scenec.compile_async("a fox runs across a snowy field"),
            )
        )

    panda, fox = asyncio.run(both())
    assert panda["storyboard"] == scenec.compile(PANDA, backend="ltx")["storyboard"]
    assert fox["plan"]["backend"] == "generic"


def test_the_llm_director_uses_the_settings_and_the_environment(
    fake_llm_factory: StartLlm, monkeypatch: pytest.MonkeyPatch, panda: scenec.CompileResult
) -> None:
    board = json.dumps(panda["storyboard"])
    server = fake_llm_factory(lambda body: board)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    out = scenec.compile(PANDA, model="test-model", temperature=0.5, no_cache=True)
    assert out["meta"]["director"] == "llm"
    assert out["meta"]["model"] == "test-model"
    assert server.requests[0]["model"] == "test-model"
    assert server.requests[0]["temperature"] == 0.5
    assert out["storyboard"]["shots"] == panda["storyboard"]["shots"]


def test_an_llm_failure_is_an_llm_error_with_the_transcript(fake_llm_factory: StartLlm) -> None:
    server = fake_llm_factory(lambda body: "I would rather not write JSON today.")
    with pytest.raises(scenec.LlmError) as caught:
        scenec.compile(
            PANDA, director="llm", base_url=server.base_url, max_attempts=1, no_cache=True
        )
    error = caught.value
    assert isinstance(error, scenec.DirectorError)
    assert error.code in {"attempts_exhausted", "malformed_response"}
    assert len(error.transcript["attempts"]) == 1
    assert len(server.requests) >= 1


def test_the_fallback_setting_answers_when_the_llm_fails(fake_llm_factory: StartLlm) -> None:
    server = fake_llm_factory(lambda body: "no")
    out = scenec.compile(
        PANDA,
        director="llm",
        base_url=server.base_url,
        max_attempts=1,
        no_cache=True,
        fallback="heuristic",
    )
    assert out["meta"]["director"] == "heuristic"
    assert out["meta"]["notes"]


def test_the_llm_director_without_an_endpoint_is_a_director_error() -> None:
    with pytest.raises(scenec.DirectorError) as caught:
        scenec.compile(PANDA, director="llm")
    assert caught.value.code == "director_config"
    assert not isinstance(caught.value, scenec.LlmError)
