"""``python -m bench.scheduling``: see :mod:`bench.scheduling.run`."""

import sys

from .run import main

sys.exit(main())
