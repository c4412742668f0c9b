"""The examples run without a GPU and print or write what a backend would get."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import scenec

from conftest import PANDA

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def test_diffusers_wan_prints_one_call_per_clip_from_the_payload() -> None:
    out = run(str(EXAMPLES / "diffusers_wan.py"), PANDA)
    # each call is a "# clip N: ..." line followed by its keyword arguments as JSON
    calls = [json.loads(block.split("\n", 1)[1]) for block in out.split("# clip ")[1:]]
    payload = scenec.compile(PANDA, backend="wan")["payload"]
    assert isinstance(payload, dict)
    assert len(calls) == len(payload["clips"])
    for call, clip in zip(calls, payload["clips"]):
        assert set(call) == {"prompt", "negative_prompt", "num_frames", "height", "width"}
        assert call["num_frames"] == clip["frame_num"] and call["num_frames"] % 4 == 1
        assert (call["width"], call["height"]) == (832, 480)
        assert call["prompt"] == clip["prompt"]


def test_comfy_tracks_writes_one_track_file_per_clip(tmp_path: Path) -> None:
    for backend in ("wan-move", "ati"):
        out_dir = tmp_path / backend
        run(str(EXAMPLES / "comfy_tracks.py"), PANDA, "--backend", backend, "-o", str(out_dir))
        payload = scenec.compile(PANDA, backend=backend)["payload"]
        assert isinstance(payload, dict)
        files = sorted(out_dir.glob("clip_*.json"))
        assert len(files) == len(payload["clips"])
        tracks = json.loads(files[0].read_text(encoding="utf-8"))
        assert len(tracks) == len(payload["clips"][0]["track_names"])
        assert all({"x", "y"} <= set(point) for point in tracks[0])
