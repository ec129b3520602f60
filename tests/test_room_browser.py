"""The live room in a real browser: a participant's phone, played by headless Chromium.

Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright joins a room
served on 127.0.0.1, votes, changes the vote, comments, answers the debrief, and the
facilitator's side (the Room in Python) sees it all. The pages are checked with axe-core
(vendored in tests/vendor/) in light and dark, and at 320 px wide. Skipped, with the reason,
when Chromium or Playwright is not installed.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright is not installed (pip install -e '.[test]'): the browser checks are skipped")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium is not installed (apt-get install chromium): the browser checks are skipped")

from game.room.host import RoomHost  # noqa: E402
from game.room.model import Option, Page, Room  # noqa: E402
from game.room.page import PROMPTS  # noqa: E402
from game.story.debrief import REACTION_WORDS  # noqa: E402

expect = sync_api.expect
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 10_000          # how long a page may take to show a change (live, over SSE)
NOT_A_CODE = "BBBBB"      # B is not in the code alphabet, so this is never a room's code
COMMENT_LABEL = "A comment for the facilitator (optional, anonymous)"
CSP = {"default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
       "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"}
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"

SCENE = Page(
    key="1:p1-the-letter", kind="scene", scenario="The Haven", role="Daniel Osei, team manager",
    title="Wednesday 3 September, 8.20am",
    lines=(("", "The letter from the integrated care board is on your desk before your coat "
                "is off."),
           ("Fiona", "They want it coproduced. Properly, this time. Can you do that by March?")))
DECISION = Page(
    key="2:p1-what-to-open", kind="decision", scenario="The Haven",
    role="Daniel Osei, team manager", title="The flipchart",
    lines=(("", "Six people round a table in the library's meeting room. One flipchart, one pen."),
           ("Shona", "Before we start on rotas, can we say what the place is for?"),
           ("Precious", "We've got an hour. The director wants a plan by the thirtieth.")),
    discuss=("Who gets to say what the Haven is for?",
             "What does it cost to slow down here, and who pays it?"),
    options=(Option(1, "Hand Shona the pen and ask the room what the place is for"),
             Option(2, "Show them your draft plan and ask what is missing"),
             Option(3, "Start on the rota: that is what the deadline needs"),
             Option(4, "Ask the commissioner to join the next meeting", enabled=False,
                    reason="The commissioner has not answered your email yet.")))
ENDING = Page(
    key="end:40:it-opened", kind="ending", scenario="The Haven", role="Daniel Osei, team manager",
    title="It opened", ending="It opened",
    lines=(("", "On the second of March the doors of the Haven open at six."),),
    reactions=REACTION_WORDS, prompts=PROMPTS)
WAITING = Page(key="waiting", kind="waiting", scenario="The Haven",
               role="Daniel Osei, team manager")


# -- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    playwright = sync_api.sync_playwright().start()
    try:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                  args=CHROMIUM_ARGS)
        except sync_api.Error as error:
            pytest.skip(f"Chromium at {CHROMIUM} would not start under Playwright: "
                        f"{str(error).splitlines()[0]}")
        expect.set_options(timeout=WAIT_MS)
        yield launched
        launched.close()
    finally:
        playwright.stop()


@pytest.fixture
def room() -> Room:
    room = Room()
    room.publish(DECISION)
    return room


@pytest.fixture
def host(room):
    server = RoomHost(room, host="127.0.0.1")
    server.start()
    yield server
    server.stop()


class Device:
    """One participant's browser: its page, and what it said it would not do (dialogs opened,
    scripts that threw, things the Content-Security-Policy refused)."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.trace: list[str] = []      # refusals, failed requests and console words, for failures
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        self.page.on("console", self._console)
        self.page.on("requestfailed", lambda request: self.trace.append(
            f"failed: {request.method} {request.url} {request.failure}"))
        self.page.on("response", lambda response: response.status >= 400 and self.trace.append(
            f"{response.status}: {response.request.method} {response.url}"))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message) -> None:
        self.trace.append(f"console {message.type}: {message.text}")
        if message.type == "error" and ("Content Security Policy" in message.text
                                         or "Refused to" in message.text):
            self.errors.append(message.text)

    def cookie(self) -> dict | None:
        found = [c for c in self.context.cookies() if c["name"] == "mt_device"]
        return found[0] if found else None

    def vote_button(self, number: int):
        return self.page.locator(f'button[name="option"][value="{number}"]')

    def option_item(self, option: Option):
        return self.page.locator("li", has_text=option.text)

    def mark_page(self) -> None:
        """Leave a mark on the loaded document: gone if the page is loaded again."""
        self.page.evaluate("window.__stillTheSamePage = true")

    def same_page(self) -> bool:
        return self.page.evaluate("window.__stillTheSamePage === true")


