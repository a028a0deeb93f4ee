#!/usr/bin/env bash
# Build, export and score a corpus with the shared scorer: scripts/score.sh SOURCES_DIR GOLD.yaml...
set -euo pipefail
src=$1; shift
out=$(mktemp -d)
govgraph build "$src" --out "$out/g" >&2
govgraph export events --graph "$out/g" --format jsonl > "$out/events.jsonl"
govgraph export entities --graph "$out/g" --format jsonl > "$out/entities.jsonl"
scorer=${SCORER:-../shared/eval/score.py}
python3 "$scorer" "$@" --events "$out/events.jsonl" --entities "$out/entities.jsonl"
echo "graph and exports in $out" >&2
