"""Crash points for fault tests: ``NEWSDESK_CRASH_AT=<point>`` kills the process there with SIGKILL.

Killing at random lands mostly where nothing interesting happens; these points are the moments a
write is between two steps, so a test can show that each leaves an index the next start repairs.
Unset (always, outside those tests) a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "ingest-embedded",  # a batch embedded, not yet written
    "ingest-written",  # every chunk written, the run not yet reported
    "upload-embedded",  # an upload's batch embedded, not yet written
    "upload-written",  # an upload's chunks written, its file not yet committed
    "upload-committed",  # its file committed, the client not yet answered
)


def checkpoint(point: str) -> None:
    """Die here, as ``kill -9`` would, if this is the point the environment names."""
    if os.environ.get("NEWSDESK_CRASH_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
