"""One job in its own process, address space capped first: `python -m waitinfo.jobs.child <upload id>` (a portal
upload) or `python -m waitinfo.jobs.child feed <organisation id> <actor>` (a feed pull and its import).

Exit codes: 0 done (the report is stored), 1 unexpected error, 3 out of memory (the parent records it).
"""

from __future__ import annotations

import os
import resource
import sys
import uuid

DEFAULT_MEMORY_MB = 1024


def cap_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv: list[str]) -> int:
    cap_memory(int(os.environ.get("WAITINFO_JOB_MEMORY_MB") or DEFAULT_MEMORY_MB))
    try:
        from waitinfo.core.database import session_scope

        with session_scope() as session:
            if argv[0] == "feed":
                from waitinfo.imports import feeds

                feeds.pull_now(session, uuid.UUID(argv[1]), triggered_by=argv[2])
            else:
                from waitinfo.portal import upload

                upload.execute(session, uuid.UUID(argv[0]))
    except MemoryError:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
