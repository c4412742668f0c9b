"""Prints the keyword arguments of a diffusers Wan text-to-video call for each clip.

    python examples/diffusers_wan.py "a panda bear walks from left to right, then turns and waves"

scenec compiles the prompt for the ``wan`` backend; each clip of its payload becomes one
``WanPipeline.__call__`` (diffusers ``pipelines/wan/pipeline_wan.py``): ``prompt``,
``negative_prompt``, ``num_frames`` (4n+1, at most 81), ``height`` and ``width`` (the
profile's 832x480). Guidance and the number of steps are not set: the payload has no
opinion on them, so the pipeline's own defaults apply. Nothing is generated, no GPU is
needed; with diffusers installed the same arguments go to ``pipe(**kwargs)``, and the clips
are joined dropping ``trim_end`` frames at the end of each.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Dict, List

import scenec


def wan_calls(prompt: str) -> List[Dict[str, Any]]:
    """One ``WanPipeline`` keyword-argument dict per clip of the compiled prompt."""
    out = scenec.compile(prompt, backend="wan", director="heuristic")
    plan = out["plan"]
    payload = out["payload"]
    if not isinstance(payload, dict):
        raise TypeError("the wan backend emits one JSON document")
    return [
        {
            "prompt": clip["prompt"],
            "negative_prompt": clip["negative_prompt"],
            "num_frames": clip["frame_num"],
            "height": plan["height"],
            "width": plan["width"],
        }
        for clip in payload["clips"]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompt")
    args = parser.parse_args()
    for number, kwargs in enumerate(wan_calls(args.prompt), start=1):
        print(f"# clip {number}: pipe(**kwargs) with")
        print(json.dumps(kwargs, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
