"""Settings from the environment and an optional .env, validated once at start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Self
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
REDIS_SCHEMES = ("redis", "rediss", "unix", "redis+cluster", "redis+sentinel")
"""What bot.store.connect understands; anything else is refused at start, not at first use."""
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class Settings(BaseSettings):
    """Every operator setting; the names are fixed because tools rely on them."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = Field(default=None, alias="BOT_TOKEN")
    bot_api_url: str = Field(default=DEFAULT_API_URL, alias="BOT_API_URL")
    redis_url: str | None = Field(default=None, alias="REDIS_URL")
    data_dir: Path = Field(default=Path(".tend"), alias="DATA_DIR")
    data_key: SecretStr | None = Field(default=None, alias="DATA_KEY")
    """Master key(s) wrapping every user's data key: base64 of 32 bytes, newest first,
    comma-separated while rotating. Unset: a key file DATA_DIR/data.key (made 0600)."""
    keyring_url: str | None = Field(default=None, alias="KEYRING_URL")
    """A second Redis for the wrapped data keys, never REDIS_URL's server. Unset: files
    under DATA_DIR/keyring."""
    content_dir: Path | None = Field(default=None, alias="CONTENT_DIR")
    send_rate_per_s: float = Field(default=25.0, gt=0, le=1000, alias="SEND_RATE_PER_S")
    admin_ids: Annotated[tuple[int, ...], NoDecode] = Field(default=(), alias="ADMIN_IDS")
    catch_up_s: int = Field(default=7200, ge=0, alias="CATCH_UP_S")
    tick_s: float = Field(default=2.0, gt=0, le=60, alias="TICK_S")
    lease_s: float = Field(default=120.0, ge=1, le=3600, alias="LEASE_S")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    """Public HTTPS URL Telegram posts updates to (behind a reverse proxy); unset: polling."""
    webhook_listen: str = Field(default="0.0.0.0", alias="WEBHOOK_LISTEN")  # noqa: S104
    webhook_port: int = Field(default=8443, ge=1, le=65535, alias="WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(default=None, alias="WEBHOOK_SECRET")
    metrics_port: int = Field(default=0, ge=0, le=65535, alias="METRICS_PORT")
    """/healthz and /metrics; 0 (the default) serves neither."""
    metrics_host: str = Field(default="127.0.0.1", alias="METRICS_HOST")
    playground_port: int = Field(default=8080, ge=0, le=65535, alias="PLAYGROUND_PORT")
    time_travel: bool = Field(default=False, alias="TIME_TRAVEL")
    """Let the clock be moved forward through Redis (the playground and tests; never prod)."""
    poll_lock_ttl_s: int = Field(default=60, ge=3, le=600, alias="POLL_LOCK_TTL_S")
    """How long the long-polling lock outlives its holder's last renewal (renewed every
    third of it): a process restarted after a crash waits at most this long."""
    wins_max: int = Field(default=10_000, ge=1, alias="WINS_MAX")
    """Wins kept per user; at the cap, new ones are refused kindly (export, then delete)."""
    wins_max_bytes: int = Field(default=8 * 1024 * 1024, ge=1024, alias="WINS_MAX_BYTES")
    """Bytes of wins kept per user (as stored, UTF-8 JSON), with the same kind refusal."""
    exports_per_hour: int = Field(default=3, ge=1, le=100, alias="EXPORTS_PER_HOUR")
    """/export runs per user per rolling hour (each reads and uploads everything kept)."""
    retention_days: int = Field(default=180, ge=0, alias="RETENTION_DAYS")
    """People who blocked the bot this many days ago are deleted like /forget; 0: never."""
    helpline_text: str = Field(
        default="You can find free, confidential helplines in your country at "
        "https://findahelpline.com",
        min_length=1,
        alias="HELPLINE_TEXT",
    )

    @field_validator("bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            head, sep, tail = value.get_secret_value().partition(":")
            if not (sep and head.isdigit() and tail):
                raise ValueError(
                    "BOT_TOKEN does not look like a token from @BotFather "
                    "(expected digits, a colon, then letters)"
                )
        return value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _blank_webhook_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Self:
        if self.webhook_url is not None:
            if not self.webhook_url.startswith("https://"):
                raise ValueError("WEBHOOK_URL must be an https:// URL (Telegram posts only there)")
            if self.webhook_secret is None:
                raise ValueError("WEBHOOK_SECRET is required with WEBHOOK_URL")
        return self

    @model_validator(mode="after")
    def _time_travel_only_locally(self) -> Self:
        host = urlsplit(self.bot_api_url).hostname or ""
        if self.time_travel and self.bot_token is not None and host not in LOCAL_HOSTS:
            raise ValueError(
                "TIME_TRAVEL lets anyone with access to Redis move the bot's clock, so it is "
                "refused with a real Bot API: unset it, or point BOT_API_URL at a local "
                "stand-in (localhost)"
            )
        return self

    @field_validator("redis_url", mode="before")
    @classmethod
    def _blank_url_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        scheme = value.partition("://")[0].lower() if value and "://" in value else None
        if value is not None and scheme not in REDIS_SCHEMES:
            raise ValueError(
                f"REDIS_URL must start with {', '.join(s + '://' for s in REDIS_SCHEMES)} "
                "(for example redis://localhost:6379/0), or be unset for the embedded Redis"
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
        return value.strip().upper()

    @field_validator("data_key", "keyring_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("data_key")
    @classmethod
    def _data_key_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            from bot.crypto import CryptoError, MasterKeys

            try:
                MasterKeys.parse(value.get_secret_value())
            except CryptoError:
                raise ValueError(
                    "DATA_KEY must be base64 of 32 random bytes (make one with `tend keys new`), "
                    "or several separated by commas, newest first"
                ) from None
        return value

    @model_validator(mode="after")
    def _keyring_apart(self) -> Self:
        if self.keyring_url is not None and _servers(self.keyring_url) & _servers(
            self.redis_url or ""
        ):
            raise ValueError(
                "KEYRING_URL must name another Redis than REDIS_URL: the keys that /forget "
                "destroys must not share the words' backups"
            )
        if self.keyring_url is not None and self.data_key is None:
            raise ValueError(
                "DATA_KEY is required with KEYRING_URL: every process must wrap the keys in "
                "the shared keyring under the same master key (make one with `tend keys new`)"
            )
        return self

    @field_validator("bot_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("BOT_API_URL must start with http:// or https://")
        if not value.endswith("/bot"):
            # The token is appended to it as is: ".../bot/" or ".../" puts the token in a
            # path the server does not know (404), and servers echo such paths in errors.
            raise ValueError(
                "BOT_API_URL must end in /bot, with no slash after it (the token is added "
                "right after it), for example https://api.telegram.org/bot"
            )
        try:
            urlsplit(value).port  # noqa: B018 - raises on a port that is not a port
        except ValueError:
            raise ValueError("BOT_API_URL's port is not a number from 1 to 65535") from None
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not p.lstrip("-").isdigit()]
            if bad:
                raise ValueError(f"ADMIN_IDS must be comma-separated numbers, not {bad[0]!r}")
            return tuple(int(p) for p in parts)
        return value

    @property
    def token(self) -> str | None:
        """The bot token in clear, for the one place that needs it (PTB's builder)."""
        return self.bot_token.get_secret_value() if self.bot_token else None

    def content_path(self) -> Path:
        """Where the practices live: CONTENT_DIR, or the content shipped with Tend."""
        return self.content_dir if self.content_dir is not None else default_content_dir()


def _servers(url: str) -> set[str]:
    """The host:port pairs a Redis URL names (several for a cluster or Sentinel)."""
    netloc = urlsplit(url).netloc.rpartition("@")[2]
    return {h if ":" in h else f"{h}:6379" for h in netloc.split(",") if h}


def default_content_dir() -> Path:
    """The content/ folder next to the packages (a source checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent / "content"
