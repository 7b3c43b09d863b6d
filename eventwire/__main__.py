"""``python -m eventwire``: the same command as ``eventwire``, for an environment that is not on PATH."""

import sys

from eventwire.cli import main

sys.exit(main())
