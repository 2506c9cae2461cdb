"""Security headers, request ids, JSON access logs, Prometheus /metrics and CORS (installed by web.app).

One pure ASGI middleware (no response buffering, so streamed exports stay streamed) that:
- takes X-Request-ID from the request when it looks sane, else makes one, and returns it;
- adds the security headers (CSP without inline script, frame-ancestors 'none', nosniff, Referrer-Policy,
  HSTS only behind TLS);
- turns an unhandled exception into the app's Dutch 500 page *inside* the middleware, so even that page
  carries the headers and the request id (Starlette's outermost handler would send it without them);
- times each request into a Prometheus histogram labelled by route template (never the raw path).
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import logging
import os
import re
import time
import uuid
from urllib.parse import urlsplit

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response

from waitinfo import __version__
from waitinfo.core.logging import configure_logging, request_id_var
from waitinfo.core.settings import Settings, get_settings

access_log = logging.getLogger("waitinfo.access")
log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)

# --- Prometheus --------------------------------------------------------------------------------
REGISTRY = CollectorRegistry(auto_describe=True)
REQUEST_SECONDS = Histogram(
    "waitinfo_http_request_duration_seconds",
    "Server time per request, by route template.",
    ["method", "route", "status"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.35, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class DatabaseCollector:
    """Import runs by status and data freshness per provider, read from the database at scrape time."""

    def describe(self):
        # Registering calls describe() (or, without it, collect()): never touch the database at import time.
        for name, doc in (
            ("waitinfo_database_up", ""),
            ("waitinfo_import_runs", ""),
            ("waitinfo_provider_data_age_days", ""),
            ("waitinfo_providers_stale", ""),
            ("waitinfo_build_info", ""),
        ):
            yield GaugeMetricFamily(name, doc)

    def collect(self):
        from waitinfo.core.metrics import database_figures

        figures = database_figures()
        up = GaugeMetricFamily("waitinfo_database_up", "1 when the database answered the last scrape.")
        up.add_metric([], 1.0 if figures.up else 0.0)
        yield up
        runs = GaugeMetricFamily("waitinfo_import_runs", "Import runs recorded, by status.", labels=["status"])
        for status, n in sorted(figures.import_runs.items()):
            runs.add_metric([status], n)
        yield runs
        age = GaugeMetricFamily(
            "waitinfo_provider_data_age_days",
            "Days since a provider last confirmed its data (newest wait figure or assured date).",
            labels=["provider"],
        )
        stale_after = get_settings().stale_after_days
        stale = 0
        for slug, days in sorted(figures.provider_age_days.items()):
            age.add_metric([slug], days)
            stale += days > stale_after
        yield age
        st = GaugeMetricFamily("waitinfo_providers_stale", "Providers whose data is older than the stale limit.")
        st.add_metric([], stale)
        yield st
        info = GaugeMetricFamily("waitinfo_build_info", "Version of the running app.", labels=["version"])
        info.add_metric([__version__], 1)
        yield info


REGISTRY.register(DatabaseCollector())


def metrics_registry() -> CollectorRegistry:
    """With several workers (PROMETHEUS_MULTIPROC_DIR set) merge every worker's histogram files."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(DatabaseCollector())
    return registry


async def metrics_endpoint(request: Request) -> Response:
    """Every provider's data age and the traffic: only for the scraper holding WAITINFO_METRICS_TOKEN (a bearer
    token); without a configured token the page does not exist."""
    import hmac

    from starlette.concurrency import run_in_threadpool

    token = get_settings().metrics_token
    if not token:
        return Response("Niet gevonden.", status_code=404, media_type="text/plain; charset=utf-8")
    sent = request.headers.get("authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return Response(
            "Inloggen nodig: stuur het metrics-token als 'Authorization: Bearer <token>'.",
            status_code=401,
            media_type="text/plain; charset=utf-8",
            headers={"WWW-Authenticate": "Bearer"},
        )
    body = await run_in_threadpool(generate_latest, metrics_registry())
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


