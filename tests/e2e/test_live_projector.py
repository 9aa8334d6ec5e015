"""The projector read from the back of the hall: the QR decodes to the join URL shown on the page, and
the join code, the instructions, the QR and the title never overlap from 1024 to 3840 px, with the
code at least 120 px and every other text at least 24 px (on the waiting and the results screen)."""

import io
import os
from itertools import combinations

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create
from tests.conftest import make_user

SHOTS = os.environ.get("LIVE_SHOTS_DIR", "/tmp/live-shots")
SCREENS = [(1024, 576), (1280, 720), (1920, 1080), (3840, 2160)]  # 16:9 at every width

# Every visible element with text of its own, and its computed font size.
TEXT_SIZES_JS = """(root) => Array.from(root.querySelectorAll('*'))
  .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((el) => el.getClientRects().length && !el.closest('.visually-hidden'))
  .map((el) => ({text: el.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize),
                 code: el.hasAttribute('data-live-code')}))"""

# The box an element's text really covers: its own box joined with its text's box (a 120 px code in
# a 28 px line box overflows it, and only the text's box shows where the letters are).
INK_BOX_JS = """(el) => {
  const own = el.getBoundingClientRect()
  const range = document.createRange()
  range.selectNodeContents(el)
  const text = range.getBoundingClientRect()
  const boxes = text.width && text.height ? [own, text] : [own]
  const left = Math.min(...boxes.map((b) => b.left)), top = Math.min(...boxes.map((b) => b.top))
  const right = Math.max(...boxes.map((b) => b.right)), bottom = Math.max(...boxes.map((b) => b.bottom))
  return {x: left, y: top, width: right - left, height: bottom - top}
}"""


@pytest.fixture
def projector_session(transactional_db):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria del Piano strategico metropolitano a Pinerolo")
    spec = QuestionSpec(
        kind="single",
        text="Quale asse del Piano conta di più per la tua zona omogenea?",
        options=tuple(OptionSpec(label) for label in ("Mobilità", "Ambiente", "Scuole e formazione")),
    )
    question_create(user=facilitator, session=session, spec=spec)
    session.facilitator = facilitator
    return session


def _intersect(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _small_texts(page) -> list[str]:
    sizes = page.locator("#live-projector").evaluate(TEXT_SIZES_JS)
    assert sizes, "no text found on the projector"
    return [f"{row['text']!r}: {row['size']} px" for row in sizes if row["size"] < (120 if row["code"] else 24)]


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_projector_qr_decodes_to_the_join_url(page, live_url, projector_session, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_url}/live/{projector_session.code}/projector/")
    qr = page.locator("[data-live-qr]")
    expect(qr).to_be_visible()
    join_url = qr.get_attribute("data-join-url")
    assert join_url == f"{live_url}/live/{projector_session.code}/"
    assert f"{live_url.split('://')[1]}/live" in page.locator("[data-live-instructions]").inner_text()

    image = Image.open(io.BytesIO(qr.screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [join_url]


def test_projector_never_overlaps_and_is_readable_from_1024_to_3840(page, live_url, projector_session):
    os.makedirs(SHOTS, exist_ok=True)
    page.goto(f"{live_url}/live/{projector_session.code}/projector/")
    parts = {
        "title": page.locator("#live-join-title"),
        "instructions": page.locator("[data-live-instructions]"),
        "code": page.locator("[data-live-code]"),
        "qr": page.locator("[data-live-qr]"),
    }
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        expect(parts["qr"]).to_be_visible()
        page.evaluate("document.fonts.ready")
        page.screenshot(path=f"{SHOTS}/projector-join-{width}.png")
        boxes = {name: locator.evaluate(INK_BOX_JS) for name, locator in parts.items()}
        overlaps = [f"{a} × {b}" for a, b in combinations(boxes, 2) if _intersect(boxes[a], boxes[b])]
        assert overlaps == [], f"at {width}×{height}: {overlaps} {boxes}"
        outside = [name for name, box in boxes.items() if box["x"] < 0 or box["x"] + box["width"] > width]
        assert outside == [], f"at {width}×{height} wider than the screen: {outside}"
        assert _small_texts(page) == [], f"at {width}×{height}"

    question_open(user=projector_session.facilitator, question=projector_session.questions.get())
    expect(page.locator("[data-live-question]")).to_have_text("Quale asse del Piano conta di più per la tua zona omogenea?")
    expect(page.locator(".live-bar")).to_have_count(3)
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/projector-question-{width}.png")
        assert _small_texts(page) == [], f"at {width}×{height}"
