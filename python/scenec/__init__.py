"""scenec: a film scene director for text-to-video generation, in Python.

A prompt goes through a director (heuristic, LLM or replay) to a storyboard, is checked like
a program, lowered for a video backend to a keyframe plan and emitted as that backend's
payload. Every function here calls the Rust library (``scenec._native``) with the GIL
released and returns plain dicts and lists; the behaviour is the library's.

>>> import scenec
>>> out = scenec.compile("a panda bear walks from left to right, then turns and waves")
>>> len(out["storyboard"]["shots"])
1
"""

from __future__ import annotations

import functools
from typing import Any, Iterable, List, Mapping, Optional, Union

from . import _native
from ._native import (
    CheckError,
    DirectorError,
    EmitError,
    InputError,
    LlmError,
    LowerError,
    ScenecError,
)
from ._types import (
    BatchError,
    BatchLine,
    CompileResult,
    Diagnostic,
    Finding,
    FixResult,
    Json,
    Payload,
    Plan,
    Storyboard,
)

__version__: str = _native.__version__

__all__ = [
    "BatchError",
    "BatchLine",
    "CheckError",
    "CompileResult",
    "Diagnostic",
    "DirectorError",
    "EmitError",
    "Finding",
    "FixResult",
    "InputError",
    "Json",
    "LlmError",
    "LowerError",
    "Payload",
    "Plan",
    "ScenecError",
    "Storyboard",
    "backends",
    "batch",
    "check",
    "compile",
    "compile_async",
    "emit",
    "fix",
    "lower",
    "schema",
    "validate",
]

#: The lowering defaults of the library (``LowerOptions::default()``).
DEFAULT_KEYFRAME_INTERVAL = 1.0
DEFAULT_EASING = "ease_in_out"
#: Prompts a batch compiles at once by default (``scenec::batch::run::DEFAULT_CONCURRENCY``).
DEFAULT_CONCURRENCY = 4


def compile(
    prompt: str,
    *,
    backend: str = "generic",
    director: Optional[str] = None,
    duration: Optional[float] = None,
    keyframe_interval: float = DEFAULT_KEYFRAME_INTERVAL,
    easing: str = DEFAULT_EASING,
    **llm_settings: Any,
) -> CompileResult:
    """Compiles a prompt through director, check, lower and emit.

    ``director`` is ``"heuristic"``, ``"llm"`` or ``"replay"``; ``None`` picks llm when
    ``OPENAI_API_KEY`` (or the variable ``api_key_env`` names) or a base URL
    (``base_url``, ``OPENAI_BASE_URL``) is set, else the offline heuristic, as the CLI does.
    ``llm_settings`` are the CLI's LLM flags with ``_`` for ``-``: ``base_url``, ``model``,
    ``api_key_env``, ``temperature``, ``seed``, ``max_tokens``, ``connect_timeout``,
    ``read_timeout``, ``request_timeout``, ``max_response_bytes``, ``max_attempts``,
    ``mode``, ``prompt_dir``, ``examples``, ``strict_fidelity``, ``no_fidelity``, ``record``,
    ``cassettes``, ``no_cache``, ``fallback``; an
    unknown name raises :class:`InputError`. The GIL is released while the pipeline runs.

    Returns ``{"storyboard", "plan", "payload", "meta", "diagnostics"}``. Raises
    :class:`DirectorError` (:class:`LlmError` with ``transcript`` after model calls),
    :class:`CheckError`, :class:`LowerError`, :class:`EmitError` or :class:`InputError`.
    """
    result: CompileResult = _native.compile(
        prompt, backend, director, duration, keyframe_interval, easing, llm_settings
    )
    return result


