"""Logging set-up: plain text for people, one JSON object per line for machines, always with the request id."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

# The id of the request being handled (set by web.middleware); "-" outside a request.
request_id_var: ContextVar[str] = ContextVar("waitinfo_request_id", default="-")

_HANDLER_MARK = "_waitinfo_handler"
# Attributes every LogRecord has; anything else was passed with `extra=` and goes into the JSON.
_STANDARD = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "color_message",
}


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` so every formatter (plain or JSON) can show it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_info:
            out["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(out, ensure_ascii=False)


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def configure_logging(json_lines: bool = False, level: str = "INFO", stream=None) -> logging.Handler:
    """Install one handler on the root logger (idempotent: a second call replaces the first handler).

    Uvicorn's own loggers are routed through the same handler so access and error lines share the format.
    """
    root = logging.getLogger()
    for h in list(root.handlers):
        # JSON mode owns stderr: a basicConfig handler (the CLI's) would print every line a second time as text.
        if getattr(h, _HANDLER_MARK, False) or (
            json_lines
            and isinstance(h, logging.StreamHandler)
            and getattr(h, "stream", None) in (sys.stderr, sys.stdout)
        ):
            root.removeHandler(h)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(PLAIN_FORMAT))
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers = []
        lg.propagate = True
    if json_lines:
        # web.middleware writes one access line per request with its request id; uvicorn's would be a twin.
        logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    return handler
