"""The bureau layer's models. Their tables were created under the `portal` app (bureaus, districts,
the review task) and the `content` app (the directive and its tasks) before this layer had a folder
of its own, so each model names that app in `Meta.app_label` and its migrations stay there; see
docs/architecture.md."""

from bureaus.models.bureaus import BureauIndexPage, BureauKind, BureauPage
from bureaus.models.directive import (
    CreationTaskIndexPage,
    CreationTaskLeadBureau,
    CreationTaskPage,
    DirectivePage,
    Mechanism,
)
from bureaus.models.districts import District, DistrictKind
from bureaus.models.ownership import BureauOwnedPage
from bureaus.models.workflow import NoSelfApprovalTask

__all__ = [
    "BureauIndexPage",
    "BureauKind",
    "BureauOwnedPage",
    "BureauPage",
    "CreationTaskIndexPage",
    "CreationTaskLeadBureau",
    "CreationTaskPage",
    "DirectivePage",
    "District",
    "DistrictKind",
    "Mechanism",
    "NoSelfApprovalTask",
]
