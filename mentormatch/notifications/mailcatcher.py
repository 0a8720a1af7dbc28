"""The demo's mail catcher, under the name ``scripts/demo.sh`` starts it by.

    python -m mentormatch.notifications.mailcatcher --host 127.0.0.1 --port 1025 --dir var/mail

The catcher itself lives in :mod:`mentormatch.core.mailcatcher`; this module only runs it.
"""

from __future__ import annotations

from mentormatch.core.mailcatcher import main

if __name__ == "__main__":
    main()
