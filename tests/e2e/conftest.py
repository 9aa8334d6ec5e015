"""Browser tests: Playwright driving Debian's Chromium against the real ASGI app (uvicorn,
in a thread of the test process, so it shares the test database)."""

import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn

from tests.conftest import seed_database

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API runs an event loop in the main thread while it lives,
    which must be gone before async tests (Channels consumers) run on the same worker."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but was not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped (install the Debian package 'chromium').")
    from playwright.sync_api import sync_playwright

    # The ORM calls that browser tests make directly stay synchronous while Playwright's loop runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that fails the test if the browser reports a Content-Security-Policy violation."""
    new_page = context.new_page()
    violations: list[str] = []
    new_page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield new_page
    assert not violations, f"CSP violations: {violations}"


class _ThreadedServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # not the main thread
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_url(transactional_db):
    """Base URL of the real ASGI application (HTTP + WebSocket) on a free port."""
    seed_database()
    port = _free_port()
    config = uvicorn.Config(
        "consultazione.asgi:application",
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws_per_message_deflate=False,
        timeout_graceful_shutdown=2,  # a page still open keeps its live socket: close it, do not wait
    )
    server = _ThreadedServer(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)
    if thread.is_alive():
        pytest.fail("the test server did not stop within 15 s")


def login(page, live_url: str, email: str, password: str = "pw-test-12345") -> None:
    page.goto(f"{live_url}/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Accedi").click()
    page.wait_for_load_state("networkidle")
