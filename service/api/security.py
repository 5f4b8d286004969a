"""Who may call what: API keys, admin keys and a per-key rate limit (checked by ``api/deps.py``).

With no keys configured the API is open (the default, on loopback). Once keys are set, every
``/v1/*`` route and ``/metrics`` need ``Authorization: Bearer <key>`` (what the ``openai`` client
sends as its ``api_key``); changing the articles needs an admin key, and nobody may when no admin
key is set. Keys are kept only as SHA-256 digests and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from pydantic import SecretStr

from service.config import Settings
from service.errors import BusyError, ConfigurationError, ForbiddenError, UnauthorizedError

_HASHED = "sha256:"


@dataclass(frozen=True)
class KeySet:
    """Digests of the accepted keys."""

    digests: tuple[bytes, ...] = ()

    @classmethod
    def parse(cls, spec: str | None, setting: str) -> KeySet:
        """``"k1,k2"``, or ``"@path"`` naming a file of one entry per line (``#`` comments); an entry
        ``sha256:<hex>`` is a key's hash, so the file need not hold the key itself."""
        if not spec or not spec.strip():
            return cls()
        spec = spec.strip()
        if spec.startswith("@"):
            path = Path(spec[1:])
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigurationError(f"{setting}: cannot read key file {path}: {exc.strerror}") from None
            entries = [line.split("#", 1)[0].strip() for line in lines]
        else:
            entries = [part.strip() for part in spec.split(",")]
        return cls(tuple(_digest(entry, setting) for entry in entries if entry))

    def __bool__(self) -> bool:
        return bool(self.digests)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        found = False
        for known in self.digests:  # no early exit: the time does not say which entry matched
            found |= hmac.compare_digest(digest, known)
        return found


def _digest(entry: str, setting: str) -> bytes:
    if entry.lower().startswith(_HASHED):
        hexdigest = entry[len(_HASHED) :].strip()
        try:
            raw = bytes.fromhex(hexdigest)
        except ValueError:
            raw = b""
        if len(raw) != 32:
            raise ConfigurationError(f"{setting}: a sha256: entry must be 64 hex digits")
        return raw
    return hashlib.sha256(entry.encode("utf-8")).digest()


class RateLimiter:
    """A token bucket per caller: ``per_minute`` requests, refilled continuously (per process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}  # caller -> (tokens, last refill)
        self._lock = threading.Lock()

    def check(self, caller: str) -> None:
        """Take one token, or raise a 429 saying when the next one is due."""
        if self.per_minute <= 0:
            return
        rate = self.per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(caller, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[caller] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / rate)
                raise BusyError(f"rate limit: {self.per_minute} requests per minute; retry in {wait} s", wait)
            self._buckets[caller] = (tokens - 1.0, now)
            if len(self._buckets) > 10_000:  # forget callers whose buckets are full again
                horizon = now - 60.0
                self._buckets = {c: b for c, b in self._buckets.items() if b[1] > horizon}


class Access:
    """The keys and the limiter of one app."""

    def __init__(self, settings: Settings) -> None:
        admin = KeySet.parse(_secret(settings.admin_keys), "NEWSDESK_ADMIN_KEYS")
        plain = KeySet.parse(_secret(settings.api_keys), "NEWSDESK_API_KEYS")
        self.admin = admin
        self.keys = KeySet(plain.digests + admin.digests)  # an admin key is also a plain key
        self.limiter = RateLimiter(settings.rate_limit_per_minute)

    @property
    def open(self) -> bool:
        return not self.keys

    def caller(self, request: Request) -> str | None:
        """The request's key if it is one of ours; 401 otherwise (when keys are set)."""
        key = _bearer(request)
        if self.open:
            return key
        if key is None:
            raise UnauthorizedError("this service needs an API key: send 'Authorization: Bearer <key>'")
        if key not in self.keys:
            raise UnauthorizedError("the API key was not accepted")
        return key

    def limit(self, request: Request, key: str | None) -> None:
        # By key digest when keyed (never the key itself, even in memory longer than needed).
        if key is not None and not self.open:
            who = hashlib.sha256(key.encode()).hexdigest()[:16]
        else:
            who = request.client.host if request.client else "unknown"
        self.limiter.check(who)

    def check(self, request: Request) -> None:
        """Any accepted key (or none needed), within the rate limit."""
        self.limit(request, self.caller(request))

    def check_admin(self, request: Request) -> None:
        """Changing the articles: an admin key when keys are set."""
        key = self.caller(request)
        if not self.open and (not self.admin or key not in self.admin):
            raise ForbiddenError(
                "changing the articles needs an admin key (NEWSDESK_ADMIN_KEYS)"
                if self.admin
                else "changing the articles is turned off: no admin key is set (NEWSDESK_ADMIN_KEYS)"
            )


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
