"""Request dependencies as Annotated aliases: routes read like sentences."""

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from waitinfo.core.database import current_engine, get_engine


def _finish(session: Session, ok: bool) -> None:
    try:
        if ok:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


async def get_session() -> AsyncIterator[Session]:
    """The request owns the transaction: commit when the route returns, roll back on error.

    Opening a Session does no I/O (the connection is taken on the first statement, in the route's thread), so it
    happens on the event loop; the commit or rollback and the close run in one thread-pool hop. A sync generator
    dependency took two hops besides the route's own (in and out), 0.25-0.4 ms each."""
    # The first call may start the embedded server: then in the thread pool, never on the loop.
    engine = current_engine() or await run_in_threadpool(get_engine)
    session = Session(engine)
    ok = False
    try:
        yield session
        ok = True
    finally:
        with anyio.CancelScope(shield=True):  # a cancelled request still ends its transaction
            await run_in_threadpool(_finish, session, ok)


# scope="function": the commit happens before the response is sent, so a failed commit is never a 200.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def read_form(request: Request) -> FormData:
    """The posted form, parsed on the event loop (cached by Starlette: the CSRF check reads the same one), so
    the route itself can be a plain `def` whose database work runs in the thread pool, never on the loop."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]
