#!/usr/bin/env bash
# Print 500 `scenec batch` input lines built from the dev suite, for timing a batch: the
# suite's prompts in turn, pass n over the suite appending style variant n (error cases such
# as an empty prompt stay as they are), ids "<case id>~<pass>". Needs jq.
#
#   scripts/batch-500.sh [SUITE.jsonl] > prompts-500.jsonl
set -euo pipefail
SUITE="${1:-$(dirname "$0")/../../shared/eval/dev-suite.jsonl}"
jq -c --slurp '
  ["", " Shot on 35mm film.", " In the rain at night.", " Watercolor style.",
   " Slow motion.", " Seen from a drone.", " Black and white.", " Golden hour light."] as $variants
  | length as $n
  | range(0; 500) as $i
  | .[$i % $n] as $case
  | ($i / $n | floor) as $pass
  | ($case.prompt // "") as $prompt
  | {id: "\($case.id)~\($pass)",
     prompt: (if ($prompt | test("\\S")) then $prompt + $variants[$pass] else $prompt end)}
' "$SUITE"
