"""Crawl configuration: a TOML file with `[defaults]` and `[[portal]]` tables.

Every key of `[defaults]` may be overridden per portal. Unknown keys are an error, so that a
typo (`rates = 1`) never silently crawls at the default speed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    """Politeness and robustness knobs, with their documented defaults (docs/crawl.md)."""

    rate: float = 2.0  # requests per second per host, at most
    concurrency: int = 2  # requests in flight per host, at most
    user_agent: str = "gongkai/0.1 (+https://github.com/gongkai/gongkai)"
    timeout: float = 30.0  # seconds for one whole request (connect + headers + body)
    connect_timeout: float = 10.0
    max_bytes: int = 50 * 1024 * 1024  # a bigger response is cut off and recorded as an error
    retries: int = 4  # further attempts after a connection error, timeout, 429 or 5xx
    backoff: float = 1.0  # first retry waits about this long, then 2x, 4x... (with jitter)
    max_backoff: float = 120.0  # a Retry-After longer than this gives up on the URL for this run
    max_redirects: int = 5
    max_list_pages: int = 200  # list pages followed per portal
    max_pages: int = 5000  # URLs fetched per portal per run
    max_attachments: int = 5  # attachments fetched per article page
    obey_robots: bool = True
    parse_workers: int = -1  # [defaults] only: processes parsing reports; -1 = one per CPU, 0 = a thread


@dataclass(frozen=True)
class Portal:
    name: str
    start_urls: tuple[str, ...]
    settings: Settings
    region: str | None = None
    hosts: tuple[str, ...] = ()  # hosts the crawl may visit (redirects included)
    domains: tuple[str, ...] = ()  # ... and any host below these (file.example.gov.cn)
    extra: dict[str, Any] = field(default_factory=dict)

    def allows_host(self, netloc: str) -> bool:
        h = netloc.lower()
        if h in self.hosts:
            return True
        name = h.rsplit(":", 1)[0] if h.count(":") == 1 else h
        return any(name == d or name.endswith("." + d) for d in self.domains)


@dataclass(frozen=True)
class Config:
    portals: tuple[Portal, ...]
    defaults: Settings
    path: str | None = None

    def select(self, names: list[str] | tuple[str, ...] | None) -> tuple[Portal, ...]:
        if not names:
            return self.portals
        known = {p.name: p for p in self.portals}
        missing = [n for n in names if n not in known]
        if missing:
            raise ConfigError(f"no portal named {', '.join(missing)} in {self.path or 'the config'}")
        return tuple(known[n] for n in names)


_SETTING_KEYS = {f.name: f.type for f in fields(Settings)}
_PORTAL_KEYS = {"name", "start_urls", "region", "hosts", "subdomains", "description", "cms"}
# second-level registries under which a site's own domain has three labels (kecheng.gov.cn)
_SECOND_LEVEL = {"gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn"}


def _coerce(key: str, value: Any, where: str) -> Any:
    default = getattr(Settings(), key)
    try:
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(default, int):
            if isinstance(value, bool) or int(value) != value:
                raise TypeError
            return int(value)
        if isinstance(default, float):
            if isinstance(value, bool):
                raise TypeError
            return float(value)
        if not isinstance(value, str):
            raise TypeError
        return value
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: `{key}` must be a {type(default).__name__}, not {value!r}") from None


def _settings(base: Settings, table: dict[str, Any], where: str) -> Settings:
    updates = {k: _coerce(k, v, where) for k, v in table.items() if k in _SETTING_KEYS}
    s = replace(base, **updates)
    if s.rate <= 0:
        raise ConfigError(f"{where}: `rate` must be > 0")
    if s.concurrency < 1:
        raise ConfigError(f"{where}: `concurrency` must be >= 1")
    return s


def site_domain(netloc: str) -> str | None:
    """The site's own domain: `www.fzja.gov.cn` → `fzja.gov.cn`; None for IP addresses."""
    h = netloc.lower().rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc.lower()
    if re.fullmatch(r"[\d.]+|\[[0-9a-f:]+\]|localhost", h):
        return None
    labels = h.split(".")
    n = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-n:]) if len(labels) >= n else None


def _host_variants(netloc: str) -> set[str]:
    h = netloc.lower()
    if re.fullmatch(r"[\d.]+(:\d+)?|\[[0-9a-f:]+\](:\d+)?|localhost(:\d+)?", h):
        return {h}
    return {h, h[4:]} if h.startswith("www.") else {h, "www." + h}


def parse_config(data: dict[str, Any], path: str | None = None) -> Config:
    unknown = set(data) - {"defaults", "portal"}
    if unknown:
        raise ConfigError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    dtable = data.get("defaults", {})
    bad = set(dtable) - set(_SETTING_KEYS)
    if bad:
        raise ConfigError(f"[defaults]: unknown key(s): {', '.join(sorted(bad))}")
    defaults = _settings(Settings(), dtable, "[defaults]")
    portals = []
    seen: set[str] = set()
    for i, p in enumerate(data.get("portal", [])):
        where = f"[[portal]] #{i + 1}"
        name = p.get("name")
        if not name or not isinstance(name, str):
            raise ConfigError(f"{where}: `name` is required")
        where = f"portal {name!r}"
        if name in seen:
            raise ConfigError(f"{where}: duplicate name")
        seen.add(name)
        bad = set(p) - _PORTAL_KEYS - set(_SETTING_KEYS)
        if bad:
            raise ConfigError(f"{where}: unknown key(s): {', '.join(sorted(bad))}")
        urls = p.get("start_urls")
        if isinstance(urls, str):
            urls = [urls]
        if not urls or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"{where}: `start_urls` must be a non-empty list of URLs")
        hosts: set[str] = set()
        domains: set[str] = set()
        subdomains = p.get("subdomains", True)
        if not isinstance(subdomains, bool):
            raise ConfigError(f"{where}: `subdomains` must be true or false")
        for u in urls:
            parts = urlsplit(u)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(f"{where}: not an http(s) URL: {u}")
            hosts |= _host_variants(parts.netloc)
            if subdomains and (d := site_domain(parts.netloc)):
                domains.add(d)
        for h in p.get("hosts", []):
            hosts |= {h.lower()}
        region = p.get("region")
        portals.append(
            Portal(
                name=name,
                start_urls=tuple(urls),
                settings=_settings(defaults, p, where),
                region=str(region) if region is not None else None,
                hosts=tuple(sorted(hosts)),
                domains=tuple(sorted(domains)),
                extra={k: p[k] for k in ("description", "cms") if k in p},
            )
        )
    if not portals:
        raise ConfigError("no [[portal]] in the config")
    return Config(portals=tuple(portals), defaults=defaults, path=path)


def load_config(path: str | Path) -> Config:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{p}: cannot read: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: not valid TOML: {e}") from None
    return parse_config(data, str(p))
