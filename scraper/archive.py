"""Raw responses kept in WARC files (warcio), one gzip member per record so that a record can be
read back from its offset alone.

Each crawl run appends to a file of its own: a run killed mid-write can leave a torn record at
the end of its file, but no later run appends after it, and the database only points at records
that were fully written and fsynced before the pointer was committed.
"""

from __future__ import annotations

import io
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# headers that describe the transfer, not the bytes we keep (httpx has already decoded them)
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass
class Stored:
    path: str
    offset: int
    length: int


@dataclass
class Record:
    url: str
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    date: str | None

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)


def header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first value of header `name` (any case) in a list of (name, value) pairs."""
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), None)


def archive_dir_for(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".warc") if str(db_path) != ":memory:" else Path("gongkai.warc")


class Archive:
    def __init__(self, directory: str | Path, *, prefix: str = "crawl") -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = self.dir / f"{prefix}-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}.warc.gz"
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self._fh = open(self.path, "ab")  # noqa: SIM115 - kept open for the run
            self._writer = WARCWriter(self._fh, gzip=True)
        return self._writer

    def write(
        self,
        url: str,
        status: int,
        headers: list[tuple[str, str]],
        content: bytes,
        *,
        http_version: str = "HTTP/1.1",
        fetched_at: str | None = None,
        request_method: str = "GET",
    ) -> Stored:
        writer = self._open()
        assert self._fh is not None
        kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
        kept.append(("Content-Length", str(len(content))))
        reason = "OK" if status == 200 else ""
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol=http_version)
        warc_headers = {}
        if fetched_at:
            warc_headers["WARC-Date"] = fetched_at
        if request_method != "GET":
            warc_headers["WARC-Request-Method"] = request_method  # informative; POST form pages
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(content), http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._fh.seek(0, os.SEEK_END)
        offset = self._fh.tell()
        writer.write_record(record)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        return Stored(str(self.path), offset, self._fh.tell() - offset)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None


def read_record(path: str | Path, offset: int) -> Record:
    """The response stored at `offset` of the WARC file `path`."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response":
                continue
            status = int(rec.http_headers.get_statuscode() or 0)
            headers = list(rec.http_headers.headers)
            content = rec.content_stream().read()
            return Record(
                url=rec.rec_headers.get_header("WARC-Target-URI"),
                status=status,
                headers=headers,
                content=content,
                date=rec.rec_headers.get_header("WARC-Date"),
            )
    raise LookupError(f"no WARC response record at {path}:{offset}")
