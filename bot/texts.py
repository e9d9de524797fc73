"""The bot's own words, loaded from content/texts.yaml into a typed model."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from bot.content import load_yaml_model


class Texts(BaseModel):
    """One field per message; a missing or unknown key is refused at start with its line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    welcome: str
    welcome_back: str
    help: str
    ask_timezone: str
    share_location: str
    zone_choices: tuple[str, ...] = Field(min_length=1)
    location_not_found: str
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
    prompt_again: str
    btn_done: str
    btn_later: str
    btn_skip: str
    btn_why: str
    btn_later_30: str
    btn_later_120: str
    btn_later_evening: str
    btn_back: str
    later_set: str
    later_when_minutes: str
    later_when_hours: str
    later_when_evening: str
    later_usage: str
    reminder_usage: str
    quiet_usage: str
    skip_ok: str
    done_ok: str
    why_this: str
    essay_titles: dict[str, str]
    follow_up_nudge: str
    win_acks: tuple[str, ...] = Field(min_length=1)
    btn_undo: str
    win_undone: str
    win_edited: str
    win_too_long: str
    win_empty: str
    progress: str
    wins_none: str
    wins_one: str
    wins_many: str
    progress_paused: str
    wins_title: str
    wins_line: str
    wins_empty: str
    wins_page: str
    btn_newer: str
    btn_older: str
    btn_delete_win: str
    practice_none: str
    pause_usage: str
    paused_days: str
    paused_forever: str
    resumed: str
    not_paused: str
    settings: str
    settings_followup_off: str
    settings_followup_after: str
    settings_paused: str
    settings_paused_forever: str
    settings_active: str
    btn_set_time: str
    btn_set_zone: str
    btn_set_followup: str
    btn_set_quiet: str
    btn_pause: str
    btn_resume: str
    btn_close: str
    ask_followup: str
    ask_quiet: str
    btn_off: str
    closed: str
    unset: str
    export_caption: str
    export_nothing: str
    forget_confirm: str
    btn_forget_yes: str
    btn_forget_no: str
    forget_done: str
    forget_kept: str
    privacy: str
    safety: str
    stale_button: str
    flood_notice: str
    admin_stats: str
    win_held: str
    redis_down: str
    onboarding_time_first: str
    unknown_command: str
    private_only: str
    error_apology: str

    series_invite: str
    series_joined: str
    series_needs_setup: str
    series_status: str
    series_status_paused: str
    series_paused: str
    series_resumed: str
    series_left: str
    series_morning: str
    series_evening: str
    btn_join: str
    btn_series_pause: str
    btn_series_resume: str
    btn_series_leave: str
    btn_followed: str
    btn_noticed: str
    btn_not_noticed: str
    series_ask_confidence: str
    series_ask_note: str
    series_not_noticed: str
    series_note_saved: str
    calibration: str
    btn_good: str
    btn_mixed: str
    btn_not_well: str
    calibration_thanks: str
    recap: str
    recap_calibration_high: str
    recap_calibration_low: str
    recap_calibration_none: str
    recap_notes: str
    btn_restart: str

    # care
    care_crisis_opening: str
    care_sos_opening: str
    care_crisis: str
    care_helpline: str
    care_call: str
    care_sms: str
    care_grounding: tuple[str, ...] = Field(min_length=1)
    care_unsure: str
    btn_care_not_okay: str
    btn_care_okay: str
    care_okay: str

    def wins_count(self, n: int) -> str:
        if n == 0:
            return self.wins_none
        return self.wins_one if n == 1 else self.wins_many.format(n=n)

    def ack(self, seed: int) -> str:
        """A varied acknowledgement for a logged win."""
        return self.win_acks[seed % len(self.win_acks)]


def load_texts(content_dir: Path) -> Texts:
    return load_yaml_model(content_dir / "texts.yaml", Texts)