@pytest.fixture
def open_device(browser) -> Callable[..., Device]:
    contexts = []

    def open_(**options) -> Device:
        context = browser.new_context(**options)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return Device(context)

    yield open_
    for context in contexts:
        context.close()


def eventually(read: Callable, want, device: Device | None = None,
               seconds: float = WAIT_MS / 1000):
    """Wait until `read()` gives `want` (the facilitator's side is read in Python); when it
    does not, say what `device` saw meanwhile."""
    deadline = time.monotonic() + seconds
    while True:
        got = read()
        if got == want:
            return got
        if time.monotonic() > deadline:
            seen = ("\n" + "\n".join(device.trace[-20:]) + "\nthe page says: "
                    + device.page.locator("main").inner_text()[:300]) if device else ""
            raise AssertionError(f"waited {seconds:.0f} s for {want!r}; still {got!r}{seen}")
        time.sleep(0.05)


def counts(room: Room) -> tuple[tuple[int, ...], int]:
    tally = room.tally(DECISION.key)
    return tally.counts, tally.voted


def shown(page, text: str):
    """The first visible element with `text` (words may also sit in a hidden label)."""
    return page.get_by_text(text).filter(visible=True).first


def joined(device: Device, host: RoomHost):
    response = device.page.goto(host.join_url)
    assert response is not None and response.status == 200, response and response.status
    return response


# -- joining ----------------------------------------------------------------------------------
def test_the_qr_link_joins_with_a_session_cookie_and_shows_the_decision(host, room, open_device):
    device = open_device()
    response = joined(device, host)
    page = device.page
    assert page.url == host.url, "the QR link should send the device on to / once joined"
    link = response.request.redirected_from
    assert link is not None and link.url == host.join_url and link.response().status == 303
    cookie = device.cookie()
    assert cookie is not None, "no mt_device cookie after joining"
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"], cookie["expires"]) == \
        (True, "Strict", "/", -1), cookie
    assert room.knows(cookie["value"]) and room.devices == 1

    expect(page.get_by_role("heading", name=DECISION.title)).to_be_visible()
    for speaker, words in DECISION.lines:
        expect(shown(page, words)).to_be_visible()
        if speaker:
            expect(page.locator("b, strong").filter(has_text=speaker).first).to_be_visible()
    expect(page.get_by_role("heading", name="Talk it over")).to_be_visible()
    for prompt in DECISION.discuss:
        expect(shown(page, prompt)).to_be_visible()
    for option in DECISION.options:
        expect(shown(page, option.text)).to_be_visible()
        button = device.vote_button(option.number)
        if option.enabled:
            expect(button).to_have_text(f"Vote for {option.number}")
            _expect_read_as_one(button, option.text)
        else:
            expect(button).to_have_count(0)
            expect(shown(page, option.reason)).to_be_visible()
    expect(page.get_by_label(COMMENT_LABEL)).to_have_attribute("maxlength", "280")
    expect(page.get_by_role("button", name="Send comment")).to_be_visible()

    headers = response.headers
    policy = headers.get("content-security-policy", "")
    directives = {" ".join(d.split()) for d in policy.split(";")}
    assert directives - {""} == CSP, policy
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "no-referrer"
    assert headers.get("x-frame-options") == "DENY"
    assert "no-store" in headers.get("cache-control", "")
    assert page.locator("html").get_attribute("lang") == "en"
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "maximum-scale" not in viewport and "user-scalable" not in viewport, viewport
    html = device.context.request.get(host.url).text()
    inline = r"<script(?![^>]*\bsrc=)[^>]*>|<style|<[^>]+\s(?:style|on[a-z]+)="
    assert not re.search(inline, html, re.I), "inline script, style or event handler in the page"
    assert device.errors == []


