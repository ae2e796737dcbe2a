"""Simulated phones for the room benchmark: `python bench/phones.py URL --phones 60 --ideas 600
--seconds 60`. Each phone joins, polls its page every 2 seconds, and sends its share of the
ideas spread over the time given (inside the room's flood limit). Prints one JSON line per idea
sent: its text, when the request began (time.monotonic, which every process on this machine
shares) and the HTTP status; then a summary line. Bounded: it stops after `--seconds` + 15.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import time

import aiohttp


def say(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


async def phone(number: int, url: str, ideas: int, seconds: float, stop: float, polls: list[int]) -> int:
    """One phone; returns how many of its ideas the room took."""
    taken = 0
    jar = aiohttp.CookieJar(unsafe=True)  # the room's host is an IP address
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=10)) as session:
        async with session.post(f"{url}/join", data={"person": ""}) as joined:
            page = await joined.text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        if csrf is None:
            raise SystemExit(f"phone {number} could not join: {page[:300]}")
        gap = seconds / ideas
        next_idea = time.monotonic() + random.uniform(0, gap)
        next_poll = time.monotonic() + random.uniform(0, 2)
        sent = 0
        while time.monotonic() < stop and sent < ideas:
            now = time.monotonic()
            if now >= next_idea:
                text = f"idea p{number:02}-{sent:02} shade"
                began = time.monotonic()
                try:
                    async with session.post(f"{url}/idea", data={"csrf": csrf.group(1), "text": text}) as response:
                        await response.read()
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    status = 0  # the app went away or did not answer: counted, not fatal
                say({"text": text, "sent": began, "status": status})
                taken += status == 200
                sent += 1
                next_idea += gap
            elif now >= next_poll:
                try:
                    async with session.get(url) as response:
                        await response.read()
                    polls[0] += 1
                except (aiohttp.ClientError, TimeoutError):
                    pass
                next_poll += 2.0
            await asyncio.sleep(max(0.0, min(next_idea, next_poll) - time.monotonic()))
    return taken


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--ideas", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    stop = time.monotonic() + args.seconds + 15
    polls = [0]
    shares = [args.ideas // args.phones + (n < args.ideas % args.phones) for n in range(args.phones)]
    taken = await asyncio.gather(*(phone(n, args.url, share, args.seconds, stop, polls) for n, share in enumerate(shares)))
    say({"done": True, "taken": sum(taken), "polls": polls[0]})


if __name__ == "__main__":
    asyncio.run(main())
