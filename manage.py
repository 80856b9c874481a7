#!/usr/bin/env python
"""Same as the installed ``kopir`` command."""

from kopir.manage import main

if __name__ == "__main__":
    main()