def _expect_read_as_one(button, text: str) -> None:
    """A vote button and its option's words are read together, whether the words are the
    button's description (aria-describedby) or part of its name (a label)."""
    words = re.compile(re.escape(text))
    if button.get_attribute("aria-describedby"):
        expect(button).to_have_accessible_description(words)
    else:
        expect(button).to_have_accessible_name(words)


def test_a_wrong_code_gets_a_clear_page_and_does_not_join(host, room, open_device):
    first = open_device()
    joined(first, host)
    plain = open_device()
    plain.page.goto(host.url)
    plain_words = set(plain.page.locator("main").inner_text().split("\n"))

    second = open_device()
    response = second.page.goto(host.url + "?code=" + NOT_A_CODE)
    assert response.status == 403
    said = [line for line in second.page.locator("main").inner_text().split("\n")
            if line.strip() and line not in plain_words]
    assert said and any("code" in line.lower() for line in said), \
        f"a wrong code should be said plainly on the join page; it added {said!r}"
    expect(second.page.get_by_label("Room code")).to_be_visible()
    assert second.cookie() is None or not room.knows(second.cookie()["value"])

    second.page.get_by_label("Room code").fill(NOT_A_CODE)
    second.page.get_by_role("button", name="Join").click()
    expect(shown(second.page, said[0])).to_be_visible()
    expect(second.page.get_by_role("heading", name=DECISION.title)).to_have_count(0)

    forged = open_device()
    forged.context.add_cookies([{"name": "mt_device", "value": "ab" * 18, "url": host.url}])
    forged.page.goto(host.url)
    expect(forged.page.get_by_label("Room code")).to_be_visible()
    expect(forged.page.get_by_text(DECISION.options[0].text)).to_have_count(0)
    assert room.devices == 1


# -- voting and commenting, with the script --------------------------------------------------
def test_a_vote_reaches_the_facilitator_and_a_changed_vote_moves_the_count(host, room, open_device):
    device = open_device()
    joined(device, host)
    device.mark_page()
    first, second = DECISION.options[0], DECISION.options[1]

    device.vote_button(2).click()
    eventually(lambda: counts(room), ((0, 1, 0, 0), 1), device)
    expect(device.option_item(second)).to_contain_text("Your vote")
    expect(device.option_item(first)).not_to_contain_text("Your vote")

    device.vote_button(1).click()
    eventually(lambda: counts(room), ((1, 0, 0, 0), 1), device)
    expect(device.option_item(first)).to_contain_text("Your vote")
    expect(device.option_item(second)).not_to_contain_text("Your vote")

    device.page.get_by_role("button", name="Take back my vote").click()
    eventually(lambda: counts(room), ((0, 0, 0, 0), 0), device)
    expect(device.page.locator("li").filter(has_text="Your vote")).to_have_count(0)
    assert device.same_page(), "with the script on, a vote should not load the page again"
    assert device.errors == []


def test_a_comment_with_script_in_it_reaches_the_facilitator_as_text_and_never_runs(
        host, room, open_device):
    device = open_device()
    joined(device, host)
    device.page.get_by_label(COMMENT_LABEL).fill(HOSTILE)
    device.page.get_by_role("button", name="Send comment").click()
    eventually(lambda: room.tally(DECISION.key).comments, (HOSTILE,), device)

    device.page.reload()
    expect(device.page.get_by_role("heading", name=DECISION.title)).to_be_visible()
    device.page.wait_for_timeout(300)
    assert device.dialogs == []
    scripts = device.page.locator("script").evaluate_all("all => all.map(s => s.src)")
    assert all(src.endswith("/static/room.js") for src in scripts), scripts
    expect(device.page.locator('img[src="x"]')).to_have_count(0)
    echoed = device.page.get_by_label(COMMENT_LABEL).input_value()
    assert echoed in ("", HOSTILE), f"the comment came back changed: {echoed!r}"
    assert device.errors == []


