"""Request dependencies as Annotated aliases: routes read like sentences."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session
from starlette.datastructures import FormData

from waitinfo.core.database import get_engine


def get_session() -> Iterator[Session]:
    """The request owns the transaction: commit when the route returns, roll back on error."""
    with Session(get_engine()) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# scope="function": the commit happens before the response is sent, so a failed commit is never a 200.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def read_form(request: Request) -> FormData:
    """The posted form, parsed on the event loop (cached by Starlette: the CSRF check reads the same one), so
    the route itself can be a plain `def` whose database work runs in the thread pool, never on the loop."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]
