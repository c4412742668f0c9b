"""The Python side of the per-call overhead measurement (see ``overhead.rs``).

    python bench/overhead.py

Prints microseconds per call (mean over a loop) of the calls ``overhead.rs`` makes on the
library directly, and the time of ``import scenec`` in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Callable

import scenec

PROMPT = "a panda bear walks from left to right, then turns and waves"


def mean_us(n: int, call: Callable[[], object]) -> float:
    """Mean microseconds per call of ``call`` over ``n`` calls, after ``n // 10`` warm-ups."""
    for _ in range(n // 10):
        call()
    started = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - started) * 1e6 / n


def import_ms() -> float:
    """Milliseconds ``import scenec`` takes in a fresh interpreter (best of five)."""
    code = "import time; t = time.perf_counter(); import scenec; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(5)
    ]
    return min(runs) * 1000


def main() -> None:
    storyboard = scenec.compile(PROMPT, director="heuristic")["storyboard"]
    compile_us = mean_us(2000, lambda: scenec.compile(PROMPT, director="heuristic"))
    check_us = mean_us(2000, lambda: scenec.check(storyboard))
    lower_emit_us = mean_us(2000, lambda: scenec.emit(scenec.lower(storyboard, "wan"), "wan"))
    print(f"compile (heuristic, generic)  {compile_us:8.1f} µs")
    print(f"check                         {check_us:8.1f} µs")
    print(f"lower + emit (wan)            {lower_emit_us:8.1f} µs")
    print(f"import scenec                 {import_ms():8.1f} ms")


if __name__ == "__main__":
    main()
