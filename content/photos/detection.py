"""Finding faces and licence plates with the Haar cascades that ship inside opencv-python-headless.

Nothing is downloaded at run time: the cascade files are in the wheel (`cv2.data.haarcascades`).
Haar cascades are old and cheap; they find frontal and side faces of a reasonable size and
rectangular plates seen straight on. They miss faces that are small, turned away, in deep
shadow or partly hidden, and many plates (they were trained on Russian plates). That is why
every exposure photo must still be reviewed by an editor (content/photos/review.py).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

#: Detection runs on a copy at most this wide/high: larger gains little and costs seconds.
DETECTION_MAX_SIDE = 1600
FACE_CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_frontalface_alt2.xml")
PROFILE_CASCADE = "haarcascade_profileface.xml"
PLATE_CASCADE = "haarcascade_russian_plate_number.xml"
#: Padding around a detected box, as a share of its size: cascades box the inner face tightly,
#: leaving hair, ears and chin (which identify a person too) outside.
FACE_PADDING = 0.25
PLATE_PADDING = 0.12
MERGE_OVERLAP = 0.3


@dataclass(frozen=True)
class Box:
    kind: str  # "face" or "plate" (BlurRegionSource values)
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self):
        return self.x + self.width

    @property
    def bottom(self):
        return self.y + self.height

    def area(self):
        return self.width * self.height


@cache
def _cascade(name):
    import cv2

    path = Path(cv2.data.haarcascades) / name
    classifier = cv2.CascadeClassifier(str(path))
    if classifier.empty():  # pragma: no cover - a broken OpenCV install
        raise RuntimeError(f"OpenCV cascade {name} could not be loaded from {path}")
    return classifier


def _run(cascade_name, gray, *, scale_factor, min_neighbors, min_size):
    found = _cascade(cascade_name).detectMultiScale(
        gray, scaleFactor=scale_factor, minNeighbors=min_neighbors, minSize=min_size
    )
    return [tuple(int(v) for v in box) for box in found]


def _overlap(a, b):
    """Intersection as a share of the smaller box (a small box inside a big one counts fully)."""
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    if width <= 0 or height <= 0:
        return 0.0
    return (width * height) / min(a.area(), b.area())


def _union(a, b):
    x, y = min(a.x, b.x), min(a.y, b.y)
    return Box(a.kind, x, y, max(a.right, b.right) - x, max(a.bottom, b.bottom) - y)


def merge_boxes(boxes):
    """Merge boxes of the same kind that overlap, until none do (the cascades box one face several times)."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                a, b = merged[i], merged[j]
                if a.kind == b.kind and _overlap(a, b) >= MERGE_OVERLAP:
                    merged[i] = _union(a, b)
                    del merged[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(merged, key=lambda box: (box.y, box.x, box.kind))


def pad_box(box, image_width, image_height, share):
    dx, dy = round(box.width * share), round(box.height * share)
    x, y = max(0, box.x - dx), max(0, box.y - dy)
    right, bottom = min(image_width, box.right + dx), min(image_height, box.bottom + dy)
    return Box(box.kind, x, y, right - x, bottom - y)


def detect(image):
    """Faces and plates in a PIL image, as padded boxes in the image's own pixels."""
    import cv2

    width, height = image.size
    scale = min(1.0, DETECTION_MAX_SIDE / max(width, height))
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize((max(1, round(width * scale)), max(1, round(height * scale))))
    gray = cv2.equalizeHist(np.asarray(small, dtype=np.uint8))
    gray_width = gray.shape[1]
    # Faces smaller than this are too small to identify anyone and mostly false positives.
    min_face = max(24, round(min(gray.shape) * 0.03))

    found = []
    for name in FACE_CASCADES:
        found += [
            ("face", box) for box in _run(name, gray, scale_factor=1.1, min_neighbors=5, min_size=(min_face,) * 2)
        ]
    found += [
        ("face", box)
        for box in _run(PROFILE_CASCADE, gray, scale_factor=1.1, min_neighbors=5, min_size=(min_face,) * 2)
    ]
    # The profile cascade knows one side only: run it on the mirror image for the other.
    for x, y, w, h in _run(
        PROFILE_CASCADE, cv2.flip(gray, 1), scale_factor=1.1, min_neighbors=5, min_size=(min_face,) * 2
    ):
        found.append(("face", (gray_width - x - w, y, w, h)))
    found += [("plate", box) for box in _run(PLATE_CASCADE, gray, scale_factor=1.1, min_neighbors=4, min_size=(40, 12))]

    boxes = []
    for kind, (x, y, w, h) in found:
        box = Box(kind, round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        boxes.append(pad_box(box, width, height, FACE_PADDING if kind == "face" else PLATE_PADDING))
    return merge_boxes(boxes)
