"""Join codes, host keys and resume tokens: generating, hashing, comparing in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No look-alikes: no 0/O, no 1/I/L."""


def new_code() -> str:
    """A join code like `K7Q-2M9` (about 30 bits: guessing is limited per address)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


def canonical_code(code: str) -> str:
    """Codes compare case-insensitively, ignoring spaces and dashes."""
    return code.upper().replace(" ", "").replace("-", "")


def codes_match(given: str, expected: str) -> bool:
    return hmac.compare_digest(canonical_code(given).encode(), canonical_code(expected).encode())


def new_key() -> str:
    """A host key: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_token() -> str:
    """A resume token: 192 bits, URL-safe."""
    return secrets.token_urlsafe(24)


def digest(secret: str) -> str:
    """How keys and tokens are stored: SHA-256, hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def secrets_match(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def new_identity_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(4)}"
