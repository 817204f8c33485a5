from .sections import (
    EtiquetteIndexPage,
    ExemplarIndexPage,
    ExposureIndexPage,
    NominationIndexPage,
    PublicServiceAdIndexPage,
    SectionIndexPage,
)
from .tasks import (
    CreationTaskIndexPage,
    CreationTaskLeadBureau,
    CreationTaskPage,
    DirectivePage,
    Mechanism,
)

__all__ = [
    "CreationTaskIndexPage",
    "CreationTaskLeadBureau",
    "CreationTaskPage",
    "DirectivePage",
    "EtiquetteIndexPage",
    "ExemplarIndexPage",
    "ExposureIndexPage",
    "Mechanism",
    "NominationIndexPage",
    "PublicServiceAdIndexPage",
    "SectionIndexPage",
]
