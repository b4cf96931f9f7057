#!/usr/bin/env bash
# Day-spray benchmark (issue 12, finding 1): one ingest request of N events, each on its own UTC day,
# so the store must handle N day partitions with a bounded number of open files. Starts corral.jar
# under `ulimit -n LIMIT` (socket inputs and OTLP/gRPC off) and reports:
#   - time to acknowledge the request and until every event is searchable,
#   - the most file descriptors the process had open (sampled from /proc/PID/fd every 100 ms),
#   - time to restart (clean stop, then start until /ready), and
#   - time to recover after kill -9 right after the acknowledgement (the WAL replay re-indexes all N days),
# and checks after each restart that every event is found exactly once (stats count() by seq).
#
#   scripts/day-spray-bench.sh [--days 5000] [--file-limit 256] [--keep] [--data DIR] [--set key=value]...
#
# Linux only (/proc). Needs curl and python3. See docs/benchmarks.md, "Day spray".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
days=5000
limit=256
keep=0
data=""
settings=()
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days=$2; shift 2 ;;
    --file-limit) limit=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --set) settings+=(--set "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. "$root/.mvn/find-java.sh"
jar="$root/corral-dist/target/corral.jar"
if [ ! -f "$jar" ]; then
  echo "building corral.jar..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Dmaven.test.skip=true package -pl corral-dist -am) >&2
fi
work=$(mktemp -d)
data=${data:-$work/data}
log="$work/server.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
pid=""
sampler=""

now_ms() { date +%s%3N; }

cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "kept $work (server.log, data)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

start_server() {
  bash -c "ulimit -n $limit && exec \"\$0\" \"\$@\"" "$JAVA_HOME/bin/java" -Xmx1g -jar "$jar" serve \
    --port "$port" --data "$data" --set otlp.grpc_port=-1 --set syslog.udp_port=-1 --set syslog.tcp_port=-1 \
    --set gelf.udp_port=-1 --set gelf.tcp_port=-1 --set fluent.port=-1 ${settings[@]+"${settings[@]}"} >>"$log" 2>&1 &
  pid=$!
  echo 0 > "$work/peak-fds"
  ( peak=0; while [ -d "/proc/$pid/fd" ]; do
      n=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l); [ "$n" -gt "$peak" ] && peak=$n && echo "$peak" > "$work/peak-fds"
      sleep 0.1; done ) &
  sampler=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/ready" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "server exited; log:" >&2; tail -50 "$log" >&2; exit 1; fi
    sleep 0.1
  done
}

stop_server() { kill "$1" "$pid"; wait "$pid" 2>/dev/null || true; kill "$sampler" 2>/dev/null || true; pid=""; }

total() { curl -s "$url/api/v1/search?limit=0&q=service:days" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

pending() { curl -s "$url/api/v1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pending_events"])'; }

# Waits until the indexers are done (cheap to ask), then until a search over all days finds them all.
# A search over all time opens every day's reader (thousands here), so it is not what we poll with.
await_all() {
  until [ "$(pending)" = 0 ]; do sleep 1; done
  until [ "$(total)" = "$days" ]; do sleep 1; done
}

check_exactly_once() {
  curl -s --get "$url/api/v1/search" --data-urlencode "limit=0" --data-urlencode "q=service:days | stats count() by seq" |
    python3 -c '
import json, sys
rows = json.load(sys.stdin)["rows"]
n = int(sys.argv[1])
dup = [r for r in rows if r[1] != 1]
assert len(rows) == n and not dup, f"{len(rows)} distinct of {n}, {len(dup)} with count != 1"
print(f"every one of the {n} events found exactly once")' "$days"
}

echo "generating $days events on $days distinct days..." >&2
python3 -c '
import json, datetime as D, sys
d = D.date(1700, 1, 2)
for i in range(int(sys.argv[1])):
    day = d + D.timedelta(days=i * 29 + 3)
    print(json.dumps({"timestamp": day.isoformat() + "T00:00:00Z", "service": "days", "message": "day spray", "seq": i}))
' "$days" > "$work/days.ndjson"
echo "request: $(wc -c < "$work/days.ndjson") bytes; file limit $limit" >&2

post() { curl -s -o "$work/ingest.json" -w '%{http_code}' -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$work/days.ndjson" "$url/api/v1/ingest"; }

start_server
t0=$(now_ms)
status=$(post)
t_ack=$(now_ms)
[ "$status" = 200 ] || { echo "ingest answered $status: $(cat "$work/ingest.json")" >&2; exit 1; }
await_all
t_indexed=$(now_ms)
ready=$(curl -s -o /dev/null -w '%{http_code}' "$url/ready")
peak_ingest=$(cat "$work/peak-fds")
check_exactly_once

stop_server -TERM
t_restart=$(now_ms); start_server; t_ready=$(now_ms)
check_exactly_once
stop_server -TERM

rm -rf "$data"
start_server
status=$(post)
[ "$status" = 200 ] || { echo "ingest answered $status" >&2; exit 1; }
stop_server -9
t_kill=$(now_ms); start_server; t_recovered=$(now_ms)
await_all
peak_replay=$(cat "$work/peak-fds")
check_exactly_once
stop_server -TERM

cat <<REPORT
day spray: $days events on $days distinct days in one request, ulimit -n $limit
  acknowledged in            $((t_ack - t0)) ms
  all searchable after       $((t_indexed - t0)) ms   (/ready afterwards: $ready)
  peak open files (ingest)   $peak_ingest
  clean restart to ready     $((t_ready - t_restart)) ms
  kill -9, restart to ready  $((t_recovered - t_kill)) ms   (replays and indexes all $days days)
  peak open files (replay)   $peak_replay
REPORT
