"""QR codes of the site's own addresses, drawn here (no outside service sees what is shared).

Used by the ad placements' stickers (content/ads/views.py) and the "share to WeChat" code on
every public page (portal/sharing/qr.py)."""

import io

import qrcode
import qrcode.image.svg


def qr_code(data, box_size=10, border=4):
    # Level M survives a sticker's scratches and a phone screen's glare, and keeps a long page
    # address small enough to scan from across a table.
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border)
    qr.add_data(data)
    qr.make(fit=True)
    return qr


def qr_png(data, **options):
    output = io.BytesIO()
    qr_code(data, **options).make_image().save(output)
    return output.getvalue()


def qr_svg(data, **options):
    output = io.BytesIO()
    qr_code(data, **options).make_image(image_factory=qrcode.image.svg.SvgPathFillImage).save(output)
    return output.getvalue()
