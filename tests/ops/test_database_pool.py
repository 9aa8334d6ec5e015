"""PostgreSQL under ASGI: production settings lend pooled connections (Django's pool on psycopg_pool)
instead of opening one per request and per live call; persistent connections stay off."""

import json

SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; print(json.dumps({'age': d['CONN_MAX_AGE'], 'options': d.get('OPTIONS', {})}))"
)
POSTGRES = "postgres://consultazione:x@127.0.0.1:5432/consultazione"


def _database(run_production, **env) -> dict:
    done = run_production(["-c", SHOW], DATABASE_URL=POSTGRES, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_on_postgresql_uses_the_pool_and_no_persistent_connections(run_production):
    database = _database(run_production, DB_CONN_MAX_AGE="60", DB_POOL_MAX_SIZE="8")
    assert database["age"] == 0
    assert database["options"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10.0}


def test_the_pool_can_be_turned_off_behind_pgbouncer(run_production):
    database = _database(run_production, DB_CONN_MAX_AGE="0", DB_POOL="0")
    assert "pool" not in database["options"] and database["age"] == 0


def test_sqlite_has_no_pool(run_production, tmp_path):
    done = run_production(["-c", SHOW], DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3")
    assert done.returncode == 0, done.stderr
    assert "pool" not in json.loads(done.stdout.strip().splitlines()[-1])["options"]
