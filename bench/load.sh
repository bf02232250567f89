#!/usr/bin/env bash
# Load test of `verbatim serve` on loopback: fills a store with synthetic quotes (once), starts the server, sends
# search requests (bounded in count and time), prints req/s and latency percentiles, and stops the server.
#   bench/load.sh                       SQLite store in .verbatim/load/load.db (100,000 quotes)
#   bench/load.sh postgres://USER@127.0.0.1:PORT/DB?schema=load     the same against PostgreSQL
# Environment: QUOTES (100000), REQUESTS (30000), LOAD_SECONDS (30), CONCURRENCY (8), PORT (5181), WARMUP (3000 requests),
#   SEARCH_CACHE (the server's search response cache in MB; default 32, 0 measures every search on the store).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${1:-$here/.verbatim/load/load.db}"
quotes="${QUOTES:-100000}"; requests="${REQUESTS:-30000}"; seconds="${LOAD_SECONDS:-30}"; concurrency="${CONCURRENCY:-8}"
port="${PORT:-5181}"; warmup="${WARMUP:-3000}"; cache="${SEARCH_CACHE:-32}"
out="$here/.verbatim/load/bin"
mkdir -p "$here/.verbatim/load"
dotnet build "$here/src/Verbatim.Cli/Verbatim.Cli.csproj" -c Release -o "$out/cli" --nologo -v quiet >/dev/null
dotnet build "$here/bench/Verbatim.Load/Verbatim.Load.csproj" -c Release -o "$out/load" --nologo -v quiet >/dev/null

have=$(dotnet "$out/cli/Verbatim.Cli.dll" stats --store "$store" --json 2>/dev/null | sed -n 's/.*"quotes": *\([0-9]*\).*/\1/p' | head -1 || true)
if [ "${have:-0}" -lt "$quotes" ]; then
  dotnet "$out/load/Verbatim.Load.dll" fill --store "$store" --quotes "$quotes"
fi

dotnet "$out/cli/Verbatim.Cli.dll" serve --store "$store" --urls "http://127.0.0.1:$port" --search-cache "$cache" >"$here/.verbatim/load/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "search cache: $cache MB; warm-up: $warmup requests"
echo "store: $(dotnet "$out/cli/Verbatim.Cli.dll" stats --store "$store" --json 2>/dev/null | tr -d '\n ' | sed -n 's/.*"quotes":\([0-9]*\).*/\1/p') quotes; $(nproc) cores"
pg=(); case "$store" in postgres://*|postgresql://*) pg=(--pg "$store");; esac
dotnet "$out/load/Verbatim.Load.dll" run --url "http://127.0.0.1:$port/" --requests "$requests" --seconds "$seconds" --concurrency "$concurrency" --warmup "$warmup" --server-pid "$server" "${pg[@]}"
