"""Public URLs of ad placements (the QR code on the street opens these)."""

urlpatterns = []
