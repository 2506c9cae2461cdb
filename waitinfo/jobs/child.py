"""One upload in its own process: `python -m waitinfo.jobs.child <upload id>`, address space capped first.

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
    upload_id = uuid.UUID(argv[0])
    try:
        from waitinfo.core.database import session_scope
        from waitinfo.portal import upload

        with session_scope() as session:
            upload.execute(session, upload_id)
    except MemoryError:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
