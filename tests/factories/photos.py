"""Test data builders."""

import io

from PIL import Image
from skimage import data

#: Where haarcascade_frontalface_default finds the astronaut's face in the 512 × 512 photo.
FACE = (177, 66, 95, 95)


GPS_IFD = 0x8825


def astronaut_jpeg_with_gps():
    image = Image.fromarray(data.astronaut())
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[GPS_IFD] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 0.0)}  # Kunming
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=95, exif=exif)
    return output.getvalue()


def overlaps(region, box):
    x, y, width, height = box
    return (
        region.x < x + width and x < region.x + region.width and region.y < y + height and y < region.y + region.height
    )
