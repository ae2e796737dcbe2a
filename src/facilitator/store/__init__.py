"""The one package that owns SQLite.

Every write is a small synchronous transaction, committed with
`synchronous=FULL` before the call returns, so whatever a note-taker typed
survives a crash the moment Enter is handled. Plain tables with foreign keys,
built and migrated with sqlite-utils and readable with its CLI. A connection
belongs to the thread that opened it; workers open their own `Store`.
"""

from facilitator.store.activities import ActivityRecords
from facilitator.store.database import BUSY_TIMEOUT_MS, StoreError
from facilitator.store.schema import SCHEMA_VERSION


class Store(ActivityRecords):
    """Everything about a coalition's meetings, in one SQLite file."""


__all__ = ["BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "Store", "StoreError"]
