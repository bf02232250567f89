#!/usr/bin/env bash
# Ingest throughput into PostgreSQL: `bench/pg-ingest.sh 'postgres://USER@127.0.0.1:PORT/DB' INPUT... [-- INGEST OPTIONS]`.
# Makes a fresh schema (bench_ingest_<pid>), runs `verbatim ingest INPUT... --store URL?schema=...` under /usr/bin/time, and
# samples the CPU time of that database's PostgreSQL backends (when the server runs on this machine and /proc shows them),
# so the figure says how much of the work was the store's. Prints articles/s of wall time and per CPU-second. Drops the schema.
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
url="$1"; shift
inputs=(); extra=()
while [ $# -gt 0 ]; do if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi; inputs+=("$1"); shift; done
schema="bench_ingest_$$"
db="${url##*/}"; db="${db%%\?*}"
psql -qAt "$url" -c "CREATE SCHEMA $schema" >/dev/null
sep='?'; case "$url" in *\?*) sep='&';; esac
store="$url${sep}schema=$schema"
"$here/verbatim" --help >/dev/null # build first, outside the measurement
tick=$(getconf CLK_TCK)
samples="$(mktemp)"
( while true; do
    for p in $(pgrep -f "postgres: .* $db " || true); do
      awk -v p="$p" '{print p, $14+$15}' "/proc/$p/stat" 2>/dev/null || true
    done
    sleep 0.1
  done ) > "$samples" &
poller=$!
timing="$(mktemp)"
/usr/bin/time -f "%e %U %S %M" -o "$timing" "$here/verbatim" ingest "${inputs[@]}" --store "$store" "${extra[@]}" | tail -1; echo
kill "$poller" 2>/dev/null || true; wait "$poller" 2>/dev/null || true
read -r wall user sys rss < "$timing"
server=$(awk '{if ($2 > m[$1]) m[$1] = $2} END {s = 0; for (p in m) s += m[p]; print s}' "$samples")
articles=$(psql -qAt "$url" -c "SELECT count(*) FROM $schema.articles")
quotes=$(psql -qAt "$url" -c "SELECT count(*) FROM $schema.quotes")
bytes=$(psql -qAt "$url" -c "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind = 'r'")
psql -qAt "$url" -c "DROP SCHEMA $schema CASCADE" >/dev/null
rm -f "$samples" "$timing"
awk -v a="$articles" -v q="$quotes" -v w="$wall" -v u="$user" -v s="$sys" -v t="$server" -v hz="$tick" -v r="$rss" -v b="$bytes" 'BEGIN {
  srv = t / hz; cpu = u + s + srv;
  printf "articles %d, quotes %d, wall %.1f s: %.0f articles/s\n", a, q, w, a / w;
  printf "CPU: ingest process %.1f s (user+sys), PostgreSQL backends %.1f s: %.0f articles per CPU-second in all, the store side %.1f ms of backend CPU per article\n", u + s, srv, a / cpu, 1000 * srv / a;
  printf "ingest peak RSS %.0f MB; store %.1f KB per article\n", r / 1024, b / 1024 / a;
}'
