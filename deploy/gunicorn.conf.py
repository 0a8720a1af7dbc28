"""gunicorn settings for MentorMatch (``gunicorn -c deploy/gunicorn.conf.py config.wsgi``).

Every value can be changed from the environment, like the rest of the configuration:
``MENTORMATCH_BIND`` (127.0.0.1:8000; behind nginx keep it on loopback or use a unix socket,
``unix:/run/mentormatch/web.sock``), ``WEB_CONCURRENCY`` (worker processes: 2 per core plus
one), ``MENTORMATCH_WEB_TIMEOUT`` (seconds a request may take before its worker is replaced).
"""

import multiprocessing
import os

bind = os.environ.get("MENTORMATCH_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("MENTORMATCH_WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Requests and errors go to standard output / error: systemd's journal keeps them.
accesslog = "-"
errorlog = "-"
# Reject absurd request lines and headers before Django sees them.
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("MENTORMATCH_FORWARDED_ALLOW_IPS", "127.0.0.1")
