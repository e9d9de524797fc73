"""Sealing people's words, and wrapping the keys that seal them. Pure: no I/O, no clock.

Two layers (envelope encryption):

* a **data key** per user (32 random bytes) seals that user's words with AES-256-GCM;
* a **master key** (DATA_KEY, or the key file) wraps each data key, also with AES-256-GCM.

Destroying a user's wrapped data key makes every copy of their words unreadable, wherever
it was copied (an RDB snapshot, an AOF, a replica): crypto-shredding.

Formats (ASCII, so they fit a decoded Redis reply):

* sealed words:  ``v1:`` + base64(nonce 12 bytes || ciphertext || tag 16 bytes)
* a wrapped key: ``<key id>:`` + base64(nonce || wrapped data key || tag)

Associated data binds every ciphertext to where it belongs: words to their user and field
(``tend/words/<user>/<field>``, e.g. ``win:<id>``), a data key to its user
(``tend/key/<user>``). A ciphertext moved to another user or field does not open.
Random 96-bit nonces: a data key seals at most a few hundred thousand values in a user's
lifetime, far below the 2^32 at which random nonces start to risk a collision.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
SEALED_PREFIX = "v1:"


class CryptoError(ValueError):
    """A ciphertext or key that does not open: tampered, moved, or under another key."""


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def key_id(master: bytes) -> str:
    """A short public name of a master key, recorded with every key it wraps."""
    return hashlib.sha256(b"tend key id\0" + master).hexdigest()[:8]


def words_ad(user_id: int, field: str) -> bytes:
    return f"tend/words/{user_id}/{field}".encode()


def key_ad(user_id: int) -> bytes:
    return f"tend/key/{user_id}".encode()


def is_sealed(value: str) -> bool:
    return value.startswith(SEALED_PREFIX)


def cipher(data_key: bytes) -> AESGCM:
    """AES-GCM under a data key: what ``seal`` and ``open_sealed`` take (built once, cached)."""
    return AESGCM(data_key)


def seal(data: AESGCM, user_id: int, field: str, plaintext: str) -> str:
    """The user's words, sealed under their data key and bound to (user, field)."""
    return SEALED_PREFIX + _encrypt(data, plaintext.encode(), words_ad(user_id, field))


def open_sealed(data: AESGCM, user_id: int, field: str, sealed: str) -> str:
    """The words back; ``CryptoError`` when tampered with, moved, or under another key."""
    if not is_sealed(sealed):
        raise CryptoError("not a sealed value")
    return _decrypt(data, sealed.removeprefix(SEALED_PREFIX), words_ad(user_id, field)).decode()


@dataclass(frozen=True, slots=True)
class MasterKeys:
    """The master keys this process knows: wraps with the first, unwraps with any."""

    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys or any(len(k) != KEY_BYTES for k in self.keys):
            raise CryptoError(f"a master key is {KEY_BYTES} bytes")

    @classmethod
    def parse(cls, text: str) -> MasterKeys:
        """Base64 keys separated by commas or new lines, newest first."""
        parts = [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
        try:
            keys = tuple(base64.b64decode(p, validate=True) for p in parts)
        except (binascii.Error, ValueError):
            raise CryptoError("a master key is base64 (44 characters)") from None
        return cls(keys)

    def text(self) -> str:
        return ",".join(base64.b64encode(k).decode() for k in self.keys)

    @property
    def primary_id(self) -> str:
        return key_id(self.keys[0])

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(key_id(k) for k in self.keys)

    def wrap(self, user_id: int, data_key: bytes) -> str:
        """A data key wrapped under the newest master key, naming that key."""
        body = _encrypt(AESGCM(self.keys[0]), data_key, key_ad(user_id))
        return f"{self.primary_id}:{body}"

    def unwrap(self, user_id: int, wrapped: str) -> bytes:
        """The data key; ``CryptoError`` when no known master key wrapped it."""
        kid, _, body = wrapped.partition(":")
        for master in self._by_id(kid):
            return _decrypt(AESGCM(master), body, key_ad(user_id))
        raise CryptoError(f"no master key with id {kid} (DATA_KEY lists {', '.join(self.ids)})")

    def wrapped_by_primary(self, wrapped: str) -> bool:
        return wrapped.partition(":")[0] == self.primary_id

    def _by_id(self, kid: str) -> Sequence[bytes]:
        return [k for k in self.keys if key_id(k) == kid]


def _encrypt(key: AESGCM, plaintext: bytes, ad: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    return base64.b64encode(nonce + key.encrypt(nonce, plaintext, ad)).decode()


def _decrypt(key: AESGCM, text: str, ad: bytes) -> bytes:
    try:
        blob = base64.b64decode(text, validate=True)
        return key.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], ad)
    except (InvalidTag, binascii.Error, ValueError):
        raise CryptoError("does not open: tampered with, moved, or under another key") from None
