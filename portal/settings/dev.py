from portal.settings.base import *
from portal.settings.env import env_str

DEBUG = True
# A fixed development key: dev settings must never serve the public.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-3c7f1e0b9a2d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# runserver serves static files itself in development; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
