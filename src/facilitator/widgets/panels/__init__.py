"""One panel renderer per activity, in a module named as the activity (`checkin.py` for the
activity named "checkin"): `render(view, now) -> Text` draws the activity's view struct."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime

from rich.text import Text

from facilitator.activities.base import ActivityView

Render = Callable[[ActivityView, datetime], Text]


def renderer(activity_name: str) -> Render:
    module = importlib.import_module(f"{__name__}.{activity_name}")
    render: Render = module.render
    return render
