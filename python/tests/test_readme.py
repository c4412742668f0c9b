"""The repository README's Python quick start runs as written."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- python quick start begin -->")[1].split("<!-- python quick start end -->")[0]
    return block.split("```python\n")[1].split("```")[0]


def test_the_quick_start_is_ten_lines_or_so() -> None:
    assert 8 <= len(quick_start().strip().splitlines()) <= 14


def test_the_quick_start_runs_and_prints_what_its_comments_say() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(quick_start(), str(README), "exec"), {})
    lines = printed.getvalue().splitlines()
    assert lines[0].endswith(" heuristic")
    assert lines[1] == "check_failed ['E0201', 'W1001']"
