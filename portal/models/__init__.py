from .bureaus import BureauIndexPage, BureauKind, BureauPage
from .home import HomePage
from .reference import District, DistrictKind
from .workflow import NoSelfApprovalTask

__all__ = [
    "BureauIndexPage",
    "BureauKind",
    "BureauPage",
    "District",
    "DistrictKind",
    "HomePage",
    "NoSelfApprovalTask",
]
