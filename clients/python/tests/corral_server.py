"""The Corral server the tests talk to (``CORRAL_URL``, set by the Maven build), and a recording stand-in."""

import gzip
import socket
import http.server
import json
import os
import threading
import time
import unittest
import urllib.parse
import urllib.request

#: How long a search waits for events to become searchable: the server refreshes every 100 ms;
#: only a loaded machine needs more than a second.
SEARCH_WAIT_SECONDS = 60


def corral_url():
    """The server's URL; skips the test when the build did not start one."""
    url = os.environ.get("CORRAL_URL")
    if not url:
        raise unittest.SkipTest("CORRAL_URL is not set: run these tests through Maven "
                                "(./mvnw -pl clients/python -am verify) or point CORRAL_URL at a Corral server")
    return url.rstrip("/")


def get_json(path):
    with urllib.request.urlopen(corral_url() + path, timeout=30) as answer:
        return json.load(answer)


def search(query, limit=100):
    return get_json("/api/v1/search?" + urllib.parse.urlencode({"q": query, "limit": limit}))


def trace(trace_id):
    return get_json("/api/v1/trace/" + urllib.parse.quote(trace_id, safe=""))


def await_total(query, expected, limit=100):
    """Searches until ``query`` matches ``expected`` events; fails with the last answer otherwise."""
    deadline = time.monotonic() + SEARCH_WAIT_SECONDS
    while True:
        answer = search(query, limit)
        if answer["total"] == expected or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if answer["total"] != expected:
        raise AssertionError("%s matched %d events, not %d: %s" % (query, answer["total"], expected, answer))
    return answer


class Exchange:
    """One request the recording server received: its headers, decoded body lines and when it came."""

    def __init__(self, headers, lines, received):
        self.headers = headers
        self.lines = lines
        self.received = received

    def records(self):
        return [json.loads(line) for line in self.lines]


class RecordingServer:
    """An HTTP server on 127.0.0.1 standing in for Corral: it records every POST and answers from a script.

    ``answers`` is a list of ``(status, headers)``; each request takes the next one, and the
    last is repeated. ``hold`` (a threading.Event) makes every request wait until it is set.
    """

    def __init__(self, answers=((200, {}),), hold=None, port=0):
        self.exchanges = []
        self.connections = []
        self.arrived = threading.Condition()
        recorder = self
        answer_list = list(answers)

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart (delayed ACK)

            def setup(self):
                super().setup()
                recorder.connections.append(self.connection)

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                lines = [line for line in body.decode("utf-8").split("\n") if line]
                with recorder.arrived:
                    recorder.exchanges.append(Exchange(dict(self.headers), lines, time.monotonic()))
                    index = len(recorder.exchanges) - 1
                    recorder.arrived.notify_all()
                if hold is not None:
                    hold.wait(60)
                status, headers = answer_list[min(index, len(answer_list) - 1)]
                answer = json.dumps({"accepted": len(lines) if status == 200 else 0, "rejected": 0}
                                    if status == 200 else {"status": status, "error": "scripted"}).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def await_exchanges(self, count, timeout=SEARCH_WAIT_SECONDS):
        """Waits until ``count`` requests arrived; returns them all."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.exchanges) >= count, timeout):
                raise AssertionError("%d requests arrived, not %d" % (len(self.exchanges), count))
            return list(self.exchanges)

    def drop_connections(self):
        """Closes every connection a client opened, as a server's idle timeout does with a kept-alive one."""
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the client

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def free_port():
    """A port nothing listens on (it was free a moment ago)."""

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
