"""Coordination work in the API (one router per kind of record may stand beside this one:
`<kind>_api.py`, registered in `biengioi.api`)."""

from ninja import Router

router = Router(tags=["coordination"])
