"""A local stand-in for the Telegram Bot API, for tests that run the real bot against it."""

from .server import ApiError, BotApiEmulator, Call, CallbackAnswer, ChatMessage, UploadedFile

__all__ = ["ApiError", "BotApiEmulator", "Call", "CallbackAnswer", "ChatMessage", "UploadedFile"]
