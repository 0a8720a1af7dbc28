"""One JSON object a line for log collectors (``MENTORMATCH_LOG_FORMAT=json``).

Each line has ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message``, ``process``, and
``exception`` (the formatted traceback) when there is one; fields passed with ``extra=`` that
are plain JSON values are kept too.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has: not repeated as extra fields.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and isinstance(value, str | int | float | bool | type(None)):
                line.setdefault(key, value)
        return json.dumps(line, ensure_ascii=False)
