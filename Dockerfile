# Production-like image: the app (web or scheduler) against an external PostgreSQL.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY waitinfo ./waitinfo
COPY providers ./providers
COPY web ./web
COPY scheduler ./scheduler
COPY migrations ./migrations
RUN pip install --no-cache-dir -e . && useradd --create-home waitinfo
USER waitinfo
EXPOSE 8000
CMD ["waitinfo", "serve", "--host", "0.0.0.0", "--port", "8000"]
