"""Load benchmark for the live room: simulated devices join and vote through the real server.

    python tools/bench_room.py                          # 200 devices, 20 rounds, 20 s idle
    python tools/bench_room.py --devices 50 --rounds 5 --idle 0
    python tools/bench_room.py --one-address            # every device behind one address

The server runs as in the game: a RoomHost on 127.0.0.1 in its own thread, with this process's
main thread playing the game (publishing decisions and closing votes). The devices run in other
processes (--processes, 2 by default: one process of 200 aiohttp clients is itself the slowest
part on a 2-core machine, and adds its own queueing to every latency), so their work does not
share the server's interpreter. Each device has its own aiohttp session and cookie jar, an open
/events stream like a page with its script, and (unless --one-address) its own source address,
127.0.0.2 and up (TCPConnector local_addr; all of 127/8 is loopback on Linux), so the
per-address limit sees separate phones as it would on Wi-Fi.

First every device joins and votes at once; then each round the game publishes a decision, every
device waits for the news on its stream, loads the page and votes, about a tenth drop (close
their session) and come back with their saved cookie, which must still hold their vote; then the
game closes the vote and its tally must equal what the devices were told was counted. Last, with
every stream still open, the server thread's CPU is measured while nobody does anything.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from yarl import URL  # noqa: E402

GOAL_P95_MS = 100.0
GOAL_IDLE_CPU = 2.0          # percent of one core
OPTIONS = 3


# -- the devices (in their own process) ----------------------------------------------------------
class Device:
    def __init__(self, url: str, address: str | None):
        self.url = url
        self.address = address
        self.session: aiohttp.ClientSession | None = None
        self.stream: asyncio.Task | None = None
        self.token = ""
        self.version = -1
        self.seen_at = 0.0
        self.news = asyncio.Event()
        self.vote = None               # the option the server said it counted

    def open(self, token: str = "") -> None:
        connector = aiohttp.TCPConnector(
            local_addr=(self.address, 0) if self.address else None, limit=4)
        jar = aiohttp.CookieJar(unsafe=True)
        if token:
            jar.update_cookies({"mt_device": token}, URL(self.url))
        self.session = aiohttp.ClientSession(self.url, connector=connector, cookie_jar=jar)

    async def close(self) -> None:
        if self.stream:
            self.stream.cancel()
            await asyncio.gather(self.stream, return_exceptions=True)
        await self.session.close()

    async def join(self, code: str) -> int:
        async with self.session.post("/api/join", json={"code": code}) as response:
            await response.read()
            if response.status == 200:
                self.token = response.cookies["mt_device"].value
            return response.status

    def follow(self) -> None:
        self.stream = asyncio.ensure_future(self._read_events())

    async def _read_events(self) -> None:
        """Follow /events as the page's script does: a refused stream is tried again later."""
        try:
            while True:
                async with self.session.get(
                        "/events", timeout=aiohttp.ClientTimeout(total=None)) as response:
                    async for line in response.content:
                        if line.startswith(b"data: "):
                            self.version = int(line[6:])
                            self.seen_at = time.monotonic()
                            self.news.set()
                await asyncio.sleep(2 + random.random() * 2)
        except (aiohttp.ClientError, asyncio.CancelledError):
            pass

    async def cast(self, key: str, option: int) -> tuple[float, int]:
        started = time.perf_counter()
        async with self.session.post("/api/vote", json={"key": key, "option": option}) \
                as response:
            await response.read()
        if response.status == 200:
            self.vote = option
        return (time.perf_counter() - started) * 1000, response.status


async def _join_and_vote(devices, code: str, key: str) -> dict:
    joined_at: list[float] = []
    statuses: Counter = Counter()
    started = time.monotonic()

    async def one(device: Device):
        device.open()
        status = await device.join(code)
        statuses[f"join {status}"] += 1
        joined_at.append(time.monotonic())
        if status != 200:
            return None
        device.follow()
        latency, status = await device.cast(key, random.randint(1, OPTIONS))
        statuses[f"vote {status}"] += 1
        return latency
    latencies = [t for t in await asyncio.gather(*(one(d) for d in devices)) if t is not None]
    return {"started": started, "joined_at": joined_at, "latencies": latencies,
            "statuses": statuses, "votes": _votes(devices)}


def _votes(devices) -> dict:
    return {d.token: d.vote for d in devices if d.vote is not None}


