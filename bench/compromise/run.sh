#!/usr/bin/env bash
# Side-by-side: Verbatim and the npm package compromise (nlp(text).quotations()) on the same texts: the fixture
# article and the PolNeAR dev texts. Prints each system's speed (words per CPU-second, one thread, after a warm-up)
# and how many gold direct quotes each finds, counted by Verbatim's rule for direct quotes (EVALUATION.md figure 3:
# content span sets, overlap = Jaccard >= 0.5, one-to-one), so both are scored the same way.
# Needs node and npm (skips otherwise) and ../shared beside the repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="$root/../shared"
fixture_gold="$shared/fixtures/zelenskyy-cnn-2022-07-08.gold.json"
fixture_text="$shared/fixtures/zelenskyy-cnn-2022-07-08.txt"
dev="$shared/data/polnear/dev"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "bench/compromise: node or npm is not installed; skipped"; exit 0
fi
if [ ! -f "$fixture_gold" ] || [ ! -d "$dev/text" ]; then
  echo "bench/compromise: ../shared (fixture, PolNeAR dev) is not there; skipped"; exit 0
fi
if [ ! -d "$here/node_modules/compromise" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
row() { # name corpus-kind gold-path texts
  local name="$1" kind="$2" gold="$3" texts="$4"
  local c v cs
  c="$(node "$here/quotes.mjs" "$work/$name.jsonl" "$texts")"
  cs="$("$root/verbatim" count-direct --corpus "$kind" "$gold" --spans "$work/$name.jsonl")"
  v="$("$root/verbatim" count-direct --corpus "$kind" "$gold")"
  python3 - "$name" "$c" "$cs" "$v" <<'PY'
import json, sys
name, c, cs, v = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
for system, speed, counts in (("verbatim", v, v), ("compromise", c, cs)):
    print(f"{name:<12} {system:<11} {speed['words_per_cpu_second']:>12,} {counts['found']:>4} / {counts['gold']:<4} {counts['predicted']:>9}")
PY
}
echo "corpus       system      words/CPU-s  direct quotes found  predicted quotations"
row fixture fixture "$fixture_gold" "$fixture_text"
row polnear-dev polnear "$dev" "$dev/text"