def test_closing_the_vote_reaches_an_open_page_without_reloading(host, room, open_device):
    device = open_device()
    joined(device, host)
    device.vote_button(3).click()
    eventually(lambda: counts(room), ((0, 0, 1, 0), 1), device)
    device.mark_page()

    room.close()
    expect(shown(device.page, "The vote has closed")).to_be_visible()
    expect(device.page.locator('button[name="option"]')).to_have_count(0)
    assert device.same_page(), "the page should follow the room over /events, not reload"
    assert room.tally(DECISION.key).counts == (0, 0, 1, 0)
    assert device.errors == []


def test_typing_a_comment_is_kept_when_the_story_moves_on(host, room, open_device):
    device = open_device()
    joined(device, host)
    box = device.page.get_by_label(COMMENT_LABEL)
    box.click()
    box.press_sequentially("We have not asked Shona yet")

    room.publish(SCENE)
    expect(device.page.locator("[aria-live]").filter(has_text="moved on").first).to_be_visible()
    assert box.input_value() == "We have not asked Shona yet"
    expect(box).to_be_focused()
    assert device.errors == []


def test_words_typed_while_a_vote_is_on_its_way_are_kept(host, room, open_device):
    # On a busy hotspot a vote's answer can take a second: the participant has already moved
    # on to the comment box. The vote request is held here until they have typed.
    device = open_device()
    joined(device, host)
    page = device.page
    held = []
    page.route("**/api/vote", lambda route: held.append(route))
    device.vote_button(2).click()
    deadline = time.monotonic() + WAIT_MS / 1000
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert held, "the vote was not sent with the page's script"
    box = page.get_by_label(COMMENT_LABEL)
    box.fill("Shona should hold the pen")
    held[0].continue_()
    eventually(lambda: counts(room), ((0, 1, 0, 0), 1), device)
    expect(shown(page, "Your vote is for option 2")).to_be_visible()
    page.wait_for_timeout(1000)         # time for the page to have swapped, were it going to
    assert box.input_value() == "Shona should hold the pen"
    expect(box).to_be_focused()


def test_answers_at_the_ending_reach_the_record(host, room, open_device):
    device = open_device()
    joined(device, host)
    room.publish(ENDING)
    device.page.reload()
    page = device.page
    expect(page.get_by_role("heading", name=ENDING.ending).first).to_be_visible()
    feelings = page.get_by_role("group", name="How did it feel?")
    for word in ("hopeful", "listened to", "tired"):
        feelings.get_by_label(word, exact=True).check()
    written = {PROMPTS[0][0]: "That the agenda is power too.", "action": "Ask first, draft second."}
    for prompt_id, question in PROMPTS:
        if prompt_id in written:
            page.get_by_label(question).fill(written[prompt_id])
    page.get_by_role("button", name="Send my answers").click()
    eventually(lambda: room.answers(ENDING.key),
               [{"reactions": ["hopeful", "listened to", "tired"], **written}], device)
    assert device.dialogs == [] and device.errors == []


