import sys

from panelhost.cli import main

sys.exit(main())
