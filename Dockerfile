# Tend: the bot, as docker-compose.yml runs it. The same install as the README's `make run`
# (pip installs the project from pyproject.toml), without the development extras.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY scheduler ./scheduler
COPY content ./content
RUN pip install . \
    && useradd --create-home --uid 10001 tend \
    && mkdir -p /data && chown tend /data

# Content is read from here (a non-editable install does not carry content/).
ENV CONTENT_DIR=/app/content \
    DATA_DIR=/data

USER tend
EXPOSE 8443 9100
STOPSIGNAL SIGTERM
ENTRYPOINT ["tend"]
CMD ["run"]
