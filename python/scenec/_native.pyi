"""Type stubs of the Rust extension module; ``scenec`` wraps it with keyword arguments."""

from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

__version__: str

class ScenecError(Exception):
    """Base of every scenec error; ``code`` is a stable machine-readable name."""

    code: str

class InputError(ScenecError):
    """An argument scenec cannot use: an unknown backend or setting, a value that is not JSON."""

class DirectorError(ScenecError):
    """The director produced no storyboard."""

class LlmError(DirectorError):
    """The LLM director failed after calling the model; ``transcript`` holds every attempt."""

    transcript: Dict[str, Any]

class CheckError(ScenecError):
    """The storyboard has errors."""

    diagnostics: List[Dict[str, Any]]
    storyboard: Optional[Dict[str, Any]]

class LowerError(ScenecError):
    """The storyboard could not be lowered for the backend."""

class EmitError(ScenecError):
    """The backend could not emit the plan."""

    plan: Dict[str, Any]

def compile(
    prompt: str,
    backend: str,
    director: Optional[str],
    duration: Optional[float],
    keyframe_interval: float,
    easing: str,
    settings: Optional[Mapping[str, Any]] = None,
) -> Any: ...
def batch(
    items: Sequence[Union[str, Mapping[str, Any]]],
    backend: str,
    director: Optional[str],
    duration: Optional[float],
    keyframe_interval: float,
    easing: str,
    concurrency: int,
    settings: Optional[Mapping[str, Any]] = None,
) -> Any: ...
def check(storyboard: Mapping[str, Any]) -> Any: ...
def fix(storyboard: Mapping[str, Any]) -> Any: ...
def lower(
    storyboard: Mapping[str, Any], backend: str, keyframe_interval: float, easing: str
) -> Any: ...
def emit(plan: Mapping[str, Any], backend: str) -> Any: ...
def validate(storyboard: Mapping[str, Any], plan: Mapping[str, Any]) -> Any: ...
def backends() -> Any: ...
def schema(kind: str) -> Any: ...
