"""Request dependencies as Annotated aliases: routes read like sentences."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

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
