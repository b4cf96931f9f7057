"""A child process for the tests: logs COUNT records through a CorralHandler to URL, then prints one JSON
line on stdout with the handler's stats and the caller's seconds. Records the handler writes to its
fallback go to this process's real stderr.

    python3 tests/log_many.py URL COUNT RUN_ID [--exit-without-close]

With --exit-without-close the process just ends: the handler's atexit flush must deliver the records.
"""

import json
import logging
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from corral_logging import CorralHandler  # noqa: E402


def main():
    url, count, run_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    handler = CorralHandler(url, service="log-many", backoff=0.05, max_backoff=0.5, max_retries=1,
                            flush_interval=0.2, shutdown_timeout=30)
    log = logging.getLogger("log_many")
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.DEBUG)
    levels = (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR)
    started = time.perf_counter()
    for n in range(count):
        log.log(levels[n % 4], "record %d", n, extra={"run_id": run_id, "n": n})
    caller_seconds = time.perf_counter() - started
    if "--exit-without-close" in sys.argv:
        print(json.dumps({"caller_seconds": caller_seconds}), flush=True)
        return
    handler.close()
    print(json.dumps({"caller_seconds": caller_seconds, "stats": handler.stats()}), flush=True)


if __name__ == "__main__":
    main()
