"""Text people paste into meeting tools, and worse: every format must carry it literally."""

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)> & &amp; \"quoted\" 'single'",
    "# not a heading",
    "| not | a | table |",
    "[link](javascript:alert(1)) ![img](http://example.invalid/x.png)",
    "**not bold** _not italic_ `not code` ~~no~~",
    "[bold]not rich markup[/bold] [link=x]y[/link]",
    "\x1b[31mred?\x1b[0m and a bell\x07",
    "tab\there, NUL\x00here, DEL\x7f, C1\x85",
    "مرحبا بالعالم — right-to-left \u202eevil\u202c",
    "e\u0301 n\u0303 Z\u0351\u0352\u0353a\u0338lgo",
    "emoji 👩🏽‍⚕️ 🚌 🏘️ ✊🏿",
    "=HYPERLINK(\"http://example.invalid\")",
    "@everyone due:never",
    "x" * 100_000,
]
