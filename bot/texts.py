"""The bot's own words, loaded from content/texts.yaml into a typed model."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.content import load_yaml_model


class Texts(BaseModel):
    """One field per message; a missing or unknown key is refused at start with its line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    welcome: str
    welcome_back: str
    help: str
    ask_timezone: str
    timezone_set: str
    timezone_usage: str
    ask_time: str
    time_usage: str
    time_needs_zone: str
    all_set: str
    when_today: str
    when_tomorrow: str
    when_on: str
    next_line_scheduled: str
    next_line_unscheduled: str
    prompt: str
    unknown_command: str
    private_only: str
    error_apology: str


def load_texts(content_dir: Path) -> Texts:
    return load_yaml_model(content_dir / "texts.yaml", Texts)
