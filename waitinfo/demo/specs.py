"""The spec a demo service builder gives of one offer, before add_service turns it into rows."""


def spec(
    key: str,
    name: str,
    kind: str,
    domain: str,
    wait_kind: str,
    needs: list[str],
    referral: bool,
    cost: str,
    register: str,
    **extra,
) -> dict:
    """One offer of an organisation: key (unique within it), what it is, who may come and how to sign up."""
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "domain": domain,
        "wait_kind": wait_kind,
        "needs": needs,
        "referral": referral,
        "cost": cost,
        "register": register,
        **extra,
    }


def referred_treatment(key: str, name: str, wait_kind: str, needs: list[str], **extra) -> dict:
    """Ggz treatment: insured, only with a referral from the GP."""
    return spec(key, name, "treatment", "ggz", wait_kind, needs, True, "insured", "referral", **extra)


def online_selfhelp(key: str, name: str, needs: list[str], domain: str = "ggz") -> dict:
    """Free online self-help: no referral, no wait, meant to be used while waiting."""
    return spec(key, name, "ehealth", domain, "none", needs, False, "free", "ehealth", online=True, while_waiting=True)


def free_offer(
    key: str, name: str, kind: str, domain: str, wait_kind: str, needs: list[str], register: str, **extra
) -> dict:
    """Free and without referral: walk-in hours, advice and most of the social domain."""
    return spec(key, name, kind, domain, wait_kind, needs, False, "free", register, **extra)
