"""`python -m facilitator` works like the `facilitator` command."""

import sys

from facilitator.launch import main

sys.exit(main())
