"""Run the real app as a process on a pseudo-terminal and read its screen through pyte."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pyte


class PtyApp:
    """`facilitator ARGS...` (or any `argv`) on a pty of the given size; `text()` is what a person would see."""

    def __init__(
        self,
        args: list[str] | None = None,
        *,
        argv: list[str] | None = None,
        columns: int = 120,
        lines: int = 40,
        env: dict[str, str] | None = None,
    ) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.last_output_at = time.time()
        command = argv or [sys.executable, "-m", "facilitator", *(args or [])]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            child_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines), **(env or {})}
            os.execvpe(command[0], command, child_env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))

    def pump(self, seconds: float = 0.05) -> None:
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(0.0, left))
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.last_output_at = time.time()  # wall clock: when the screen last changed
                self.stream.feed(data)
            if left <= 0:
                return

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.05)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} did not appear within {timeout} s; the screen shows:\n{self.text()}")

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def rss_mb(self) -> float:
        """Resident memory of the app process, from /proc."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        try:
            os.kill(self.pid, sig)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)
