"""``python -m fairmined``: the same as the ``fairmined`` command."""

import sys

from fairmined.cli import main

if __name__ == "__main__":
    sys.exit(main())