# -- without JavaScript ------------------------------------------------------------------------
def test_without_javascript_a_device_joins_by_typing_the_code_and_votes_with_plain_forms(
        host, room, open_device):
    device = open_device(java_script_enabled=False)
    page = device.page
    page.goto(host.url)
    expect(page.get_by_role("heading", name="What is kept")).to_be_visible()
    kept = page.locator("section", has=page.get_by_role("heading", name="What is kept"))
    for word in ("votes", "comments", "answers", "name", "account", "address"):
        expect(kept).to_contain_text(word)
    code = page.get_by_label("Room code")
    assert (code.get_attribute("autocomplete"), code.get_attribute("autocapitalize")) == \
        ("off", "characters")
    code.fill(" " + room.code.lower() + " ")  # as typed on a phone: case and spaces do not matter
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name=DECISION.title)).to_be_visible()
    assert room.devices == 1

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        device.vote_button(3).click()
    assert posted.value.status == 303
    assert counts(room) == ((0, 0, 1, 0), 1)
    expect(shown(page, "Your vote is for option 3")).to_be_visible()
    expect(device.option_item(DECISION.options[2])).to_contain_text("Your vote")
    page.goto(host.url)
    expect(page.get_by_text("Your vote is for option 3", exact=False)).to_have_count(0)

    page.get_by_role("button", name="Take back my vote").click()
    eventually(lambda: counts(room), ((0, 0, 0, 0), 0), device)
    expect(shown(page, "Your vote is taken back.")).to_be_visible()
    page.get_by_label(COMMENT_LABEL).fill("Can we wait a week and ask the group?")
    page.get_by_role("button", name="Send comment").click()
    eventually(lambda: room.tally(DECISION.key).comments,
               ("Can we wait a week and ask the group?",), device)
    device.vote_button(2).click()
    eventually(lambda: counts(room), ((0, 1, 0, 0), 1), device)
    expect(device.option_item(DECISION.options[1])).to_contain_text("Your vote")

    room.close()  # the facilitator closes the vote while this page is still showing
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        device.vote_button(1).click()
    assert posted.value.status == 409
    expect(shown(page, "That vote has closed: the room has chosen.")).to_be_visible()
    assert room.tally(DECISION.key).counts == (0, 1, 0, 0)
    page.locator(f'a[href="/"], a[href="{host.url}"]').first.click()
    expect(shown(page, "The vote has closed")).to_be_visible()
    expect(page.locator('button[name="option"]')).to_have_count(0)


# -- what every page must be: accessible, and usable on a small phone ---------------------------
def _tour(device: Device, host: RoomHost, room: Room, check: Callable[[str], None]) -> None:
    """Show every kind of page on `device` and call `check(name)` on each."""
    page = device.page
    page.goto(host.url)
    check("join page")
    page.goto(host.url + "?code=" + NOT_A_CODE)
    check("join page after a wrong code")
    joined(device, host)
    device.vote_button(2).click()
    eventually(lambda: counts(room)[1], 1, device)
    # The vote's answer is in before typing, so this check is about the page, not the race
    # (test_words_typed_while_a_vote_is_on_its_way_are_kept covers that).
    expect(device.option_item(DECISION.options[1])).to_contain_text("Your vote")
    expect(shown(page, "Your vote is for option 2")).to_be_visible()
    page.get_by_label(COMMENT_LABEL).fill("Shona should hold the pen.")
    page.get_by_role("button", name="Send comment").click()
    eventually(lambda: len(room.tally(DECISION.key).comments), 1, device)
    page.reload()
    check("decision page, voted")
    room.close()
    page.reload()
    expect(shown(page, "The vote has closed")).to_be_visible()
    check("decision page, vote closed")
    for moment in (ENDING, SCENE, WAITING):
        room.publish(moment)
        page.reload()
        check(f"{moment.kind} page")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_accessibility_violations_on_any_page(host, room, open_device, scheme):
    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: see tests/vendor/README.md to vendor axe-core")
    # axe is injected as an inline script, which the room's CSP rightly refuses: bypass it here
    device = open_device(bypass_csp=True, color_scheme=scheme,
                         viewport={"width": 390, "height": 844})
    found: list[str] = []

    def check(name: str) -> None:
        device.page.add_script_tag(path=str(AXE))
        if not device.page.evaluate("typeof window.axe === 'object'"):
            pytest.skip("axe-core would not load in the page")
        violations = device.page.evaluate("""async () => {
            const result = await axe.run(document);
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), why: n.failureSummary}))}));
        }""")
        for violation in violations:
            found.append(f"{name} ({scheme}): {violation['id']} [{violation['impact']}] "
                         f"{violation['help']}")
            for node in violation["nodes"]:
                why = " ".join(node["why"].split())
                found.append(f"    at {node['target']}: {why}")

    _tour(device, host, room, check)
    assert not found, "axe-core found accessibility violations:\n" + "\n".join(found)


