"""Live room under load: N simulated students (and some hostile clients) on loopback.

A room is served by its real server in a child process (the host's laptop), on
127.0.0.1 and a free port, with the built-in pack. This process plays the host
(a websocket client with the host's secret) and N students, all websocket
clients on one event loop. The host starts the game; each question, every
student answers after a random pause (0.2 s to ``--spread`` seconds, as a
class does), and the host moves on when the question closes. Measured:

* answers sent, acknowledged and lost (sent but never acknowledged);
* from a student's answer to the server's acknowledgement (p50, p99, max): the
  student sends, the server checks, times and records it, and says so;
* from the host's "next" to the last student receiving the next question's
  "get ready" (the question itself opens 3 s later, on every client at once);
* the spread between the first and the last student receiving a question;
* the host process's peak memory (VmHWM).

With ``--hostile M``, M more clients misbehave the whole time: garbage text,
frames over the size cap, floods of answers, hostile names (escape sequences,
markup, HTML, control characters, too long), and connections that never say
hello. They reconnect each time they are dropped, until the game ends. Only
the honest students' figures are reported. (Wrong PINs are left out: every
client here shares one address, and the PIN guard would rightly slow the
honest students' joins; the tests cover it.)

Everything is bounded: a run stops after ``--deadline`` seconds whatever happens.

    python bench/live_load.py --students 300 --questions 5 [--hostile 20] [--runs 3] [--json]

With --json the last line is one JSON object (medians over the runs).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from websockets.exceptions import WebSocketException

from bench.common import ROOT, env_for, machine_line, percentile

HOSTILE_NAMES = [
    "\x1b[2J\x1b[31mHACKED\x1b[0m",
    "[bold red]boss[/]",
    "<script>alert(1)</script>",
    "<b>x</b>",
    "\u202eevil\u202c",
    "a" * 500,
    "\x00\x07\x08",
    "\x1b]0;title\x07T",
    "   ",
    "名前" * 20,
]


def _raise_file_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


# -- the host's process ------------------------------------------------------------------------------
def serve(args: argparse.Namespace) -> None:
    """Child process: one room on 127.0.0.1; prints its port, PIN and secret, then its peak memory at the end."""
    _raise_file_limit()
    from quiz.live.room import Room
    from quiz.live.server import RoomServer
    from quiz.packcache import load_pack
    from quiz.session import RoundSettings

    questions = load_pack(ROOT / "questions" / "tdf-docuseries.yaml").questions
    settings = RoundSettings(questions=args.questions, timer=args.timer, seed=args.seed)
    room = Room(questions, settings, capacity=args.students + args.hostile * 2 + 10)

    async def main() -> None:
        server = RoomServer(room, host="127.0.0.1", port=0)
        await server.start()
        print(json.dumps({"port": server.port, "pin": room.pin, "secret": room.secret}), flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.readline)  # the parent says stop
        await server.stop()

    asyncio.run(main())
    print(json.dumps({"peak_kib": _peak_kib()}), flush=True)


def _peak_kib() -> int:
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


# -- the clients ---------------------------------------------------------------------------------------
def _valid(view: dict[str, Any]) -> Any:
    """A well-formed answer to a question as shown (right or wrong does not matter here)."""
    kind, options = view.get("type"), view.get("options") or []
    if kind == "multiple_choice":
        return options[0]
    if kind == "multi_select":
        return options[:1]
    if kind == "true_false":
        return True
    if kind in ("ordering", "matching"):
        return list(options)
    return "42" if kind == "numeric" else "an answer"


class Run:
    def __init__(self, args: argparse.Namespace, port: int, pin: str, secret: str) -> None:
        self.args = args
        self.url = f"ws://127.0.0.1:{port}/ws"
        self.pin = pin
        self.secret = secret
        self.latencies: list[float] = []
        self.sent = 0
        self.acked = 0
        self.errors: dict[str, int] = {}
        self.pending: dict[tuple[int, int], float] = {}  # (student, turn) -> send time
        self.ready_at: dict[int, list[float]] = {}  # turn -> times students got "ready"
        self.question_at: dict[int, list[float]] = {}
        self.next_at: dict[int, float] = {}  # turn -> time the host asked for it
        self.finished = asyncio.Event()
        self.joined = 0
        self.hostile_drops = 0
        self.hostile_refusals = 0
        self.rng = random.Random(args.seed)

    async def student(self, index: int, gate: asyncio.Semaphore) -> None:
        from websockets.asyncio.client import connect

        async with gate:
            ws = await connect(self.url, compression=None, max_size=None, open_timeout=30, ping_interval=None)
            await ws.send(
                json.dumps({"type": "hello", "v": 1, "role": "student", "pin": self.pin, "name": f"Student {index}"})
            )
        loop = asyncio.get_running_loop()
        try:
            async for raw in ws:
                now = time.perf_counter()
                message = json.loads(raw)
                kind = message["type"]
                if kind == "welcome":
                    self.joined += 1
                elif kind == "ready":
                    self.ready_at.setdefault(message["turn"], []).append(now)
                elif kind == "question":
                    turn = message["turn"]
                    self.question_at.setdefault(turn, []).append(now)
                    delay = self.rng.uniform(0.2, self.args.spread)
                    value = _valid(message["question"])
                    loop.call_later(delay, lambda t=turn, v=value: loop.create_task(self._answer(ws, index, t, v)))
                elif kind == "ack":
                    sent = self.pending.pop((index, message["turn"]), None)
                    if sent is not None:
                        self.acked += 1
                        self.latencies.append(now - sent)
                elif kind == "error":
                    self.errors[message["code"]] = self.errors.get(message["code"], 0) + 1
                elif kind == "finished":
                    break
        finally:
            await ws.close()

    async def _answer(self, ws: Any, index: int, turn: int, value: Any) -> None:
        self.pending[(index, turn)] = time.perf_counter()
        self.sent += 1
        with contextlib.suppress(WebSocketException, OSError):  # if it fails, it counts as lost
            await ws.send(json.dumps({"type": "answer", "turn": turn, "value": value}))

    async def host(self) -> None:
        from websockets.asyncio.client import connect

        async with connect(self.url, compression=None, max_size=None, ping_interval=None) as ws:
            await ws.send(json.dumps({"type": "hello", "v": 1, "role": "host", "pin": self.pin, "secret": self.secret}))
            while self.joined < self.args.students:
                await asyncio.sleep(0.05)
            self.next_at[0] = time.perf_counter()
            await ws.send(json.dumps({"type": "start"}))
            async for raw in ws:
                message = json.loads(raw)
                kind = message["type"]
                if kind == "reveal":
                    await asyncio.sleep(0.3)
                    await ws.send(json.dumps({"type": "next"}))
                elif kind == "standings":
                    await asyncio.sleep(0.3)
                    self.next_at[len(self.next_at)] = time.perf_counter()
                    await ws.send(json.dumps({"type": "next"}))
                elif kind == "finished":
                    self.finished.set()
                    return

    async def hostile(self, index: int) -> None:
        """Misbehave until the game ends, in one of five ways by index; reconnect whenever dropped."""
        from websockets.asyncio.client import connect

        way = index % 5
        token = None
        while not self.finished.is_set():
            try:
                async with connect(
                    self.url, compression=None, max_size=None, open_timeout=10, ping_interval=None
                ) as ws:
                    if way == 4:  # never says hello: the server hangs up after its hello timeout
                        await asyncio.wait_for(ws.recv(), 15)
                        continue
                    name = self.rng.choice(HOSTILE_NAMES) if way == 3 else f"Pest {index}"
                    hello: dict[str, Any] = {"type": "hello", "v": 1, "role": "student", "pin": self.pin, "name": name}
                    if token:
                        hello["token"] = token
                    await ws.send(json.dumps(hello))
                    reply = json.loads(await ws.recv())
                    if reply["type"] == "error":
                        self.hostile_refusals += 1
                        await asyncio.sleep(0.2)
                        continue
                    token = reply.get("token") or token
                    if way == 0:  # garbage
                        for junk in (
                            "{",
                            "[]",
                            '{"type":"answer","turn":"x","value":1}',
                            "\x00" * 50,
                            '{"type":"start"}',
                            '{"type":"hello","v":1}',
                        ) * 50:
                            await ws.send(junk)
                            await asyncio.sleep(0.02)
                    elif way == 1:  # a frame over the size cap: closed at once (1009)
                        await ws.send("x" * 100_000)
                        await ws.recv()
                    elif way == 2:  # a flood
                        for _ in range(2000):
                            await ws.send('{"type":"answer","turn":0,"value":"x"}')
                    else:  # a strange name that got in: answers like anyone
                        async for raw in ws:
                            message = json.loads(raw)
                            if message["type"] == "question":
                                await ws.send(
                                    json.dumps(
                                        {
                                            "type": "answer",
                                            "turn": message["turn"],
                                            "value": _valid(message["question"]),
                                        }
                                    )
                                )
                            if self.finished.is_set():
                                break
                    await asyncio.wait_for(ws.recv(), 5)
            except (WebSocketException, OSError, TimeoutError, asyncio.TimeoutError, ValueError, KeyError):
                self.hostile_drops += 1
                await asyncio.sleep(0.1)

    async def play(self) -> float:
        gate = asyncio.Semaphore(100)  # connections opening at once (the listen backlog is finite)
        started = time.perf_counter()
        students = [asyncio.ensure_future(self.student(i, gate)) for i in range(self.args.students)]
        hostile = [asyncio.ensure_future(self.hostile(i)) for i in range(self.args.hostile)]
        host = asyncio.ensure_future(self.host())
        while self.joined < self.args.students:
            await asyncio.sleep(0.05)
            if time.perf_counter() - started > self.args.deadline:
                raise TimeoutError("students did not all join in time")
        connect_s = time.perf_counter() - started
        await asyncio.wait_for(host, self.args.deadline)
        await asyncio.wait(students, timeout=10)
        for task in [*students, *hostile]:
            task.cancel()
        await asyncio.gather(*students, *hostile, return_exceptions=True)
        return connect_s


def one_run(args: argparse.Namespace) -> dict[str, Any]:
    child = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            "--students",
            str(args.students),
            "--hostile",
            str(args.hostile),
            "--questions",
            str(args.questions),
            "--timer",
            str(args.timer),
            "--seed",
            str(args.seed),
        ],
        cwd=ROOT,
        env=env_for(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        info = json.loads(child.stdout.readline())
        run = Run(args, info["port"], info["pin"], info["secret"])
        connect_s = asyncio.run(asyncio.wait_for(run.play(), args.deadline))
        child.stdin.write("stop\n")
        child.stdin.flush()
        peak = json.loads(child.stdout.readline())["peak_kib"]
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    fanout = [max(run.ready_at.get(t, [0])) - at for t, at in run.next_at.items() if run.ready_at.get(t)]
    spread = [max(times) - min(times) for times in run.question_at.values() if times]
    return {
        "students": args.students,
        "hostile": args.hostile,
        "questions": args.questions,
        "sent": run.sent,
        "acked": run.acked,
        "lost": run.sent - run.acked,
        "p50_ms": percentile(run.latencies, 50) * 1000,
        "p99_ms": percentile(run.latencies, 99) * 1000,
        "max_ms": max(run.latencies, default=float("nan")) * 1000,
        "next_to_last_ready_ms": statistics.median(fanout) * 1000 if fanout else float("nan"),
        "next_to_last_ready_max_ms": max(fanout) * 1000 if fanout else float("nan"),
        "question_spread_ms": statistics.median(spread) * 1000 if spread else float("nan"),
        "connect_s": connect_s,
        "host_peak_mib": peak / 1024,
        "honest_errors": sum(run.errors.values()),
        "hostile_drops": run.hostile_drops,
        "hostile_refusals": run.hostile_refusals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--hostile", type=int, default=0, help="misbehaving clients beside the students")
    parser.add_argument("--runs", type=int, default=1, help="runs; figures are medians over them")
    parser.add_argument("--timer", type=float, default=20.0, help="seconds per question")
    parser.add_argument("--spread", type=float, default=3.0, help="students answer within this many seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=300.0, help="a run stops after this many seconds")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return
    _raise_file_limit()
    print(machine_line())
    print(
        f"{args.students} students, {args.hostile} hostile clients, {args.questions} questions, "
        f"answers spread over {args.spread:g} s, {args.runs} run(s)"
    )
    runs = []
    for n in range(args.runs):
        figures = one_run(args)
        runs.append(figures)
        print(
            f"run {n + 1}: sent {figures['sent']}, acked {figures['acked']}, lost {figures['lost']}; "
            f"ack p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.1f} ms; "
            f"next -> last 'get ready' {figures['next_to_last_ready_ms']:.1f} ms "
            f"(max {figures['next_to_last_ready_max_ms']:.1f}); question spread "
            f"{figures['question_spread_ms']:.1f} ms; joined in {figures['connect_s']:.2f} s; "
            f"host peak {figures['host_peak_mib']:.1f} MiB; honest errors {figures['honest_errors']}"
            + (
                f"; hostile drops {figures['hostile_drops']}, refusals {figures['hostile_refusals']}"
                if args.hostile
                else ""
            ),
            flush=True,
        )
    summary: dict[str, Any] = {key: runs[0][key] for key in ("students", "hostile", "questions")}
    for key in (
        "sent",
        "acked",
        "lost",
        "p50_ms",
        "p99_ms",
        "max_ms",
        "next_to_last_ready_ms",
        "next_to_last_ready_max_ms",
        "question_spread_ms",
        "connect_s",
        "host_peak_mib",
        "honest_errors",
    ):
        summary[key] = round(statistics.median(r[key] for r in runs), 2)
    summary["runs"] = len(runs)
    summary["lost_total"] = sum(r["lost"] for r in runs)
    print(
        f"median of {len(runs)}: lost {summary['lost']} (total {summary['lost_total']}), "
        f"p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms, host peak {summary['host_peak_mib']} MiB"
    )
    if args.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
