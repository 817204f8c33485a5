"""Tracking codes of nominations, messages, 随手拍 and ad problem reports: 12 characters drawn
with `secrets` from 31 letters and digits that cannot be confused when read aloud or copied by hand
(no 0/O, 1/I/L). 31**12 ≈ 7.9 × 10**17 codes, so guessing one is hopeless even before the lookup rate limit."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
_NOT_CODE = re.compile(r"[\s\-_.]")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    """XXXX-XXXX-XXXX: easier to read out and copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(typed):
    """The stored form of a typed code (spaces, dashes and lower case allowed), or "" if it cannot be one."""
    code = _NOT_CODE.sub("", typed or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return ""
    return code
