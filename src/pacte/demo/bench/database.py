"""A throw-away database for the bench, so the demo's (or production's) is never touched.

SQLite: a file under ``var/bench/``. PostgreSQL (``DATABASE_URL``): a dedicated
database, ``<name>_bench`` unless told otherwise. Created and migrated with Django's
own test-database machinery, which points the default connection at it; dropped
afterwards unless kept. ``env`` is what a subprocess (gunicorn) needs to use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connections


@dataclass(frozen=True)
class BenchDatabase:
    vendor: str
    name: str
    env: dict[str, str]


def _sqlite_target() -> str:
    folder = Path(settings.VAR_DIR) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return str(target)


def _postgres_url(config: dict[str, object], name: str) -> str:
    user = quote(str(config.get("USER") or ""), safe="")
    password = quote(str(config.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or "localhost"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(name, safe='')}"


def _env(vendor: str, config: dict[str, object], name: str) -> dict[str, str]:
    if vendor == "sqlite":
        return {"PACTE_SQLITE_PATH": name}
    return {"DATABASE_URL": _postgres_url(config, name)}


@contextmanager
def bench_database(*, name: str = "", keep: bool = False) -> Iterator[BenchDatabase]:
    """Create and migrate the bench database, use it as default, then drop it (or keep it)."""
    connection = connections["default"]
    config = connection.settings_dict
    vendor = connection.vendor
    target = name or (_sqlite_target() if vendor == "sqlite" else f"{config['NAME']}_bench")
    config.setdefault("TEST", {})["NAME"] = target
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield BenchDatabase(vendor=vendor, name=target, env=_env(vendor, config, target))
    finally:
        connection.creation.destroy_test_db(original, verbosity=0, keepdb=keep)
