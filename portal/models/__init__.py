from .bureaus import BureauIndexPage, BureauKind, BureauPage
from .home import HomePage
from .reference import District, DistrictKind

__all__ = [
    "BureauIndexPage",
    "BureauKind",
    "BureauPage",
    "District",
    "DistrictKind",
    "HomePage",
]
