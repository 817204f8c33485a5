"""Small video and audio files for the demo's video and audio works, made here so the repository
ships no binary files and `make run` needs nothing beyond its Python packages.

The video is a WebM (VP8, what every current browser plays) written by OpenCV's FFmpeg backend,
which the photo-privacy detection already brings in: the work's poster with its lines burned in
as captions, a few seconds long. The audio is a WAV chime (a short rising motif, as radio
public-service spots open with). Both are a few tens of kilobytes."""

import io
import math
import struct
import tempfile
import wave
from pathlib import Path

import numpy
from PIL import ImageDraw

from content.ads.demo_artwork import _font, _poster

VIDEO_SIZE = (480, 270)
VIDEO_FPS = 6
SECONDS_PER_LINE = 2
AUDIO_RATE = 8000


def video_webm(title, lines, colour):
    """WebM bytes: the poster with each of `lines` shown as a caption for two seconds."""
    # A function-level import: OpenCV takes a second to load, and only the demo build needs it.
    import cv2

    background = _poster(title, "昆明文明城市创建", colour, VIDEO_SIZE, "#ffd54f")
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "demo.webm")
        # The FFmpeg backend prints a warning about the VP8 tag, then writes the file all the same.
        writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"VP80"), VIDEO_FPS, VIDEO_SIZE)
        if not writer.isOpened():  # pragma: no cover - an OpenCV build without FFmpeg
            return None
        try:
            for line in lines:
                frame = _captioned(background, line)
                for _ in range(VIDEO_FPS * SECONDS_PER_LINE):
                    writer.write(frame)
        finally:
            writer.release()
        return Path(path).read_bytes()


def video_seconds(lines):
    return len(lines) * SECONDS_PER_LINE


def _captioned(background, line):
    image = background.copy()
    draw = ImageDraw.Draw(image)
    width, height = image.size
    draw.rectangle([0, height - 48, width, height], fill="#000000")
    font = _font(22)
    if font is not None:
        box = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - (box[2] - box[0])) / 2, height - 40), line, font=font, fill="#ffffff")
    # OpenCV takes BGR rows.
    return numpy.asarray(image.convert("RGB"))[:, :, ::-1].copy()


# A rising motif and its answer (C5 E5 G5 C6, then G5 E5), each note with a soft attack and decay.
CHIME = (523.25, 659.25, 783.99, 1046.5, 783.99, 659.25)
NOTE_SECONDS = 0.5


def audio_wav():
    """WAV bytes (8 kHz, mono, 16-bit) of the chime."""
    frames = bytearray()
    per_note = int(AUDIO_RATE * NOTE_SECONDS)
    for frequency in CHIME:
        for n in range(per_note):
            envelope = min(1.0, n / 200) * (1 - n / per_note)
            sample = 0.4 * envelope * math.sin(2 * math.pi * frequency * n / AUDIO_RATE)
            frames += struct.pack("<h", int(sample * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(AUDIO_RATE)
        file.writeframes(bytes(frames))
    return out.getvalue()


def audio_seconds():
    return math.ceil(len(CHIME) * NOTE_SECONDS)
