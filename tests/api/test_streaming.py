"""Streamed bodies: read ahead in a thread of their own, gzip on the way, and always close the source."""

import gzip
import threading

import pytest
from starlette.requests import Request

from waitinfo.web.streaming import accepts_gzip, gzip_blocks, read_ahead


class Source:
    def __init__(self, n: int, fail_at: int | None = None):
        self.n, self.fail_at, self.closed_in, self.made = n, fail_at, None, 0

    def __iter__(self):
        try:
            for i in range(self.n):
                if i == self.fail_at:
                    raise RuntimeError("database weg")
                self.made += 1
                yield f"regel {i}\n".encode()
        finally:
            self.closed_in = threading.current_thread().name

    def gen(self):
        self._gen = iter(self)
        return self._gen


def test_read_ahead_yields_everything_in_order_and_closes_in_its_thread():
    src = Source(50)
    assert b"".join(read_ahead(src.gen(), depth=2)) == b"".join(f"regel {i}\n".encode() for i in range(50))
    assert src.closed_in == "stream-read-ahead"


def test_read_ahead_stops_the_source_when_the_consumer_goes_away():
    src = Source(10_000)
    out = read_ahead(src.gen(), depth=2)
    assert next(out) == b"regel 0\n"
    out.close()  # the client went away
    assert src.closed_in == "stream-read-ahead" and src.made < 10  # at most a few blocks ahead


def test_read_ahead_raises_the_source_error_in_the_consumer():
    with pytest.raises(RuntimeError, match="database weg"):
        list(read_ahead(Source(10, fail_at=3).gen()))


def test_gzip_blocks_is_one_valid_gzip_stream_and_closes_the_source():
    src = Source(2_000)
    raw = b"".join(gzip_blocks(src.gen()))
    assert gzip.decompress(raw).count(b"\n") == 2_000 and src.closed_in is not None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("identity", False),
        ("", False),
        ("gzip;q=0", False),
        ("deflate", False),
    ],
)
def test_accepts_gzip(header, expected):
    request = Request({"type": "http", "headers": [(b"accept-encoding", header.encode())]})
    assert accepts_gzip(request) is expected