async def _round(devices, key: str, versions_before: int, drop: float, conn) -> dict:
    for device in devices:
        device.news.clear()
        device.vote = None
    conn.send("ready")
    ready_at = time.monotonic()
    statuses: Counter = Counter()
    kept = changed = 0

    async def one(device: Device):
        nonlocal kept, changed
        try:
            while device.version <= versions_before:
                await asyncio.wait_for(device.news.wait(), 10)
                device.news.clear()
        except asyncio.TimeoutError:
            statuses["no news in 10 s"] += 1
            return None, None
        reached = device.seen_at
        async with device.session.get("/") as page:
            await page.read()
            statuses[f"page {page.status}"] += 1
        latency, status = await device.cast(key, random.randint(1, OPTIONS))
        statuses[f"vote {status}"] += 1
        if random.random() < drop:
            vote = device.vote
            await device.close()
            device.open(device.token)
            async with device.session.get("/api/page") as response:
                statuses[f"reconnect {response.status}"] += 1
                answer = await response.json()
            if response.status == 200:
                mine = answer["vote"]["mine"]
                kept += mine == vote
                changed += mine != vote
            device.follow()
        return reached, latency
    results = await asyncio.gather(*(one(d) for d in devices))
    return {"reached": [r for r, _ in results if r is not None], "ready_at": ready_at,
            "latencies": [t for _, t in results if t is not None], "statuses": statuses,
            "dropped": kept + changed, "kept": kept, "votes": _votes(devices)}


