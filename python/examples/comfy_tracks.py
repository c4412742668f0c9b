"""Writes the Wan-Move or ATI track JSON of each clip for a ComfyUI graph.

    python examples/comfy_tracks.py "a panda bear walks from left to right" --backend wan-move -o tracks/

scenec compiles the prompt for the ``wan-move`` or ``ati`` backend; each clip's tracks (one
per entity on screen at the clip's first frame, ``{x, y}`` points in pixels) are written to
``clip_NN_SHOT.json``, the text to paste into the track input of ``WanMoveTracksFromCoords``
(``track_coords``) or ``WanTrackToVideo`` / ``WanVideoATITracks`` (``tracks``). The script
prints the node inputs it would set; nothing is generated, no GPU is needed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List

import scenec

#: The clip field holding the tracks, per backend (the payload's own names).
TRACK_FIELD = {"wan-move": "track_coords", "ati": "tracks"}


def track_files(prompt: str, backend: str, out_dir: Path) -> List[Dict[str, Any]]:
    """Writes one track file per clip into ``out_dir``; returns the node inputs per clip."""
    payload = scenec.compile(prompt, backend=backend, director="heuristic")["payload"]
    if not isinstance(payload, dict):
        raise TypeError(f"the {backend} backend emits one JSON document")
    out_dir.mkdir(parents=True, exist_ok=True)
    field = TRACK_FIELD[backend]
    inputs = []
    for number, clip in enumerate(payload["clips"], start=1):
        path = out_dir / f"clip_{number:02}_{clip['shot']}.json"
        # the payload holds the tracks as the JSON text the node input takes
        path.write_text(clip[field] + "\n", encoding="utf-8")
        inputs.append(
            {
                "file": str(path),
                "tracks": clip["track_names"],
                "width": payload["width"],
                "height": payload["height"],
                "length": clip["num_frames"],
                "prompt": clip["prompt"],
                "negative_prompt": clip["negative_prompt"],
                "start_image_prompt": clip["start_image_prompt"],
            }
        )
    return inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompt")
    parser.add_argument("--backend", choices=sorted(TRACK_FIELD), default="wan-move")
    parser.add_argument("-o", "--out", type=Path, default=Path("tracks"))
    args = parser.parse_args()
    for clip in track_files(args.prompt, args.backend, args.out):
        print(json.dumps(clip, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