# Colour sums done in the page: the background an element is seen on (the first opaque one up
# its ancestors) and the WCAG contrast ratio of a colour against it.
COLOURS_JS = """
    const rgb = c => c.match(/[\\d.]+/g).map(Number);
    const opaque = c => c !== 'transparent' && !(rgb(c).length === 4 && rgb(c)[3] === 0);
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (opaque(c)) return c;
        }
        return 'rgb(255, 255, 255)';
    };
    const luminance = c => {
        const [r, g, b] = rgb(c).slice(0, 3).map(v => (v /= 255) <= 0.03928
            ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (colour, el) => {
        const [light, dark] = [luminance(colour), luminance(background(el))].sort((a, b) => b - a);
        return (light + 0.05) / (dark + 0.05);
    };
"""


def test_dark_mode_follows_the_device(host, open_device):
    shades = {}
    for scheme in ("light", "dark"):
        device = open_device(color_scheme=scheme)
        joined(device, host)
        shades[scheme] = device.page.evaluate(
            f"() => {{ {COLOURS_JS} return luminance(background(document.body)); }}")
    assert shades["dark"] < 0.1 < 0.5 < shades["light"], shades


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_typed_words_and_the_keyboard_focus_can_be_seen(host, open_device, scheme):
    # axe leaves the text boxes' contrast "to review" (it cannot tell their background: "partially
    # obscured by another element"), so it is measured here; and the focus outline is what a
    # keyboard user follows (WCAG 1.4.11: 3:1 against what is around it).
    device = open_device(color_scheme=scheme)
    joined(device, host)
    page = device.page
    box = page.get_by_label(COMMENT_LABEL)
    box.fill("Shona should hold the pen.")
    typed = box.evaluate(
        f"el => {{ {COLOURS_JS} return contrast(getComputedStyle(el).color, el); }}")
    assert typed >= 4.5, f"typed words in the comment box have contrast {typed:.2f} in {scheme}"

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button[name=option][value=\"1\"]')"):
            break
    else:
        pytest.fail("Tab never reached the first vote button")
    width, style, seen = page.evaluate(f"""() => {{ {COLOURS_JS}
        const el = document.activeElement, look = getComputedStyle(el);
        return [parseFloat(look.outlineWidth), look.outlineStyle,
                contrast(look.outlineColor, el.parentElement)];
    }}""")
    assert style != "none" and width >= 2, f"focus outline {style} {width}px in {scheme}"
    assert seen >= 3, f"the focus outline has contrast {seen:.2f} against the page in {scheme}"


def test_at_320_px_nothing_scrolls_sideways_and_touch_targets_are_44_px(host, room, open_device):
    device = open_device(viewport={"width": 320, "height": 640})
    problems: list[str] = []

    def check(name: str) -> None:
        width = device.page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{name}: the page is {width} px wide at 320 px, so it scrolls "
                            "sideways")
        for what, height in device.page.evaluate("""() => {
            const seen = el => el.getClientRects().length > 0;
            const targets = [...document.querySelectorAll(
                'button, input[type=submit], input[type=button], label:has(input[type=checkbox])')];
            for (const box of document.querySelectorAll('input[type=checkbox]'))
                if (box.labels.length === 0 || ![...box.labels].some(l => targets.includes(l)))
                    targets.push(...(box.labels.length ? box.labels : [box]));
            return targets.filter(seen).map(el =>
                [(el.innerText || el.value || el.outerHTML).trim().slice(0, 40),
                 el.getBoundingClientRect().height]);
        }"""):
            if height < 44:
                problems.append(f"{name}: {what!r} is {height:.0f} px tall (44 px at least)")

    _tour(device, host, room, check)
    assert not problems, "\n".join(problems)