def devices_main(conn, url: str, numbers: range, one_address: bool) -> None:
    """One process of devices (`numbers` among them all): does what the game's side asks
    over `conn`."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    devices = [Device(url, None if one_address else f"127.0.0.{2 + n % 250}")
               for n in numbers]
    while True:
        command, *args = conn.recv()
        if command == "join":
            conn.send(loop.run_until_complete(_join_and_vote(devices, *args)))
        elif command == "round":
            conn.send(loop.run_until_complete(_round(devices, *args, conn=conn)))
        elif command == "idle":
            loop.run_until_complete(asyncio.sleep(args[0]))
            conn.send(sum(1 for d in devices if d.stream and not d.stream.done()))
        else:
            loop.run_until_complete(asyncio.gather(*(d.close() for d in devices)))
            conn.send("done")
            return


# -- the game's side (this process) ---------------------------------------------------------------
class Crowd:
    """The devices' processes, asked together; their answers merged."""

    def __init__(self, url: str, count: int, processes: int, one_address: bool):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for part in range(processes):
            ours, theirs = context.Pipe()
            process = context.Process(target=devices_main, daemon=True, args=(
                theirs, url, range(part, count, processes), one_address))
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def tell(self, *command) -> None:
        for pipe in self.pipes:
            pipe.send(command)

    def wait_ready(self) -> None:
        for pipe in self.pipes:
            assert pipe.recv() == "ready"

    def gather(self):
        answers = [pipe.recv() for pipe in self.pipes]
        if not isinstance(answers[0], dict):
            return sum(answers)
        merged: dict = {}
        for answer in answers:
            for name, value in answer.items():
                if name not in merged:
                    merged[name] = value
                elif isinstance(value, (int, float)) and name in ("started", "ready_at"):
                    merged[name] = min(merged[name], value)
                elif isinstance(value, dict):
                    merged[name] = {**merged[name], **value} if name == "votes" \
                        else merged[name] + value
                else:
                    merged[name] = merged[name] + value
        return merged

    def ask(self, *command):
        self.tell(*command)
        return self.gather()

    def stop(self) -> None:
        self.tell("stop")
        for pipe in self.pipes:
            if pipe.poll(10):
                pipe.recv()
        for process in self.processes:
            process.join(5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0


def lost_votes(tally, sent: dict) -> tuple[int, int]:
    """(votes told counted but missing from the tally, votes in the tally nobody was told)."""
    expected = Counter(sent.values())
    lost = sum(max(0, expected[n + 1] - c) for n, c in enumerate(tally.counts))
    extra = sum(max(0, c - expected[n + 1]) for n, c in enumerate(tally.counts))
    return lost, extra


def thread_cpu(native_id: int) -> float:
    """CPU seconds used so far by one thread of this process (Linux)."""
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def decision(key: str, title: str):
    from game.room.model import Option, Page
    return Page(key, "decision", title=title,
                options=tuple(Option(n, f"Option {n}") for n in range(1, OPTIONS + 1)))


def main() -> None:
    from game.room.host import RoomHost
    from game.room.model import Room

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--drop", type=float, default=0.1, help="share of devices that drop")
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between rounds (a real room talks for minutes; each "
                             "device may make 5 requests a second)")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured")
    parser.add_argument("--processes", type=int, default=2,
                        help="processes the devices are spread over")
    parser.add_argument("--one-address", action="store_true",
                        help="every device from 127.0.0.1, as behind one hotspot address")
    args = parser.parse_args()

    room = Room()
    host = RoomHost(room, "127.0.0.1", 0)
    host.start()
    room.publish(decision("1:first", "The first decision"))
    crowd = Crowd(host.url, args.devices, args.processes, args.one_address)
    where = "one address (127.0.0.1)" if args.one_address else \
        f"{min(args.devices, 250)} addresses (127.0.0.2 and up, via local_addr)"
    print(f"room at {host.url}; {args.devices} devices in {args.processes} processes, "
          f"from {where}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    server = host._thread.native_id
    try:
        cpu, started = thread_cpu(server), time.monotonic()
        first = crowd.ask("join", room.code, "1:first")
        busy = (thread_cpu(server) - cpu) / (time.monotonic() - started) * 100
        tally = room.close("1:first")
        lost, extra = lost_votes(tally, first["votes"])
        joins_per_s = len(first["joined_at"]) / (max(first["joined_at"]) - first["started"])
        print(f"join and vote at once: {joins_per_s:.0f} joins/s; vote latency "
              f"p50 {percentile(first['latencies'], .5):.1f} ms, "
              f"p95 {percentile(first['latencies'], .95):.1f} ms, "
              f"max {max(first['latencies'], default=0):.1f} ms; "
              f"{tally.voted} counted of {len(first['votes'])} accepted; lost {lost}, "
              f"extra {extra}; {dict(first['statuses'])}; server thread busy {busy:.0f}%")
        all_latencies, total_lost, total_dropped, total_kept = list(first["latencies"]), lost, 0, 0
        for number in range(1, args.rounds + 1):
            key = f"{number + 1}:round"
            time.sleep(args.pause)
            cpu, started = thread_cpu(server), time.monotonic()
            crowd.tell("round", key, room.version, args.drop)
            crowd.wait_ready()
            room.publish(decision(key, f"Round {number}"))
            published = time.monotonic()
            result = crowd.gather()
            tally = room.close(key)
            busy = (thread_cpu(server) - cpu) / (time.monotonic() - started) * 100
            lost, extra = lost_votes(tally, result["votes"])
            reach = [(t - published) * 1000 for t in result["reached"]]
            latencies = result["latencies"]
            all_latencies += latencies
            total_lost += lost
            total_dropped += result["dropped"]
            total_kept += result["kept"]
            refused = {k: v for k, v in result["statuses"].items() if not k.endswith(" 200")}
            print(f"round {number:2}: news reached p95 {percentile(reach, .95):6.1f} ms; "
                  f"vote p50 {percentile(latencies, .5):5.1f} ms, "
                  f"p95 {percentile(latencies, .95):5.1f} ms, max {max(latencies, default=0):6.1f} ms; "
                  f"{tally.voted}/{len(result['votes'])} counted, lost {lost}, extra {extra}; "
                  f"{result['dropped']} dropped, {result['kept']} kept their vote; "
                  f"server busy {busy:.0f}%"
                  + (f"; refused {refused}" if refused else ""))
        p95 = percentile(all_latencies, .95)
        print(f"all votes: p50 {percentile(all_latencies, .5):.1f} ms, p95 {p95:.1f} ms, "
              f"max {max(all_latencies, default=0):.1f} ms; lost {total_lost}; "
              f"{total_kept} of {total_dropped} reconnecting devices kept their vote; "
              f"goal p95 <= {GOAL_P95_MS:.0f} ms and 0 lost: "
              f"{'met' if p95 <= GOAL_P95_MS and total_lost == 0 else 'NOT met'}")
        if args.idle > 0:
            cpu_before, process_before = thread_cpu(server), resource.getrusage(
                resource.RUSAGE_SELF)
            started = time.monotonic()
            streams = crowd.ask("idle", args.idle)
            took = time.monotonic() - started
            process_after = resource.getrusage(resource.RUSAGE_SELF)
            server_cpu = (thread_cpu(server) - cpu_before) / took * 100
            process_cpu = ((process_after.ru_utime + process_after.ru_stime)
                           - (process_before.ru_utime + process_before.ru_stime)) / took * 100
            print(f"idle {took:.0f} s with {streams} event streams open: server thread "
                  f"{server_cpu:.2f}% of a core, whole server process {process_cpu:.2f}%; "
                  f"goal <= {GOAL_IDLE_CPU:.0f}%: "
                  f"{'met' if process_cpu <= GOAL_IDLE_CPU else 'NOT met'}")
    finally:
        crowd.stop()
        host.stop()


if __name__ == "__main__":
    main()
