"""Where the database lives: `--db`, then `FACILITATOR_DB`, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "facilitator"


def data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_db_path(explicit: str | None = None) -> Path:
    """The database to open; nothing is created here."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get("FACILITATOR_DB")
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / "facilitator.db"


def demo_db_path() -> Path:
    """The demo's own database, so trying the app never touches real meetings."""
    return data_dir() / "demo.db"
