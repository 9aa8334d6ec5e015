"""The watch every browser test runs under (tests/e2e/watch.py) catches each kind of problem: an
uncaught error, a console error, a failed request, an error response from our server, an image that
did not render (an SVG without its namespace, as the projector's QR was) — and lets a test allow,
narrowly, an error response it provokes on purpose. No server: the browser's requests are answered
by Playwright routes."""

from tests.e2e.watch import BrowserWatch

ORIGIN = "http://127.0.0.1:9"
PAGE = """<!DOCTYPE html><html lang="it"><title>prova</title>
<img alt="senza namespace" src="/qr.svg"><img alt="buona" src="/ok.svg">
<script>
  console.error('qualcosa non va')
  fetch('/boom')
  fetch('/lost').catch(() => {})
  setTimeout(() => { throw new Error('non gestito') })
</script>"""
SVG_NO_NAMESPACE = '<svg viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
SVG_OK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def _answer(route):
    path = route.request.url.removeprefix(ORIGIN)
    if path == "/":
        return route.fulfill(status=200, content_type="text/html", body=PAGE)
    if path == "/lost":
        return route.abort("connectionreset")
    if path == "/boom":
        return route.fulfill(status=500, content_type="text/plain", body="errore")
    svg = SVG_NO_NAMESPACE if path == "/qr.svg" else SVG_OK
    return route.fulfill(status=200, content_type="image/svg+xml", body=svg)


def _visit(chromium_browser, watch: BrowserWatch) -> None:
    context = chromium_browser.new_context()
    try:
        context.on("page", watch.attach)
        page = context.new_page()
        page.route(f"{ORIGIN}/**", _answer)
        page.goto(f"{ORIGIN}/")
        page.wait_for_function("document.images[0].complete && document.images[1].complete")
        page.wait_for_timeout(300)  # the timer's error and the fetches
        watch.stop()
    finally:
        context.close()


def test_the_watch_reports_every_kind_of_problem(chromium_browser):
    watch = BrowserWatch()
    _visit(chromium_browser, watch)
    report = watch.report()
    assert "uncaught error" in report and "non gestito" in report
    assert "console error" in report and "qualcosa non va" in report
    assert f"request failed: GET {ORIGIN}/lost" in report
    assert f"HTTP 500 for GET {ORIGIN}/boom" in report
    assert f"image did not render on {ORIGIN}/: {ORIGIN}/qr.svg" in report
    assert "ok.svg" not in report


def test_an_error_response_provoked_on_purpose_is_allowed_narrowly(chromium_browser):
    watch = BrowserWatch()
    watch.expect(status=500, url_part="/boom")
    watch.expect(status=404, url_part="/never-asked")
    _visit(chromium_browser, watch)
    report = watch.report()
    assert "/boom" not in report  # neither the response nor its console line
    assert "/lost" in report and "qr.svg" in report  # everything else still counts
    try:
        watch.check()
    except AssertionError as error:
        assert "qr.svg" in str(error)
    else:
        raise AssertionError("check() passed with problems")
    watch.problems.clear()
    try:
        watch.check()
    except AssertionError as error:
        assert "404 /never-asked" in str(error)  # an allowance that was never used is a mistake too
    else:
        raise AssertionError("check() passed with an unused allowance")
