"""Load the demo catalogue. (Placeholder until the demo generator lands.)"""

from sqlmodel import Session


def load_demo(session: Session, scale: str = "twente", progress: bool = False) -> str:
    return "Nog geen demogegevens beschikbaar."
