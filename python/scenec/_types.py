"""The shapes of what scenec returns: plain JSON-compatible dicts and lists.

The storyboard, plan and payload documents follow the JSON Schemas that
``scenec.schema("storyboard")`` and ``scenec.schema("plan")`` return; they are typed here as
JSON objects.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, TypedDict, Union

#: A JSON object: a storyboard, a keyframe plan, a profile or a schema.
Json = Dict[str, Any]
#: A storyboard document (``scenec.schema("storyboard")``).
Storyboard = Dict[str, Any]
#: A keyframe plan document (``scenec.schema("plan")``).
Plan = Dict[str, Any]
#: A backend's payload: a JSON document, a text document, or named files.
Payload = Union[Dict[str, Any], str, List[Dict[str, Any]]]


class Diagnostic(TypedDict):
    """One finding of the checker (``severity``: error, warning or fixed)."""

    code: str
    severity: str
    path: str
    message: str
    help: Optional[str]


class Finding(TypedDict):
    """One statement of the storyboard that a plan fails to show."""

    code: str
    pointer: str
    keyframe: Optional[int]
    frame: Optional[int]
    message: str


class CompileResult(TypedDict):
    """Everything one compile produced."""

    storyboard: Storyboard
    plan: Plan
    payload: Payload
    meta: Json
    diagnostics: List[Diagnostic]


class FixResult(TypedDict):
    """A storyboard after the deterministic fixes, and every diagnostic (fixes first)."""

    storyboard: Storyboard
    diagnostics: List[Diagnostic]


class BatchError(TypedDict):
    """Why one batch item produced no storyboard."""

    code: str
    message: str


class BatchLine(TypedDict):
    """The result of one batch item: a storyboard and plan, or an error."""

    id: Union[str, int, None]
    storyboard: Optional[Storyboard]
    keyframes: Optional[Plan]
    error: Optional[BatchError]
