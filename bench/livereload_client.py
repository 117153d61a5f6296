"""Act as the browser of `site-builder serve`: connect to livereload, time an edit's reload."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable

from tornado.websocket import websocket_connect

PROTOCOL = "http://livereload.com/protocols/official-7"


def seconds_to_reload(port: int, edit: Callable[[], None], timeout: float = 120) -> float:
    """Connect like livereload.js, run `edit`, and return the seconds until "reload" arrives.

    The client runs on its own event loop in its own thread: the caller may already be
    inside one (Playwright's sync API keeps a loop running in the test process).
    """
    outcome: list[float | BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(_seconds_to_reload(port, edit, timeout)))
        except BaseException as problem:  # handed to the caller's thread below
            outcome.append(problem)

    worker = threading.Thread(target=run, name="livereload-client")
    worker.start()
    worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


async def _seconds_to_reload(port: int, edit: Callable[[], None], timeout: float) -> float:
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        await socket.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
        await asyncio.wait_for(socket.read_message(), timeout)  # the server's hello
        info = {"command": "info", "url": f"http://127.0.0.1:{port}/", "plugins": {}}
        await socket.write_message(json.dumps(info))
        await asyncio.sleep(0.2)  # let the server count us among the browsers waiting
        started = time.perf_counter()
        edit()
        deadline = started + timeout
        while True:
            left = deadline - time.perf_counter()
            message = await asyncio.wait_for(socket.read_message(), max(left, 0.01))
            if message is None:
                raise ConnectionError("livereload closed the connection")
            if json.loads(message).get("command") == "reload":
                return time.perf_counter() - started
    finally:
        socket.close()