async def compile_async(
    prompt: str,
    *,
    backend: str = "generic",
    director: Optional[str] = None,
    duration: Optional[float] = None,
    keyframe_interval: float = DEFAULT_KEYFRAME_INTERVAL,
    easing: str = DEFAULT_EASING,
    **llm_settings: Any,
) -> CompileResult:
    """:func:`compile` for asyncio callers: awaits the compile in the loop's default executor.

    The compile runs on scenec's own runtime with the GIL released, so the event loop and
    other coroutines keep running while it waits for the model.
    """
    import asyncio  # here, not at the top: it doubles the time of `import scenec`

    call = functools.partial(
        compile,
        prompt,
        backend=backend,
        director=director,
        duration=duration,
        keyframe_interval=keyframe_interval,
        easing=easing,
        **llm_settings,
    )
    return await asyncio.get_running_loop().run_in_executor(None, call)


def batch(
    prompts: Iterable[Union[str, Mapping[str, Any]]],
    *,
    backend: str = "generic",
    director: Optional[str] = None,
    duration: Optional[float] = None,
    keyframe_interval: float = DEFAULT_KEYFRAME_INTERVAL,
    easing: str = DEFAULT_EASING,
    concurrency: int = DEFAULT_CONCURRENCY,
    **llm_settings: Any,
) -> List[BatchLine]:
    """Compiles many prompts, ``concurrency`` at a time, with the GIL released.

    Each item is a prompt (its id is its position) or ``{"id": ..., "prompt": ...}``, as a
    line of ``scenec batch``. Returns one ``{"id", "storyboard", "keyframes", "error"}`` per
    item in input order; a failing item is its error line (``error.code``: the batch codes,
    e.g. ``empty_prompt``, ``duplicate_id``, ``check_failed``) and never stops the others.
    The settings are :func:`compile`'s.
    """
    lines: List[BatchLine] = _native.batch(
        list(prompts),
        backend,
        director,
        duration,
        keyframe_interval,
        easing,
        concurrency,
        llm_settings,
    )
    return lines


def check(storyboard: Mapping[str, Any]) -> List[Diagnostic]:
    """Checks a storyboard document: its schema violations, or else every semantic pass.

    Returns the diagnostics (empty when clean); never raises for a bad storyboard.
    """
    diagnostics: List[Diagnostic] = _native.check(storyboard)
    return diagnostics


def fix(storyboard: Mapping[str, Any]) -> FixResult:
    """Applies the deterministic fixes, as ``scenec check --fix`` does.

    Returns ``{"storyboard": fixed, "diagnostics": [...]}``: the fixes first, then what the
    fixed storyboard still has. Raises :class:`CheckError` when the document is not a
    storyboard at all (schema violations).
    """
    result: FixResult = _native.fix(storyboard)
    return result


def lower(
    storyboard: Mapping[str, Any],
    backend: str,
    *,
    keyframe_interval: float = DEFAULT_KEYFRAME_INTERVAL,
    easing: str = DEFAULT_EASING,
) -> Plan:
    """Lowers a storyboard for ``backend`` (see :func:`backends`) to its keyframe plan.

    ``easing`` is ``linear``, ``ease_in``, ``ease_out`` or ``ease_in_out``. Raises
    :class:`CheckError` when the storyboard has errors, :class:`LowerError` when it cannot
    be lowered, :class:`InputError` for an unknown backend or easing.
    """
    plan: Plan = _native.lower(storyboard, backend, keyframe_interval, easing)
    return plan


def emit(plan: Mapping[str, Any], backend: str) -> Payload:
    """The payload ``backend`` consumes, from a plan lowered for that backend.

    Raises :class:`EmitError` (with ``plan``) for a plan lowered for another backend,
    :class:`InputError` for a document that is not a plan.
    """
    payload: Payload = _native.emit(plan, backend)
    return payload


def validate(storyboard: Mapping[str, Any], plan: Mapping[str, Any]) -> List[Finding]:
    """Every statement of ``storyboard`` that ``plan`` fails to show; empty when faithful."""
    findings: List[Finding] = _native.validate(storyboard, plan)
    return findings


def backends() -> List[Json]:
    """Every backend's profile: name, fps, frame rule, frame counts, size, prompt budget."""
    profiles: List[Json] = _native.backends()
    return profiles


def schema(kind: str = "storyboard") -> Json:
    """A generated JSON Schema: ``"storyboard"``, ``"wire"`` (what the LLM writes) or ``"plan"``."""
    document: Json = _native.schema(kind)
    return document