# --- security headers --------------------------------------------------------------------------
def content_security_policy(settings: Settings, extra_script: str = "", extra_style: str = "") -> str:
    img = ["'self'", "data:"]
    if settings.map_tiles_url:
        parts = urlsplit(settings.map_tiles_url.replace("{s}", "a"))
        if parts.scheme and parts.netloc:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.map_tiles_url else parts.netloc
            img.append(f"{parts.scheme}://{host}")
    directives = {
        "default-src": "'self'",
        "script-src": f"'self'{extra_script}",
        # style-src 'self' is enough: htmx's injected indicator style is switched off in base.html
        # (htmx-config includeIndicatorStyles=false, the rule lives in app.css), and Leaflet positions
        # its panes through the CSSOM (element.style), which CSP does not restrict.
        "style-src": f"'self'{extra_style}",
        "img-src": " ".join(img),
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def security_headers(settings: Settings) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", content_security_policy(settings)),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]


HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def pre_session_cookie(token: str) -> str:
    from waitinfo.web.csrf import PRE_SESSION_COOKIE

    return f"{PRE_SESSION_COOKIE}={token}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"


def secure_cookies(message: dict) -> None:
    """Add the Secure flag to every Set-Cookie of a response start message that lacks it."""
    headers = message["headers"]  # a list once MutableHeaders has wrapped it: change it in place
    for i, (name, value) in enumerate(headers):
        flags = {part.strip().lower() for part in value.split(b";")[1:]}
        if name.lower() == b"set-cookie" and b"secure" not in flags:
            headers[i] = (name, value + b"; Secure")


def _script_hashes(body: bytes) -> str:
    hashes = {base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() for m in _INLINE_SCRIPT.finditer(body)}
    return "".join(f" 'sha256-{h}'" for h in sorted(hashes))


class WaitinfoMiddleware:
    def __init__(self, app, *, fastapi_app: FastAPI, settings: Settings):
        self.app = app
        self.fastapi_app = fastapi_app
        self.settings = settings
        self.headers = security_headers(settings)
        # Swagger UI (/docs) is FastAPI's page with one inline bootstrap script: allow exactly that
        # script by its hash (computed from the page itself) and the CDN it loads from, on that page only.
        self.docs_paths = {p for p in (fastapi_app.docs_url, fastapi_app.swagger_ui_oauth2_redirect_url) if p}

    def _route_label(self, scope) -> str:
        route = scope.get("route")
        return getattr(route, "path", None) or "unmatched"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        start = time.perf_counter()
        state = {"status": 500, "started": False}
        secure = self.settings.secure_cookies or scope.get("scheme") == "https"
        scope.setdefault("state", {})  # shared with request.state: the CSRF token made while rendering
        is_docs = scope.get("path") in self.docs_paths
        held: list[dict] = []

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name not in headers:
                        headers[name] = value
                new_csrf = (scope.get("state") or {}).get("new_csrf_cookie")
                if new_csrf:
                    headers.append("set-cookie", pre_session_cookie(new_csrf))
                if secure:
                    headers[HSTS[0]] = HSTS[1]
                    secure_cookies(message)  # one setting drives both: HSTS sent, so every cookie is Secure
                headers[REQUEST_ID_HEADER] = rid
                if is_docs:
                    held.append(message)
                    return
            elif message["type"] == "http.response.body" and is_docs:
                held.append(message)
                if message.get("more_body"):
                    return
                await self._send_docs(held, send)
                return
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            if state["started"]:
                log.exception("error after the response started on %s", scope.get("path"))
                raise
            response = await self._error_response(scope, receive, exc)
            await response(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = self._route_label(scope)
            REQUEST_SECONDS.labels(scope.get("method", ""), route, str(state["status"])).observe(elapsed)
            access_log.info(
                "%s %s %s %.1fms",
                scope.get("method"),
                scope.get("path"),
                state["status"],
                elapsed * 1000,
                extra={
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "route": route,
                    "status": state["status"],
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)

    async def _send_docs(self, held: list[dict], send) -> None:
        body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
        start = held[0]
        headers = MutableHeaders(scope=start)
        cdn = " https://cdn.jsdelivr.net"
        headers["Content-Security-Policy"] = content_security_policy(
            self.settings, extra_script=cdn + _script_hashes(body), extra_style=cdn
        )
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _error_response(self, scope, receive, exc: Exception) -> Response:
        handler = self.fastapi_app.exception_handlers.get(Exception) or self.fastapi_app.exception_handlers.get(500)
        request = Request(scope, receive)
        if handler is None:
            log.exception("unhandled error on %s", scope.get("path"))
            return Response(
                "Er ging iets mis. Probeer het later opnieuw.", status_code=500, media_type="text/plain; charset=utf-8"
            )
        result = handler(request, exc)
        return await result if inspect.isawaitable(result) else result


def install(app: FastAPI, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    if settings.log_json:
        configure_logging(json_lines=True, level=settings.log_level)
    app.add_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "X-API-Key",
                "If-None-Match",
                "If-Modified-Since",
                REQUEST_ID_HEADER,
            ],
            expose_headers=[REQUEST_ID_HEADER, "ETag", "Last-Modified", "Retry-After"],
            max_age=600,
        )
    from waitinfo.web.limits import RequestLimits

    app.add_middleware(RequestLimits, settings=settings)  # inside: its 400/413 answers get the headers below
    app.add_middleware(WaitinfoMiddleware, fastapi_app=app, settings=settings)
