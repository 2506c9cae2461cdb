"""Portal upload: dry run first (the row-level report), then apply the very same file.

Between the two steps the file is kept under data_dir/uploads/<organisation>/<sha256>, so the apply step needs
no second upload and cannot apply a file of another organisation (the path holds the organisation id).
"""

import hashlib
import re
import uuid
from pathlib import Path

from sqlmodel import Session

from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Organization
from waitinfo.core.settings import get_settings
from waitinfo.imports.schemas import ImportReport
from waitinfo.imports.service import run_import

MAX_BYTES = 5 * 1024 * 1024
KINDS = {
    "": "automatisch herkennen",
    "wait-times": "wachttijden",
    "offer": "aanbod (ons sjabloon)",
    "support-points": "steunpunten",
    "group-offers": "groepsaanbod",
    "hsds": "HSDS (JSON)",
}


class UploadError(ValueError):
    pass


def _dir(org_id: uuid.UUID) -> Path:
    return (get_settings().data_dir / "uploads" / str(org_id)).resolve()


def stage(org: Organization, raw: bytes) -> str:
    if not raw:
        raise UploadError("Kies een bestand om te uploaden (CSV, Excel of JSON).")
    if len(raw) > MAX_BYTES:
        raise UploadError("Het bestand is groter dan 5 MB. Splits het bestand of neem contact op met de regio.")
    digest = hashlib.sha256(raw).hexdigest()
    folder = _dir(org.id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / digest).write_bytes(raw)
    return digest


def staged(org: Organization, digest: str) -> bytes:
    if not re.fullmatch(r"[0-9a-f]{64}", digest or ""):
        raise UploadError("Dit bestand is niet (meer) beschikbaar. Upload het opnieuw.")
    path = _dir(org.id) / digest
    if not path.exists():
        raise UploadError("Dit bestand is niet (meer) beschikbaar. Upload het opnieuw.")
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != digest:
        raise UploadError("Het bestand is onderweg veranderd. Upload het opnieuw.")
    return raw


def discard(org: Organization, digest: str) -> None:
    path = _dir(org.id) / digest
    if re.fullmatch(r"[0-9a-f]{64}", digest or "") and path.exists():
        path.unlink()


def safe_name(name: str | None) -> str:
    return re.sub(r"[^\w .()-]", "_", Path(name or "upload").name)[:120] or "upload"


def run(
    session: Session, org: Organization, raw: bytes, *, filename: str, kind: str | None, dry_run: bool, user: User
) -> ImportReport:
    """Always against this organisation's id: an upload can never create or touch another organisation."""
    return run_import(
        session,
        organization_name_or_id=org.id,
        raw=raw,
        source=safe_name(filename),
        kind=kind or None,
        dry_run=dry_run,
        triggered_by="portal",
        actor=f"user:{user.email}",
        trusted=user.role == "coordinator",
    )
