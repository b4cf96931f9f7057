"""Throughput of CorralHandler: what the application's thread sees and what reaches Corral.

    python3 benchmarks/throughput.py --url http://127.0.0.1:8080 [--records 200000]

After a warm-up run (not reported), three runs, one line of figures each:

* ``up``        — the server up, the default queue (10,000): the caller's records/s, the records/s
                  delivered (acknowledged by Corral, counted until flush() returns) and the drops;
* ``up-nodrop`` — the server up, a queue as large as the run: the delivery rate with nothing dropped;
* ``down``      — nobody listening on the port: the caller's microseconds per record, what went to
                  the stderr fallback (sent to /dev/null here) and the drops.

A measurement, not a test: the figures depend on the machine and on the server's indexing rate.
"""

import argparse
import json
import logging
import os
import socket
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from corral_logging import CorralHandler  # noqa: E402


def run(name, url, records, **options):
    devnull = open(os.devnull, "w")
    handler = CorralHandler(url, service="throughput", fallback_stream=devnull, shutdown_timeout=600, **options)
    log = logging.getLogger("throughput." + name)
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO)
    run_id = uuid.uuid4().hex[:12]
    started = time.perf_counter()
    for n in range(records):
        log.info("order %d placed", n, extra={"run_id": run_id, "context": {"amount": n % 500, "currency": "EUR"}})
    logged = time.perf_counter()
    handler.flush(timeout=600)
    flushed = time.perf_counter()
    stats = handler.stats()
    handler.close()
    devnull.close()
    caller = logged - started
    return {
        "run": name, "records": records,
        "caller_records_per_s": round(records / caller),
        "caller_us_per_record": round(caller * 1e6 / records, 2),
        "delivered": stats["sent"],
        "delivered_records_per_s": round(stats["sent"] / (flushed - started)),
        "written_to_stderr": stats["written_to_stderr"],
        "dropped": stats["dropped_total"],
        "seconds_until_flushed": round(flushed - started, 2),
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description="CorralHandler throughput")
    parser.add_argument("--url", default=os.environ.get("CORRAL_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--warmup", type=int, default=20_000, help="records sent first and not reported: a "
                        "fresh server's first batches also pay for its JIT compiler and its first segment")
    arguments = parser.parse_args()
    print("python %s, load average %s" % (sys.version.split()[0], " ".join("%.1f" % n for n in os.getloadavg())))
    if arguments.warmup:
        run("warmup", arguments.url, arguments.warmup, queue_size=arguments.warmup)
    for result in (run("up", arguments.url, arguments.records),
                   run("up-nodrop", arguments.url, arguments.records, queue_size=arguments.records),
                   run("down", "http://127.0.0.1:%d" % free_port(), arguments.records, max_retries=1, backoff=0.05)):
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
