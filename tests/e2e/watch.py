"""What every browser test watches on every page it opens (see docs/accessibility.md, "Browser tests").

A test fails when a page it opened reports an uncaught error, logs a console error (a CSP
violation included), loses a request, gets a 4xx/5xx from our server, or shows an image that did
not render. A test that provokes an error status on purpose says so, narrowly:
`page_errors.expect(status=404, url_part="/live/ZZZZZZ/")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Images that finished loading but have no pixels: a broken URL, a wrong type, an SVG without
# its namespace. Lazy images not yet loaded are not `complete` and are left alone.
BROKEN_IMAGES_JS = """() => Array.from(document.images)
  .filter((img) => img.complete && img.naturalWidth === 0)
  .map((img) => img.currentSrc || img.getAttribute('src') || '(no src)')"""

# Navigating away cancels what the old page was still loading: the browser's own doing, not a defect.
_BENIGN_FAILURES = {"net::ERR_ABORTED"}


@dataclass
class _Expected:
    status: int
    url_part: str
    seen: int = 0

    def matches(self, status: int, url: str) -> bool:
        return status == self.status and self.url_part in url


@dataclass
class BrowserWatch:
    """Collects the problems of every page attached to it; `check()` fails the test if any."""

    own_hosts: frozenset[str] = frozenset({"127.0.0.1", "localhost"})
    problems: list[str] = field(default_factory=list)
    expected: list[_Expected] = field(default_factory=list)
    pages: list = field(default_factory=list)
    stopped: bool = False

    def expect(self, *, status: int, url_part: str) -> None:
        """Allow one kind of error response this test provokes on purpose (and its console line)."""
        self.expected.append(_Expected(status=status, url_part=url_part))

    def attach(self, page) -> None:
        self.pages.append(page)
        page.on("pageerror", lambda error: self._add(f"uncaught error on {page.url}: {error.stack or error}"))
        page.on("console", lambda message: self._on_console(page, message))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def broken_images(self, page) -> list[str]:
        """The `src` of every image on the page that loaded without pixels; call after navigating."""
        return page.evaluate(BROKEN_IMAGES_JS)

    def assert_images_render(self, page) -> None:
        broken = self.broken_images(page)
        assert not broken, f"images that did not render on {page.url}: {broken}"

    def stop(self) -> None:
        """Check the images of the pages still open, then stop listening (the server is going away)."""
        if self.stopped:
            return
        for page in self.pages:
            if page.is_closed():
                continue
            try:
                broken = self.broken_images(page)
            except Exception as error:  # a page mid-navigation: say so, do not hide it
                self._add(f"could not inspect the images of {page.url}: {error}")
                continue
            for src in broken:
                self._add(f"image did not render on {page.url}: {src}")
        self.stopped = True

    def check(self) -> None:
        self.stop()
        unused = [f"{item.status} {item.url_part}" for item in self.expected if not item.seen]
        assert not self.problems, "the browser reported problems:\n  " + "\n  ".join(self.problems)
        assert not unused, f"expected error responses that never came: {unused}"

    def report(self) -> str:
        return "\n".join(self.problems)

    # -- event handlers ----------------------------------------------------------------------

    def _add(self, problem: str) -> None:
        if not self.stopped:
            self.problems.append(problem)

    def _own(self, url: str) -> bool:
        return urlsplit(url).hostname in self.own_hosts

    def _allowed(self, status: int, url: str) -> bool:
        for item in self.expected:
            if item.matches(status, url):
                item.seen += 1
                return True
        return False

    def _on_console(self, page, message) -> None:
        if message.type != "error":
            return
        text = message.text
        url = (message.location or {}).get("url", "")
        if text.startswith("Failed to load resource") and any(item.url_part in url for item in self.expected):
            return  # the console line of an expected error response
        kind = "CSP violation" if "Content Security Policy" in text else "console error"
        self._add(f"{kind} on {page.url}: {text} ({url})")

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        if failure in _BENIGN_FAILURES:
            return
        self._add(f"request failed: {request.method} {request.url}: {failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400 and self._own(response.url) and not self._allowed(response.status, response.url):
            self._add(f"HTTP {response.status} for {response.request.method} {response.url}")
