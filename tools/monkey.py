"""The monkey: random keys, clicks, typing and resizes at the game window, for as long as you like.

Seeded, so a failure can be replayed. Every so often it starts again from one of the screens a
player reaches from the title (play, history, branch map, pause, saves, records, handouts,
settings, help, about), and in between it wanders wherever its keys and clicks take it. It
prints, as it goes and at the end: events sent, exceptions (each with its traceback, once per
kind), the worst frame (its processor time, the event and screen it followed, and where it spent
that time) and the resident memory (RSS).

    python tools/monkey.py                      # 30 minutes, dummy video driver
    python tools/monkey.py --minutes 5 --seed 7 --workshop
    python tools/monkey.py --events 3000        # a fixed number of events instead
    python tools/monkey.py --records 160        # with a term's session records to list and report

Typed text is printable characters only: control and zero-width characters are the text
sanitiser's business (and its own tests').
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from frame_sampler import FrameSampler, describe  # noqa: E402
from memory_storm import rss_mb, screen_makers  # noqa: E402

# Printable text: ASCII, Latin-1 letters, a little Greek, Cyrillic, CJK and emoji. No control,
# format (zero-width, direction) or soft-hyphen characters.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-_/&%#@+=*<>[]{}~"
            "\u00e9\u00e8\u00e0\u00fc\u00f6\u00df\u00e7\u00f1\u00c9\u00c5\u00d8\u00e6\u03b1\u03b2\u0436\u044f"
            "\u4e2d\u6587\u2603\u2764\u20ac\u00a3\u2014\u2026\U0001f600\U0001f44d")


@dataclass
class Tally:
    events: int = 0
    exceptions: int = 0
    worst_frame_ms: float = 0.0       # processor time of the drawing thread, whatever else runs
    worst_frame_wall_ms: float = 0.0  # the same frame by the clock
    worst_frame_after: str = ""
    worst_frame_screens: str = ""     # "TitleScreen -> ChooseScreen": on top before and after
    worst_frame_where: list[str] = field(default_factory=list)  # frame_sampler.describe
    kinds: dict[str, str] = field(default_factory=dict)  # "Type: message at file:line" -> traceback
    screens: set[str] = field(default_factory=set)
    quits: int = 0
    start_mb: float = 0.0
    peak_mb: float = 0.0
    end_mb: float = 0.0
    browser_opened: int = 0


class Monkey:
    """Makes random events for one app and sends them, one turn of the loop each."""

    def __init__(self, app, seed: int = 1, restart_every: int = 250,
                 largest: tuple[int, int] = (1920, 1080), sampler: FrameSampler | None = None):
        import pygame
        self.largest = largest  # resizes go up to this size (the smallest is the game's 640x480)
        self.pygame = pygame
        self.app = app
        self.rng = random.Random(seed)
        self.restart_every = restart_every
        self.sampler = sampler  # where the worst frame went, if given (and started)
        self.makers = screen_makers(app)
        self.first, self.restarts = self.rng.randrange(len(self.makers)), -1
        self.tally = Tally(start_mb=rss_mb(), peak_mb=rss_mb())
        k = pygame
        self.keys = ([k.K_TAB] * 6 + [k.K_RETURN] * 6 + [k.K_ESCAPE] * 3 + [k.K_SPACE] * 2
                     + [k.K_UP, k.K_DOWN, k.K_LEFT, k.K_RIGHT] * 3
                     + [getattr(k, f"K_{n}") for n in range(10)] * 2
                     + [k.K_F1, k.K_F6, k.K_F9, k.K_p, k.K_h, k.K_c, k.K_t, k.K_v, k.K_n, k.K_o,
                        k.K_PAGEUP, k.K_PAGEDOWN, k.K_HOME, k.K_END, k.K_BACKSPACE, k.K_DELETE,
                        k.K_EQUALS, k.K_MINUS, k.K_a, k.K_z, k.K_KP_ENTER])

    # -- the events ---------------------------------------------------------------------------
    def key(self, key: int, mod: int = 0) -> list:
        pg = self.pygame
        return [pg.event.Event(pg.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
                pg.event.Event(pg.KEYUP, key=key, mod=mod, unicode="", scancode=0)]

    def text(self) -> str:
        return "".join(self.rng.choice(ALPHABET) for _ in range(self.rng.randint(1, 40)))

    def next_events(self) -> tuple[str, list]:
        """A name for the log and the events of one turn."""
        pg, rng = self.pygame, self.rng
        width, height = self.app.surface.get_size()
        roll = rng.random()
        if roll < 0.55:
            key = rng.choice(self.keys)
            mod = rng.choice((0, 0, 0, 0, 0, 0, pg.KMOD_SHIFT, pg.KMOD_CTRL))
            if key == pg.K_F5 or (key == pg.K_v and mod & pg.KMOD_CTRL):
                mod = 0  # no reload storm, no clipboard (the sanitiser's own tests cover paste)
            return f"key {pg.key.name(key)}{'+mod' if mod else ''}", self.key(key, mod)
        if roll < 0.75:
            pos = (rng.randrange(width), rng.randrange(height))
            return f"click {pos}", [pg.event.Event(pg.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                                    pg.event.Event(pg.MOUSEBUTTONDOWN, button=1, pos=pos),
                                    pg.event.Event(pg.MOUSEBUTTONUP, button=1, pos=pos)]
        if roll < 0.80:
            return "wheel", [pg.event.Event(pg.MOUSEWHEEL, x=0, y=rng.choice((-3, -1, 1, 3)), flipped=False)]
        if roll < 0.93:
            text = self.text()
            return f"type {text!r}", [pg.event.Event(pg.TEXTINPUT, text=text)]
        if roll < 0.98:
            size = (rng.randint(640, self.largest[0]), rng.randint(480, self.largest[1]))
            pg.display.set_mode(size, pg.RESIZABLE)
            return f"resize {size}", [pg.event.Event(pg.VIDEORESIZE, size=size, w=size[0], h=size[1])]
        return "nothing", []

    # -- the run --------------------------------------------------------------------------------
    def restart(self) -> None:
        """Start again from the next screen in turn (from a seeded place in the list), so a run
        of n x restart_every events visits n of them whatever the seed."""
        self.app.running = True
        self.app.to_title()
        self.restarts += 1
        self.makers[(self.first + self.restarts) % len(self.makers)]()

    def turn(self) -> str:
        tally, app = self.tally, self.app
        if tally.events % self.restart_every == 0:
            what, call = "restart", self.restart
        else:
            what, events = self.next_events()

            def call():
                app.step(events, 0.05)
        before = type(app.top).__name__
        if self.sampler is not None:
            self.sampler.begin()
        started, cpu_started = time.perf_counter(), time.thread_time()
        try:
            call()
        except Exception as exc:  # the point of the monkey: count it, keep it, carry on
            tally.exceptions += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            kind = f"{type(exc).__name__}: {str(exc)[:120]} at {Path(where.filename).name}:{where.lineno}"
            tally.kinds.setdefault(kind, f"after {what}\n{traceback.format_exc()}")
            try:
                self.app.running = True
                self.app.to_title()
            except Exception:
                pass
        took = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu_started) * 1000
        looks = self.sampler.end() if self.sampler is not None else None
        # The worst frame by the processor time of the thread that draws: on a busy machine the
        # clock also counts the time other programs had, and the process's own time counts its
        # background threads (the room's server, loading ahead). Restarts are the monkey's own
        # doing, not a player's.
        if cpu > tally.worst_frame_ms and what != "restart":
            tally.worst_frame_ms, tally.worst_frame_wall_ms, tally.worst_frame_after = cpu, took, what
            tally.worst_frame_screens = f"{before} -> {type(app.top).__name__}"
            tally.worst_frame_where = describe(looks) if looks is not None else []
        if not app.running:  # "Quit" on the title: open it again
            tally.quits += 1
            app.running = True
        tally.events += 1
        tally.screens.add(type(app.top).__name__)
        return what

    def measure(self) -> float:
        now = rss_mb()
        self.tally.peak_mb = max(self.tally.peak_mb, now)
        self.tally.end_mb = now
        return now


def no_browser(tally: Tally):
    """The report's "open in browser" must not open real browsers during a monkey run."""
    def opened(*args, **kwargs) -> bool:
        tally.browser_opened += 1
        return True
    return opened


