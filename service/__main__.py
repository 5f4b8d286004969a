"""``python -m service`` is the same CLI as the ``newsdesk`` command."""

from service.cli import main

raise SystemExit(main())
