# One image for the web process and the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=handlingsprogram.settings.production

# WeasyPrint's system libraries, and harfbuzz-subset, without which it is markedly slower.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libffi8 shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN SECRET_KEY=build-only-collectstatic-never-used-to-sign-anything-0123456789 python manage.py collectstatic --noinput \
    && useradd --system --home /app app && mkdir -p /app/media && chown app /app/media
USER app

EXPOSE 8000
CMD ["gunicorn", "handlingsprogram.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
