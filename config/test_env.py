"""A pytest plugin (loaded with ``-p config.test_env``) that sets the test environment.

It must run before pytest-django imports the settings, which is why it is a plugin and not
part of conftest.py.  Tests run against SQLite unless DATABASE_URL names another database
(``make test`` runs the whole suite twice: SQLite, then PostgreSQL); tasks run inline unless
a test says otherwise.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("MENTORMATCH_TASK_BACKEND", "immediate")
os.environ.setdefault("MENTORMATCH_SECURE_COOKIES", "false")
os.environ.setdefault("MENTORMATCH_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("MENTORMATCH_DEV_TOOLS", "true")
os.environ.setdefault("MENTORMATCH_STATIC_MANIFEST", "false")
