"""The room: participants add ideas, ratings and raised hands from their own phones, on the
room's network, with no accounts and no internet. `core.py` is the room's state and rules (no
web, no Textual); `web.py` serves it with aiohttp inside the app's own event loop; `qr.py`
draws the join link as a QR code in text."""
