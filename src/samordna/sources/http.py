"""A polite JSON client for the public statistics APIs.

Every call has a timeout; calls are spaced to at most ``rate`` per second;
429, 5xx, timeouts, cut-off bodies and wrong content types are retried with
exponential backoff and jitter (honouring ``Retry-After``). Answers are kept
in an on-disk cache so a re-run does not refetch; in offline mode only the
cache is read. When the retries run out, :class:`SourceError` says in Swedish
what failed, and the caller writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

USER_AGENT = "Samordna/0.1 (statistics for Swedish samordningsforbund)"


class SourceError(Exception):
    """A source could not be read; nothing from this run was written."""


class RefusedRequest(SourceError):
    """The source answered 4xx (not 429): the request itself must change."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    """A decoded JSON answer and when it was retrieved from the source."""

    data: Any
    retrieved_at: datetime
    from_cache: bool


@dataclass
class JsonClient:
    name: str
    cache_dir: Path | None = None
    offline: bool = False
    rate: float = 5.0
    timeout: float = 30.0
    retries: int = 5
    backoff: float = 0.5
    max_age: float | None = 24 * 3600.0
    sleep: Callable[[float], None] = time.sleep
    calls: int = 0
    _last: float = field(default=0.0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _client: httpx.Client | None = field(default=None, repr=False)

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout,
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                follow_redirects=True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str) -> Answer:
        return self._request("GET", url, None)

    def post(self, url: str, body: Any) -> Answer:
        return self._request("POST", url, body)

    # -- cache -------------------------------------------------------------------

    def _cache_path(self, method: str, url: str, body: Any) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([method, url, body], sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.cache_dir / self.name / digest[:2] / f"{digest}.json"

    def _from_cache(self, path: Path | None) -> Answer | None:
        if path is None or not path.exists():
            return None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            retrieved = datetime.fromisoformat(stored["retrieved_at"])
        except (ValueError, KeyError, OSError):
            return None
        age = (datetime.now(UTC) - retrieved).total_seconds()
        if not self.offline and self.max_age is not None and age > self.max_age:
            return None
        return Answer(stored["data"], retrieved, from_cache=True)

    def _to_cache(self, path: Path | None, answer: Answer) -> None:
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps(
                {"retrieved_at": answer.retrieved_at.isoformat(), "data": answer.data},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        temporary.replace(path)

    # -- the request ------------------------------------------------------------

    def _space(self) -> None:
        with self._lock:
            wait = self._last + 1.0 / self.rate - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()

    def _request(self, method: str, url: str, body: Any) -> Answer:
        path = self._cache_path(method, url, body)
        cached = self._from_cache(path)
        if cached is not None:
            return cached
        if self.offline:
            raise SourceError(
                f"{self.name}: frånkopplat läge och svaret finns inte i cachen ({url}). "
                "Kör utan --offline när nätet finns."
            )
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                delay = self.backoff * 2 ** (attempt - 1)
                self.sleep(delay + random.uniform(0, delay / 2))  # noqa: S311 - jitter, not crypto
            self._space()
            self.calls += 1
            try:
                response = self._http().request(method, url, json=body)
            except httpx.TimeoutException:
                problem = f"ingen svar inom {self.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                problem = f"anslutningen misslyckades ({type(exc).__name__})"
                continue
            if response.status_code == 429 or response.status_code >= 500:
                problem = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    self.sleep(min(float(retry_after), 60.0))
                continue
            if response.status_code >= 400:
                raise RefusedRequest(
                    f"{self.name} svarade HTTP {response.status_code} på {url}: "
                    f"{response.text[:300]}",
                    response.status_code,
                )
            content_type = response.headers.get("Content-Type", "")
            if "json" not in content_type:
                problem = f"fel innehållstyp ({content_type or 'saknas'}), väntade JSON"
                continue
            try:
                data = response.json()
            except ValueError:
                problem = "svaret var avklippt eller inte giltig JSON"
                continue
            answer = Answer(data, datetime.now(UTC), from_cache=False)
            self._to_cache(path, answer)
            return answer
        raise SourceError(
            f"{self.name}: gav upp efter {self.retries + 1} försök mot {url}: {problem}. "
            "Ingenting har sparats; försök igen senare."
        )
