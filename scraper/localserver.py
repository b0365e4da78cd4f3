"""A small HTTP server on 127.0.0.1 that plays a government portal, for the demo, the tests and
the benchmark. It records the server-side view of a crawl: every request's arrival and end time,
and the peak number of requests in flight.

Standard library only (http.server): a test double must not share code paths with the client.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - socketserver's signature
        # a client that hangs up mid-response (the crawler abandoning an oversized body) is
        # expected here, not a server fault worth a traceback on stderr
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True  # send ETag/Last-Modified and answer 304 to a matching request

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Hit:
    method: str
    path: str  # path with query
    start: float
    end: float = 0.0
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Handler = Callable[[str, str, dict[str, str], bytes], Resource | None]  # (method, path, headers, body)


class PortalServer:
    """Serve `routes` (path with query → Resource) and `handlers` on 127.0.0.1:<free port>.

    `faults[path]` is a list of (status, headers) answered, in order, before the real resource;
    `latency` seconds are spent on every request (so that concurrency can show)."""

    def __init__(self, routes: dict[str, Resource] | None = None, *, handlers: list[Handler] | None = None,
                 latency: float = 0.0, last_modified: float | None = None, port: int = 0) -> None:
        self.routes: dict[str, Resource] = dict(routes or {})
        self.handlers = list(handlers or [])
        self.faults: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.latency = latency
        self.last_modified = formatdate(last_modified or 1_700_000_000, usegmt=True)
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                server._serve(self, "GET")

            def do_POST(self) -> None:
                server._serve(self, "POST")

        self.httpd = _QuietServer(("127.0.0.1", port), _H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> PortalServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the server-side view ---------------------------------------------------------------

    def paths(self, method: str | None = None) -> list[str]:
        return [h.path for h in self.hits if method is None or h.method == method]

    def max_in_window(self, window: float) -> int:
        """The most request arrivals within any `window` seconds."""
        starts = sorted(h.start for h in self.hits)
        best, j = 0, 0
        for i, t in enumerate(starts):
            while t - starts[j] >= window:
                j += 1
            best = max(best, i - j + 1)
        return best

    # --- serving ----------------------------------------------------------------------------

    def _serve(self, req: BaseHTTPRequestHandler, method: str) -> None:
        hit = Hit(method, req.path, time.monotonic(), headers={k.lower(): v for k, v in req.headers.items()})
        with self._lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            self.hits.append(hit)
        try:
            n = int(req.headers.get("Content-Length") or 0)
            hit.body = req.rfile.read(n) if n else b""
            if self.latency:
                time.sleep(self.latency)
            res = self._resolve(method, req.path, hit.headers, hit.body)
            hit.status = self._write(req, res, method, hit.headers)
        finally:
            with self._lock:
                self.in_flight -= 1
                hit.end = time.monotonic()

    def _resolve(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Resource:
        with self._lock:
            queue = self.faults.get(path) or self.faults.get(urlsplit(path).path)
            if queue:
                status, h = queue.pop(0)
                return Resource(f"error {status}".encode(), "text/plain", status, dict(h), conditional=False)
        for handler in self.handlers:
            res = handler(method, path, headers, body)
            if res is not None:
                return res
        res = self.routes.get(path)
        if res is None and "?" in path:
            res = self.routes.get(path.split("?", 1)[0])
        if res is None:
            return Resource("<html><body>404 页面不存在</body></html>".encode(), status=404, conditional=False)
        return res

    def _write(self, req: BaseHTTPRequestHandler, res: Resource, method: str, headers: dict[str, str]) -> int:
        status, body = res.status, res.body
        extra = dict(res.headers)
        if res.conditional and status == 200 and method == "GET":
            extra.setdefault("ETag", res.etag)
            extra.setdefault("Last-Modified", self.last_modified)
            if headers.get("if-none-match") == extra["ETag"] or (
                "if-none-match" not in headers and headers.get("if-modified-since") == extra["Last-Modified"]
            ):
                status, body = 304, b""
        req.send_response(status)
        if status != 304:
            req.send_header("Content-Type", res.content_type)
        for k, v in extra.items():
            req.send_header(k, v)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)
        return status


def form_of(body: bytes) -> dict[str, str]:
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def query_of(path: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
