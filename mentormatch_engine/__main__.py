"""``python -m mentormatch_engine`` runs the command line."""

import sys

from mentormatch_engine.cli import main

sys.exit(main())
