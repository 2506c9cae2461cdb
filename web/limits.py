"""Request limits at the door (pure ASGI, installed by web.middleware), so no route has to remember them:

- request bodies are counted while they arrive, with or without Content-Length (chunked): over the route's
  limit the answer is 413 with a Dutch message (push API 5 MB, file uploads `max_upload_bytes`, forms 1 MB);
- NUL bytes in the path, the query string or a form/JSON body: 400 (PostgreSQL text cannot hold them);
- page numbers (`pagina`, `page`, `_page`) above MAX_PAGE: 400 instead of an OFFSET overflow;
- JSON nested deeper than MAX_JSON_DEPTH: 400 before any parser recurses into it.

Form and JSON bodies are small (1 and 5 MB at most) and read here whole, then handed on unchanged; other bodies
(uploads) stream through, counted chunk by chunk.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from waitinfo.core.settings import Settings

MB = 1024 * 1024
API_LIMIT = 5 * MB
FORM_LIMIT = 1 * MB
MAX_PAGE = 100_000
PAGE_PARAMS = frozenset({"pagina", "page", "_page"})
MAX_JSON_DEPTH = 64

NUL_MESSAGE = (
    "Het verzoek bevat een ongeldig teken (een nul-byte, %00). Haal dat teken weg uit wat u invulde of uit het "
    "adres, en probeer het opnieuw."
)
PAGE_MESSAGE = f"Dit paginanummer bestaat niet: kies een pagina van 1 tot en met {MAX_PAGE:,}.".replace(",", ".")
DEPTH_MESSAGE = (
    f"De JSON is te diep genest (meer dan {MAX_JSON_DEPTH} niveaus). Stuur een plattere structuur volgens de "
    "documentatie op /docs."
)

_STRING = re.compile(rb'"[^"]*"')
_PAIR = re.compile(rb"\[\]|\{\}")
_NOT_BRACKET_OR_QUOTE = bytes(b for b in range(256) if b not in b'[]{}"')


def too_size_message(limit: int) -> str:
    return (
        f"Het verzoek is te groot: stuur ten hoogste {limit // MB} MB per verzoek. Verdeel de gegevens over "
        "meer verzoeken of kleinere bestanden."
    )


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than `limit`, at C speed: escaped backslashes and quotes go,
    then every byte but brackets and quotes, then the strings; of the brackets left, innermost pairs are deleted
    until nothing is left (shallow enough) or a run of `limit` + 1 opening brackets shows (too deep)."""
    brackets = body.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, delete=_NOT_BRACKET_OR_QUOTE)
    brackets = _STRING.sub(b"", brackets)
    too_deep = re.compile(rb"[\[{]{%d}" % (limit + 1))
    for _ in range(limit):
        if not brackets:
            return False
        if too_deep.search(brackets):
            return True
        brackets, n = _PAIR.subn(b"", brackets)
        if n == 0:
            return False  # unbalanced: the JSON parser reports that itself
    return bool(brackets) and _PAIR.search(brackets) is not None


def _query_problem(scope) -> str | None:
    raw = scope.get("query_string", b"")
    if b"%00" in raw or b"\x00" in raw or "\x00" in scope.get("path", ""):
        return NUL_MESSAGE
    if raw:
        for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
            value = value.strip()
            if key in PAGE_PARAMS and value.isdigit() and (len(value) > 6 or int(value) > MAX_PAGE):
                return PAGE_MESSAGE
    return None


async def _too_deep(body: bytes) -> bool:
    if len(body) < 64 * 1024:
        return json_too_deep(body)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(json_too_deep, body)  # megabytes: off the event loop


class RequestLimits:
    def __init__(self, app, *, settings: Settings):
        self.app = app
        self.upload_limit = settings.max_upload_bytes

    def _limit(self, scope, content_type: str) -> int:
        if scope.get("path", "").startswith(("/api/", "/fhir/")):
            return API_LIMIT
        if content_type == "multipart/form-data":
            return self.upload_limit
        return FORM_LIMIT

    async def _refuse(self, scope, receive, send, status: int, message: str) -> None:
        if scope.get("path", "").startswith("/fhir/"):  # FHIR clients get an OperationOutcome, like every FHIR error
            from waitinfo.fhir.mapping import operation_outcome

            code = "too-costly" if status == 413 else "invalid"
            response = JSONResponse(operation_outcome(code, message), status, media_type="application/fhir+json")
        else:
            from waitinfo.web.errors import error_response

            response = error_response(Request(scope, receive), status, message)
        await response(scope, receive, send)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = _query_problem(scope)
        if problem:
            await self._refuse(scope, receive, send, 400, problem)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        limit = self._limit(scope, content_type)
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            await self._refuse(scope, receive, send, 413, too_size_message(limit))
            return
        is_json = content_type == "application/json" or content_type.endswith("+json")
        if is_json or content_type == "application/x-www-form-urlencoded":
            await self._whole_body(scope, receive, send, limit, is_json)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        await self.app(scope, self._counting(receive, limit), send)

    def _counting(self, receive, limit: int):
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, too_size_message(limit))
            return message

        return counted

    async def _whole_body(self, scope, receive, send, limit: int, is_json: bool) -> None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, receive, send, 413, too_size_message(limit))
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if b"\x00" in body or (b"%00" in body if not is_json else b"\\u0000" in body.lower()):
            await self._refuse(scope, receive, send, 400, NUL_MESSAGE)
            return
        if is_json and await _too_deep(body):
            await self._refuse(scope, receive, send, 400, DEPTH_MESSAGE)
            return
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