def records_kept(app) -> int:
    """Session records in the run's save folder: finished games add them, and the screens that
    list or report them have more to read as the run goes on."""
    from game.records import records_folder
    folder = records_folder(app.save_folder)
    return sum(1 for path in folder.glob("*.json")) if folder.is_dir() else 0


def play_records(scenes: Path, save_folder: Path, count: int, seed: int = 1) -> None:
    """`count` finished session records in `save_folder`, each a game played at random (with
    typed votes and debrief answers), so a run starts with the folder a term of workshops
    leaves: the records list, Compare and "Report on all" then have that many to read."""
    from game.records import Recorder
    from game.story import Run
    from game.story.loader import find_scenarios, load_scenario
    if count < 1:
        return
    rng = random.Random(seed)
    scenarios = [result.scenario for result in map(load_scenario, find_scenarios(scenes))
                 if result.scenario is not None]  # one with errors is the checker's business
    if not scenarios:
        raise SystemExit(f"monkey: no scenario under {scenes} loads without errors to play records of")
    for n in range(count):
        scenario = scenarios[n % len(scenarios)]
        run = Run(scenario, rng.choice(sorted(scenario.roles)), seed=rng.randrange(1000))
        recorder = Recorder(save_folder, run, label=f"Group {n + 1}",
                            mode="workshop" if n % 3 == 0 else "solo")
        while not run.ended and not run.stuck:
            recorder.set_votes([rng.randrange(6) for _ in run.choices])
            run.choose(rng.choice([view.index for view in run.choices if view.enabled]))
        recorder.set_debrief(reactions=["unsure"], takeaways=["Ask first."], action="Listen more.")
        recorder.update()


