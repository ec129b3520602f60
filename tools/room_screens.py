"""Save the phone screenshots of the live room for the README and the facilitator guide.

    python tools/room_screens.py                   # docs/screenshots/room-phone.png and -dark.png
    python tools/room_screens.py --scene p1-the-letter --full

Opens a room on 127.0.0.1 only, publishes a real decision from The Haven (the run plays the
first open option at each step until it reaches `--scene`), joins it from headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) as a 360x780 phone, votes for option 2 so
the page shows "Your vote", and saves the page in light and in dark. Nothing leaves this
computer: the room listens on loopback and closes when the script ends.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.room.host import RoomHost  # noqa: E402
from game.room.model import Room  # noqa: E402
from game.room.page import page_of  # noqa: E402
from game.story import Run, load  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 780}


def run_at(scenario_folder: Path, role: str, scene_id: str) -> Run:
    """A run of the scenario that has reached `scene_id`, taking the first open option."""
    run = Run(load(scenario_folder), role, seed=1)
    while not run.ended and run.scene.id != scene_id:
        run.choose(next(view.index for view in run.choices if view.enabled))
    if run.ended:
        raise SystemExit(f'the {role} path taking the first option never reaches "{scene_id}"')
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenes" / "haven")
    parser.add_argument("--role", default="professional")
    parser.add_argument("--scene", default="p1-library-question",
                        help="the decision to show (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--full", action="store_true",
                        help="the whole page, not just what fits on the phone's screen")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed: pip install -e '.[test]'", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1

    page = page_of(run_at(args.scenario, args.role, args.scene))
    if page.kind != "decision":
        raise SystemExit(f'"{args.scene}" is not a decision the room votes on')
    room = Room()
    room.publish(page)
    host = RoomHost(room, host="127.0.0.1")
    host.start()
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
            for scheme, name in (("light", "room-phone.png"), ("dark", "room-phone-dark.png")):
                context = browser.new_context(viewport=PHONE, device_scale_factor=2,
                                              is_mobile=True, has_touch=True,
                                              color_scheme=scheme)
                phone = context.new_page()
                phone.goto(host.join_url)
                phone.locator('button[name="option"][value="2"]').click()
                phone.get_by_text("Your vote", exact=True).first.wait_for()
                phone.reload()  # the page as it loads, with no message from the vote
                if not args.full:   # the options, with the questions to talk over above them
                    phone.get_by_role("heading", name="Talk it over").evaluate(
                        "h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 12)")
                target = args.out / name
                phone.screenshot(path=str(target), full_page=args.full)
                context.close()
                print(f"saved {target}")
            browser.close()
    finally:
        host.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
