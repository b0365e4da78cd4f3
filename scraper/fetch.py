"""The fetch layer: one httpx client, per-host politeness, robots.txt, retries, redirects, caps.

Every request of a crawl goes through `Fetcher.fetch`, so the limits hold whatever mix of
portals is crawled: gates are per host (``host:port``), shared by all portals that visit it,
and take the strictest settings among them.

Hand-written parts, and why:
* retries: httpx's transport retries only failed connects; we also retry timeouts, 429 and 5xx,
  honour Retry-After, and must count every attempt against the host's rate limit;
* redirects: httpx follows them itself, but each hop must pass the portal's host list, robots.txt
  and the host gate, so redirects are followed here one hop at a time;
* the rate limiter: a start-time spacing gate (no library in our dependency set does per-key
  async rate limiting, and the rule is ten lines).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import ssl
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from scraper.archive import header_value
from scraper.config import Portal, Settings

log = logging.getLogger("gongkai.crawl")

RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    content: bytes = b""
    http_version: str = "HTTP/1.1"
    fetched_at: str = field(default_factory=now_iso)
    elapsed: float = 0.0
    attempts: int = 0
    error: str | None = None  # kind: timeout, connect, http_429, http_5xx, http_4xx, too_large, robots, offsite_redirect, redirect_loop
    detail: str | None = None
    redirects: list[tuple[str, int]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostGate:
    """At most `concurrency` requests in flight and request starts spaced by 1/rate seconds
    (or the robots.txt Crawl-delay, if longer). Spacing starts, rather than counting per second,
    keeps any window of T seconds at no more than rate*T+1 requests."""

    def __init__(self, rate: float, concurrency: int) -> None:
        self.interval = 1.0 / rate
        self.concurrency = concurrency
        self._sem = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._next = 0.0
        self._last = 0.0  # loop time of the last request start
        self.in_flight = 0
        self.peak_in_flight = 0
        self.requests = 0

    def slow_down(self, interval: float) -> None:
        self.interval = max(self.interval, interval)
        self._next = max(self._next, self._last + self.interval)

    def pause_until(self, when: float) -> None:
        """No request starts before loop time `when` (used for a host's Retry-After)."""
        self._next = max(self._next, when)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._sem:
            loop = asyncio.get_running_loop()
            async with self._lock:
                wait = self._next - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._last = max(loop.time(), self._next)
                self._next = self._last + self.interval
            self.in_flight += 1
            self.requests += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            try:
                yield
            finally:
                self.in_flight -= 1


class _TooLarge(Exception):
    pass


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Fetcher:
    """Fetch URLs for a set of portals politely. Use as ``async with Fetcher(portals) as f``."""

    def __init__(self, portals: Iterable[Portal], *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.portals = list(portals)
        self._host_settings: dict[str, Settings] = {}
        for p in self.portals:
            for h in p.hosts:
                prev = self._host_settings.get(h)
                s = p.settings
                if prev is not None:
                    # the strictest of the portals sharing a host
                    s = Settings(**{**s.__dict__, "rate": min(s.rate, prev.rate),
                                    "concurrency": min(s.concurrency, prev.concurrency)})
                self._host_settings[h] = s
        self.gates: dict[str, HostGate] = {}
        self._robots: dict[str, Protego | bool] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.robots_errors: dict[str, str] = {}
        self._transport = transport
        # one client (connection pool) per host: httpcore scans its whole pool on every request,
        # which with one shared pool grows with the number of hosts crawled at once
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._ssl: ssl.SSLContext | None = None  # built once: loading the CA store costs ~20 ms

    def client(self, host: str) -> httpx.AsyncClient:
        c = self._clients.get(host)
        if c is None:
            # trust_env=False: never pick up a proxy from the environment; every request goes
            # exactly where its URL says. Redirects are followed by hand (module docstring).
            if self._ssl is None:
                self._ssl = httpx.create_ssl_context()
            c = self._clients[host] = httpx.AsyncClient(
                trust_env=False,
                verify=self._ssl,
                follow_redirects=False,
                transport=self._transport,
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=8),
            )
        return c

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for c in self._clients.values():
            await c.aclose()

    def gate(self, host: str, settings: Settings) -> HostGate:
        g = self.gates.get(host)
        if g is None:
            s = self._host_settings.get(host, settings)
            g = self.gates[host] = HostGate(s.rate, s.concurrency)
        return g

    # --- robots.txt -------------------------------------------------------------------------

    async def robots(self, url: str, settings: Settings) -> Protego | bool:
        """The robots rules for `url`'s host: a Protego parser, True (allow all) or False
        (disallow all: robots.txt could not be fetched, RFC 9309 §2.3.1.4)."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host in self._robots:
            return self._robots[host]
        lock = self._robots_locks.setdefault(host, asyncio.Lock())
        async with lock:
            if host in self._robots:
                return self._robots[host]
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            res = await self._attempts(robots_url, settings, None)
            hops = 0
            while res.status in REDIRECT_STATUS and res.header("location") and hops < settings.max_redirects:
                nxt = urljoin(res.final_url, res.header("location") or "")
                if host_of(nxt) != host:
                    break
                res = await self._attempts(nxt, settings, None)
                hops += 1
            rules: Protego | bool
            if res.status is not None and 200 <= res.status < 300:
                text = res.content.decode("utf-8", errors="replace")
                rules = Protego.parse(text)
                delay = rules.crawl_delay(settings.user_agent)
                if delay:
                    self.gate(host, settings).slow_down(float(delay))
                rate = rules.request_rate(settings.user_agent)
                if rate and rate.requests:
                    self.gate(host, settings).slow_down(rate.seconds / rate.requests)
            elif res.status is not None and 400 <= res.status < 500:
                rules = True  # no robots.txt: everything allowed
            else:
                rules = False
                self.robots_errors[host] = res.error or f"http_{res.status}"
                log.warning("%s: robots.txt unavailable (%s); not crawling this host", host, res.error or res.status)
            self._robots[host] = rules
            return rules

    async def allowed(self, url: str, settings: Settings) -> bool:
        if not settings.obey_robots:
            return True
        rules = await self.robots(url, settings)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(url, settings.user_agent)

    # --- fetching ---------------------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        portal: Portal,
        *,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        data: dict[str, str] | None = None,
    ) -> FetchResult:
        """GET (or POST a form to) `url`, following redirects within the portal's hosts."""
        settings = portal.settings
        start = time.monotonic()
        current, redirects = url, []
        while True:
            if not portal.allows_host(host_of(current)):
                return FetchResult(url, current, error="offsite_redirect", detail=current, redirects=redirects)
            if not await self.allowed(current, settings):
                return FetchResult(url, current, error="robots", detail="disallowed by robots.txt", redirects=redirects)
            res = await self._attempts(current, settings, headers, method=method, data=data)
            res.url, res.redirects = url, redirects
            location = res.header("location")
            if res.status in REDIRECT_STATUS and location:
                redirects.append((current, res.status))
                if len(redirects) > settings.max_redirects:
                    res.error, res.detail = "redirect_loop", f"more than {settings.max_redirects} redirects"
                    break
                nxt = urljoin(current, location.strip())
                if res.status == 303:
                    method, data = "GET", None
                current = nxt
                continue
            break
        res.elapsed = time.monotonic() - start
        return res

    async def _attempts(
        self,
        url: str,
        settings: Settings,
        headers: dict[str, str] | None,
        *,
        method: str = "GET",
        data: dict[str, str] | None = None,
    ) -> FetchResult:
        host = host_of(url)
        gate = self.gate(host, settings)
        loop = asyncio.get_running_loop()
        res = FetchResult(url, url)
        for attempt in range(settings.retries + 1):
            res = FetchResult(url, url, attempts=attempt + 1)
            async with gate.slot():
                try:
                    await self._once(res, settings, headers, method, data)
                except _TooLarge:
                    res.error, res.detail = "too_large", f"more than {settings.max_bytes} bytes"
                    return res
                except (httpx.TimeoutException, TimeoutError) as e:
                    res.error, res.detail = "timeout", type(e).__name__
                except httpx.TransportError as e:
                    res.error, res.detail = "connect", f"{type(e).__name__}: {e}"
                except httpx.HTTPError as e:  # invalid URL, protocol errors: not worth a retry
                    res.error, res.detail = "http", f"{type(e).__name__}: {e}"
                    return res
            if res.error is None and res.status not in RETRY_STATUS:
                if res.status is not None and res.status >= 400 and res.status not in REDIRECT_STATUS:
                    res.error = "http_4xx" if res.status < 500 else "http_5xx"
                return res
            if res.error is None:
                res.error = "http_429" if res.status == 429 else "http_5xx"
            if attempt == settings.retries:
                break
            after = retry_after_seconds(res.header("retry-after")) if res.status in (429, 503) else None
            if after is not None:
                if after > settings.max_backoff:
                    res.detail = f"Retry-After {after:.0f}s is longer than max_backoff"
                    break
                delay = after
                gate.pause_until(loop.time() + after)  # the whole host asked us to wait
            else:
                # exponential backoff with full jitter in [0.5, 1.5) of the nominal delay
                delay = min(settings.max_backoff, settings.backoff * 2**attempt) * random.uniform(0.5, 1.5)
            log.info("%s: %s, retry %d in %.1fs", url, res.error, attempt + 1, delay)
            await asyncio.sleep(delay)
        return res

    async def _once(
        self,
        res: FetchResult,
        settings: Settings,
        headers: dict[str, str] | None,
        method: str,
        data: dict[str, str] | None,
    ) -> None:
        h = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
        h.update(headers or {})
        timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
        res.fetched_at = now_iso()
        async with asyncio.timeout(settings.timeout):  # a cap on the whole exchange, body included
            client = self.client(host_of(res.url))
            async with client.stream(method, res.url, headers=h, data=data, timeout=timeout) as r:
                res.status = r.status_code
                res.http_version = r.http_version
                res.headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in r.headers.raw]
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                    raise _TooLarge
                chunks, size = [], 0
                async for chunk in r.aiter_bytes():
                    size += len(chunk)
                    if size > settings.max_bytes:
                        raise _TooLarge
                    chunks.append(chunk)
                res.content = b"".join(chunks)
