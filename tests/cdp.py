"""A headless Chromium driven over the Chrome DevTools Protocol (a websocket), for tests of the web page.

Only what the tests need: open a page, evaluate JavaScript in it, press keys, and
wait for a condition, each bounded in time. The browser is the system's
(``chromium``); nothing is downloaded.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

WAIT = 10.0


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process: subprocess.Popen[str] | None = None
        self.ws: ClientConnection | None = None
        self.session: str | None = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.console: list[str] = []

    async def start(self) -> None:
        path = chromium_path()
        assert path is not None
        self.process = subprocess.Popen(  # noqa: ASYNC220 - starting it does not block; its output is read in a thread
            [
                path,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--mute-audio",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=420,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "en_US.UTF-8"},
        )
        url = await asyncio.wait_for(asyncio.to_thread(self._devtools_url), WAIT)
        self.ws = await connect(url, max_size=None, open_timeout=WAIT)
        self._reader = asyncio.get_running_loop().create_task(self._read())
        targets = await self.call("Target.getTargets")
        page = next(t for t in targets["targetInfos"] if t["type"] == "page")
        attached = await self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]
        await self.call("Page.enable")
        await self.call("Runtime.enable")

    def _devtools_url(self) -> str:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                return match.group(1)
        raise RuntimeError("Chromium did not start its DevTools endpoint")

    async def _read(self) -> None:
        assert self.ws is not None
        async for raw in self.ws:
            message = json.loads(raw)
            future = self._waiting.pop(message.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(message)
            elif message.get("method") == "Runtime.consoleAPICalled":
                args = message["params"].get("args", [])
                self.console.append(" ".join(str(a.get("value", "")) for a in args))
            elif message.get("method") == "Runtime.exceptionThrown":
                self.console.append("EXCEPTION " + json.dumps(message["params"].get("exceptionDetails", {}))[:500])

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        assert self.ws is not None
        ident = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[ident] = future
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        await self.ws.send(json.dumps(message))
        reply = await asyncio.wait_for(future, WAIT)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", url=url)
        await self.until("document.readyState === 'complete' && !!document.getElementById('app')")

    async def js(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def until(self, expression: str, timeout: float = WAIT) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                value = await self.js(expression)
            except RuntimeError:  # the page is between documents (a reload)
                value = None
            if value:
                return value
            if loop.time() > deadline:
                text = await self.js("document.body ? document.body.innerText : ''")
                raise AssertionError(f"{expression} never held; the page shows:\n{text}\nconsole: {self.console}")
            await asyncio.sleep(0.05)

    async def key(self, key: str, code: str | None = None, shift: bool = False, text: str | None = None) -> None:
        """Press and release one key, as a keyboard does (keydown with its text, then keyup)."""
        modifiers = 8 if shift else 0
        vk = {"Enter": 13, "ArrowUp": 38, "ArrowDown": 40, "Tab": 9}.get(key, ord(key.upper()) if len(key) == 1 else 0)
        down: dict[str, Any] = {
            "type": "keyDown",
            "key": key,
            "code": code or key,
            "windowsVirtualKeyCode": vk,
            "modifiers": modifiers,
        }
        if text is not None:
            down["text"] = text
        elif len(key) == 1:
            down["text"] = key
        elif key == "Enter":
            down["text"] = "\r"
        await self.call("Input.dispatchKeyEvent", **down)
        await self.call(
            "Input.dispatchKeyEvent",
            type="keyUp",
            key=key,
            code=code or key,
            windowsVirtualKeyCode=vk,
            modifiers=modifiers,
        )

    async def type_text(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def tap(self, selector: str) -> None:
        """A touch on the element's centre (touch events, as a phone sends them)."""
        box = await self.js(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        x, y = box
        await self.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=1)
        await self.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": x, "y": y}])
        await self.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self.process is not None:
            self.process.terminate()
            try:
                await asyncio.wait_for(asyncio.to_thread(self.process.wait), 5)
            except (asyncio.TimeoutError, TimeoutError):
                self.process.kill()
