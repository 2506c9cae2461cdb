"""HTTP for pull adapters: httpx with timeouts, the feed's auth headers, and retries with backoff."""

from __future__ import annotations

import logging
import time

import httpx

from waitinfo.core.settings import get_settings
from waitinfo.providers.base import ReadError

log = logging.getLogger(__name__)

ATTEMPTS = 3
BACKOFF_SECONDS = 1.0  # 1 s, 2 s, ... between attempts
MAX_BYTES = 50 * 1024 * 1024
RETRY_STATUS = {429, 500, 502, 503, 504}


def timeout() -> float:
    return get_settings().http_timeout_seconds


def get(url: str, headers: dict | None = None, params: dict | None = None) -> httpx.Response:
    """GET with retries on timeouts, connection errors and 5xx/429; a Dutch ReadError when it keeps failing."""
    last = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with httpx.Client(
                timeout=timeout(),
                follow_redirects=True,
                headers={"User-Agent": "waitinfo-twente/1.0", **(headers or {})},
            ) as client:
                response = client.get(url, params=params)
        except httpx.TimeoutException:
            last = f"geen antwoord binnen {timeout():g} seconden (time-out)"
        except httpx.HTTPError as exc:
            last = f"verbinding mislukt ({exc.__class__.__name__})"
        else:
            if response.status_code in RETRY_STATUS:
                last = f"de server antwoordde met HTTP {response.status_code}"
            elif response.status_code in (401, 403):
                raise ReadError(
                    f"De feed weigert toegang (HTTP {response.status_code}); controleer de "
                    f"autorisatiekop in de koppeling."
                )
            elif response.status_code >= 400:
                raise ReadError(f"De feed antwoordde met HTTP {response.status_code} op {url}; controleer het adres.")
            elif len(response.content) > MAX_BYTES:
                raise ReadError("Het antwoord is groter dan 50 MB; lever het bestand in delen aan.")
            else:
                return response
        log.info("GET %s attempt %d failed: %s", url, attempt, last)
        if attempt < ATTEMPTS:
            time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
    raise ReadError(f"Na {ATTEMPTS} pogingen: {last}.")
