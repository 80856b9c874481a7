"""Loaded with ``-p tests.pytest_env`` before Django reads its settings.

The live test server speaks plain http on localhost, so the https-only cookie
and redirect settings that production keeps on are turned off here.
"""

import os

os.environ.setdefault("KOPIR_SECURE_SSL", "0")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
