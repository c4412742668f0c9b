"""scenec.batch: many prompts at once, with the GIL released while they compile."""

from __future__ import annotations

import threading
import time
from typing import Any, Iterator, List, Mapping, Union

import pytest

import scenec

from conftest import PANDA


def test_batch_returns_one_line_per_item_in_input_order() -> None:
    items: List[Union[str, Mapping[str, Any]]] = [
        PANDA,
        {"id": "fox", "prompt": "a fox runs across a snowy field"},
        "   ",
        {"id": "fox", "prompt": "a second fox"},
        {"prompt": "no id"},
    ]
    lines = scenec.batch(items, backend="wan", concurrency=2)
    assert [line["id"] for line in lines] == [0, "fox", 2, "fox", None]
    assert lines[0]["error"] is None and lines[0]["storyboard"] is not None
    keyframes = lines[0]["keyframes"]
    assert keyframes is not None and keyframes["backend"] == "wan"
    codes = [line["error"]["code"] if line["error"] else None for line in lines]
    assert codes == [None, None, "empty_prompt", "duplicate_id", "missing_id"]


def test_batch_takes_any_iterable_and_the_compile_settings() -> None:
    def prompts() -> Iterator[str]:
        yield PANDA
        yield "a cat sleeps on a sofa"

    lines = scenec.batch(prompts(), duration=3.0)
    assert len(lines) == 2
    for line in lines:
        storyboard = line["storyboard"]
        assert storyboard is not None and storyboard["duration_s"] == pytest.approx(3.0)
    assert lines[0]["storyboard"] == scenec.compile(PANDA, duration=3.0)["storyboard"]


def test_batch_of_nothing_is_empty() -> None:
    assert scenec.batch([]) == []


def test_concurrency_below_one_is_an_input_error() -> None:
    with pytest.raises(scenec.InputError, match="concurrency"):
        scenec.batch([PANDA], concurrency=0)


def test_another_python_thread_keeps_running_during_a_long_batch() -> None:
    prompts = [
        f"a panda bear walks from left to right, then turns and waves, take {n}, "
        "while a red kite circles above the bamboo and the camera slowly pulls back"
        for n in range(400)
    ]
    ticks: List[float] = []
    stop = threading.Event()

    def count() -> None:
        # pure Python work: it needs the GIL for every iteration
        while not stop.is_set():
            ticks.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)
    started = time.perf_counter()
    lines = scenec.batch(prompts, concurrency=2)
    ended = time.perf_counter()
    stop.set()
    counter.join()
    assert all(line["error"] is None for line in lines)
    during = [t for t in ticks if started < t < ended]
    # with the GIL held for the whole batch the counter could not run until it returned
    assert ended - started > 0.05, "the batch must be long enough to measure"
    assert len(during) > 1000
    assert during[-1] - during[0] > 0.8 * (ended - started)
