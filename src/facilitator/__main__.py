"""`python -m facilitator` works like the `facilitator` command."""

import sys

from facilitator.cli import main

sys.exit(main())
