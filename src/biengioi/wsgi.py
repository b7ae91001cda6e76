import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
application = get_wsgi_application()

# Build the URL map (every view module, the API and its schema) as the worker starts, not on its
# first request: otherwise the first user after a restart waits about 0.7 s more.
_ = get_resolver().url_patterns
