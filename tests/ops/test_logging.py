"""Production logs are JSON lines tagged with the request id (sync and async requests)."""

import json

SCRIPT = r"""
import asyncio, logging
import django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from consultazione.core.logging import RequestIdMiddleware

def view(request):
    logging.getLogger("consultazione.ops").warning("inside the view", extra={"answer": 42})
    return HttpResponse("ok")

async def async_view(request):
    logging.getLogger("consultazione.ops").warning("inside the async view")
    return HttpResponse("ok")

factory = RequestFactory()
request = factory.get("/a?token=secret", HTTP_X_REQUEST_ID="proxy-given-0001")
sync_response = RequestIdMiddleware(view)(request)
# Django logs 4xx/5xx responses after the middleware chain has returned.
logging.getLogger("django.request").warning("Not Found: %s", request.path, extra={"request": request, "status_code": 404})
async_response = asyncio.run(RequestIdMiddleware(async_view)(factory.get("/b", HTTP_X_REQUEST_ID="bad id!")))
logging.getLogger("consultazione.ops").warning("outside any request")
print(settings.MIDDLEWARE[0])
print(sync_response["X-Request-ID"])
print(async_response["X-Request-ID"])
"""


def test_production_logs_are_json_with_request_id(run_production, tmp_path):
    result = run_production(["-c", SCRIPT], DATABASE_URL=f"sqlite:///{tmp_path}/log.sqlite3", LOG_LEVEL="INFO")
    assert result.returncode == 0, result.stderr
    middleware, sync_id, async_id = result.stdout.split()
    assert middleware == "consultazione.core.logging.RequestIdMiddleware"
    assert sync_id == "proxy-given-0001"
    assert len(async_id) == 32 and async_id != "bad id!"  # an invalid offered id is replaced

    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    by_message = {line["message"]: line for line in lines}
    inside = by_message["inside the view"]
    assert inside["level"] == "WARNING"
    assert inside["logger"] == "consultazione.ops"
    assert inside["request_id"] == "proxy-given-0001"
    assert inside["answer"] == 42
    assert "time" in inside and "pid" in inside

    not_found = by_message["Not Found: /a"]
    assert not_found["request"] == "GET /a"  # method and path only, never the query string
    assert not_found["status_code"] == 404
    assert not_found["request_id"] == "proxy-given-0001"
    assert by_message["inside the async view"]["request_id"] == async_id
    assert by_message["outside any request"]["request_id"] == "-"
