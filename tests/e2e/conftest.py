"""Browser tests: Playwright driving Debian's Chromium against the real ASGI app (uvicorn,
in a thread of the test process, so it shares the test database)."""

import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.views.static import serve

from tests.conftest import seed_database
from tests.e2e.watch import BrowserWatch

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body, fail it if any page it opened reported a problem (tests/e2e/watch.py).

    Done here, not in a fixture's teardown, so that it runs while the server and the pages are
    still up (images can be inspected, a closing server cannot be blamed) and counts as a failure
    of the test itself."""
    watch = item.funcargs.get("page_errors")
    try:
        result = yield
    except BaseException:
        if watch is not None and watch.problems:
            item.add_report_section("call", "browser problems", watch.report())
        raise
    if watch is not None:
        watch.check()
    return result


@pytest.fixture(scope="module")
def chromium_browser():
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
def page_errors():
    """Watches every page the test opens; `page_errors.expect(status=404, url_part=...)` allows one
    error response the test provokes on purpose, `page_errors.assert_images_render(page)` checks
    the images now (they are also checked on every page still open when the test ends)."""
    return BrowserWatch()


class _WatchedBrowser:
    """The browser as tests see it: every page of every context it creates is watched."""

    def __init__(self, browser, watch: BrowserWatch):
        self._browser = browser
        self._watch = watch
        self._contexts = []

    def new_context(self, **options):
        options.setdefault("locale", "it-IT")
        ctx = self._browser.new_context(**options)
        ctx.set_default_timeout(10_000)
        ctx.on("page", self._watch.attach)
        self._contexts.append(ctx)
        return ctx

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def close(self) -> None:
        for ctx in self._contexts:
            ctx.close()

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium_browser, page_errors):
    """Contexts and pages opened through it are watched by `page_errors` and closed at the end."""
    watched = _WatchedBrowser(chromium_browser, page_errors)
    yield watched
    page_errors.stop()
    watched.close()


@pytest.fixture
def context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900})


@pytest.fixture
def page(context):
    """A watched page: fails the test on a page or console error (CSP included), a failed request,
    an error response from our server, or an image that did not render."""
    return context.new_page()


class _MediaFiles(ASGIStaticFilesHandler):
    """Uploaded files (MEDIA_URL), served by the test server as nginx serves them in production
    (deploy/nginx): without it every uploaded image in a browser test is a 404."""

    def get_base_url(self) -> str:
        return settings.MEDIA_URL

    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.MEDIA_ROOT)


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
    from consultazione.asgi import application

    config = uvicorn.Config(
        _MediaFiles(application),
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
