"""Phones joining over HTTP, all from one address (a venue behind one NAT): the real join path.

Each phone loads the phone page (CSRF cookie and token, join ticket), posts the join form and
keeps its participant cookie. A 429 "the room is full for this second" is retried after
Retry-After, as a person would; any other answer is counted as a failure. Loopback, so every
phone has the address 127.0.0.1. Prints figures; asserts nothing about timings.
"""

import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


class Phone:
    def __init__(self, port: int, code: str):
        self.port, self.code = port, code
        self.jar: dict[str, str] = {}
        self.crowd_waits = 0

    def _request(self, method: str, path: str, body: str | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.jar[name] = morsel.value
        connection.close()
        return response

    def join(self) -> tuple[float, str]:
        """(seconds from the first request to the participant cookie, outcome)."""
        started = time.monotonic()
        page = self._request("GET", f"/live/{self.code}/")
        token = CSRF_FIELD.search(page.text)
        if page.status != 200 or token is None:
            return time.monotonic() - started, f"page {page.status}"
        body = urlencode({"csrfmiddlewaretoken": token.group(1)})
        while True:
            answer = self._request("POST", f"/live/{self.code}/entra/", body)
            if answer.status == 429 and "Molte persone" in answer.text:
                self.crowd_waits += 1
                time.sleep(float(answer.headers.get("Retry-After", "1")))
                continue
            seated = answer.status == 302 and f"live_{self.code}" in self.jar
            return time.monotonic() - started, "seated" if seated else f"join {answer.status}"

    @property
    def participant_cookie(self) -> str:
        return f"live_{self.code}={self.jar[f'live_{self.code}']}"


def join_all(*, ports: list[int], code: str, phones: int, concurrency: int = 64) -> tuple[list[str], dict]:
    """Seat `phones` phones over HTTP; their participant cookies (in order) and the figures."""
    crowd = [Phone(ports[n % len(ports)], code) for n in range(phones)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda phone: phone.join(), crowd))
    elapsed = time.monotonic() - started
    durations = [seconds for seconds, outcome in results if outcome == "seated"]
    failures: dict[str, int] = {}
    for _seconds, outcome in results:
        if outcome != "seated":
            failures[outcome] = failures.get(outcome, 0) + 1
    figures = {
        "join_all_s": round(elapsed, 2),
        "joins_per_s": round(len(durations) / elapsed, 1) if elapsed else None,
        "phones_seated": len(durations),
        "join_failures": failures,
        "join_p50_p95_p99_s": [round(_percentile(durations, q), 3) for q in (0.5, 0.95, 0.99)],
        "join_waits_for_a_full_room": sum(phone.crowd_waits for phone in crowd),
        "join_concurrency": concurrency,
    }
    return [phone.participant_cookie for phone in crowd if f"live_{code}" in phone.jar], figures
