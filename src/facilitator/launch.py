"""The `facilitator` command: the process's first settings (`startup`), then the command line."""

from __future__ import annotations

from facilitator.startup import pause_collector


def main() -> int:
    pause_collector()
    from facilitator.cli import main as cli_main

    return cli_main()