def run(app, seed: int = 1, events: int | None = None, seconds: float | None = None,
        every_seconds: float = 0.0, out=print, largest: tuple[int, int] = (1920, 1080),
        restart_every: int = 250, sample: bool = False) -> Tally:
    """Send events until `events` are sent or `seconds` have passed; the figures at the end.
    With `sample`, where the worst frame spent its time is kept too (frame_sampler)."""
    sampler = FrameSampler(ROOT) if sample else None
    monkey = Monkey(app, seed, restart_every=restart_every, largest=largest, sampler=sampler)
    tally = monkey.tally
    real_open, webbrowser.open = webbrowser.open, no_browser(tally)
    started = last = time.perf_counter()
    if sampler is not None:
        sampler.start()
    try:
        while True:
            if events is not None and tally.events >= events:
                break
            if seconds is not None and time.perf_counter() - started >= seconds:
                break
            monkey.turn()
            if tally.events % 50 == 0:
                monkey.measure()
            now = time.perf_counter()
            if every_seconds and now - last >= every_seconds:
                last = now
                out(f"  {now - started:7.0f} s  events {tally.events:7d}  exceptions {tally.exceptions:3d}"
                    f"  worst frame {tally.worst_frame_ms:7.1f} ms cpu  RSS {monkey.measure():6.1f} MB"
                    f"  screens seen {len(tally.screens)}  records {records_kept(app)}")
    finally:
        webbrowser.open = real_open
        if sampler is not None:
            sampler.stop()
    monkey.measure()
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to run (default 30)")
    parser.add_argument("--events", type=int, help="send this many events instead of running for --minutes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every", type=float, default=30.0, help="print figures every N seconds (default 30)")
    parser.add_argument("--workshop", action="store_true", help="the window in workshop mode")
    parser.add_argument("--scenes", type=Path, default=ROOT / "scenes", help="scenario folder")
    parser.add_argument("--records", type=int, default=0,
                        help="start with this many session records played into the save folder")
    args = parser.parse_args()
    if args.minutes <= 0 or (args.events is not None and args.events < 1) or args.every < 0 \
            or args.records < 0:
        parser.error("--minutes and --events must be positive, --every and --records at least 0")
    if not args.scenes.is_dir():
        parser.error(f"--scenes {args.scenes}: no such folder")
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings
    with tempfile.TemporaryDirectory() as saves:
        play_records(args.scenes, Path(saves), args.records, args.seed)
        app = App([args.scenes], Path(saves), settings=Settings(text_speed="fast"),
                  workshop=args.workshop, label="Monkey" if args.workshop else "")
        app.step([])
        print(f"monkey: seed {args.seed}, "
              + (f"{args.events} events" if args.events else f"{args.minutes:g} minutes")
              + (f", {args.records} records to start with" if args.records else "")
              + f", RSS at start {rss_mb():.1f} MB")
        started = time.perf_counter()
        tally = run(app, args.seed, events=args.events,
                    seconds=None if args.events else args.minutes * 60, every_seconds=args.every,
                    sample=True)
        took = time.perf_counter() - started
        pygame.quit()
    for kind, trace in tally.kinds.items():
        print(f"\n--- {kind}\n{trace}")
    print(f"\n{tally.events} events in {took:.0f} s; {tally.exceptions} exceptions "
          f"({len(tally.kinds)} kinds); worst frame {tally.worst_frame_ms:.1f} ms of processor time "
          f"({tally.worst_frame_wall_ms:.1f} ms by the clock) after {tally.worst_frame_after}, "
          f"{tally.worst_frame_screens}; "
          f"RSS start {tally.start_mb:.1f} MB, peak {tally.peak_mb:.1f} MB, end {tally.end_mb:.1f} MB; "
          f"{tally.quits} quits, {tally.browser_opened} browser opens stopped; "
          f"screens seen: {', '.join(sorted(tally.screens))}")
    if tally.worst_frame_where:
        print("where the worst frame went (share of looks at the stack):")
        for line in tally.worst_frame_where:
            print(f"  {line}")
    sys.exit(1 if tally.exceptions else 0)


if __name__ == "__main__":
    main()
