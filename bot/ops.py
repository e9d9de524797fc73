"""Health and metrics for operators: /healthz and Prometheus /metrics on METRICS_PORT.

Counters are this process's own (Prometheus adds up replicas); the due backlog is read from
Redis at scrape time, so every replica reports the same shared number.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from redis.exceptions import RedisError

from bot.store import Store
from scheduler.dispatch import Dispatcher
from scheduler.schedule import to_ms

log = logging.getLogger(__name__)

HEALTH_TIMEOUT_S = 2.0
"""A health check answers within this even while the client is retrying a lost Redis."""
LAG_BUCKETS_S = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)
"""From on time to an hour late: a 100,000-user morning at 30/s takes about 55 minutes."""


@dataclass
class Metrics:
    """What this process counted since it started."""

    updates: int = 0
    handler_errors: int = 0
    lag_counts: list[int] = field(default_factory=lambda: [0] * (len(LAG_BUCKETS_S) + 1))
    lag_sum_s: float = 0.0
    sends: Counter[str] = field(default_factory=Counter)

    def observe_lag(self, lag_s: float) -> None:
        self.lag_sum_s += lag_s
        for index, bound in enumerate(LAG_BUCKETS_S):
            if lag_s <= bound:
                self.lag_counts[index] += 1
                return
        self.lag_counts[-1] += 1


def render(metrics: Metrics, dispatcher: Dispatcher | None, backlog: int | None) -> str:
    lines = [
        "# HELP tend_updates_total Telegram updates handled by this process.",
        "# TYPE tend_updates_total counter",
        f"tend_updates_total {metrics.updates}",
        "# HELP tend_handler_errors_total Updates whose handler failed.",
        "# TYPE tend_handler_errors_total counter",
        f"tend_handler_errors_total {metrics.handler_errors}",
    ]
    if dispatcher is not None:
        totals = dispatcher.totals
        outcomes = {
            "sent": totals.sent,
            "skipped_late": totals.skipped_late,
            "duplicate": totals.duplicates,
            "blocked": totals.blocked,
            "gone": totals.gone,
            "retried": totals.retried,
        }
        lines += [
            "# HELP tend_sends_total Scheduled sends by outcome.",
            "# TYPE tend_sends_total counter",
        ]
        lines += [f'tend_sends_total{{outcome="{k}"}} {v}' for k, v in outcomes.items()]
        lines += [
            "# HELP tend_rate_limited_total 429 answers from Telegram.",
            "# TYPE tend_rate_limited_total counter",
            f"tend_rate_limited_total {totals.rate_limited}",
        ]
        lines += [
            "# HELP tend_send_lag_seconds From due to sent, per scheduled message.",
            "# TYPE tend_send_lag_seconds histogram",
        ]
        cumulative = 0
        for bound, count in zip(LAG_BUCKETS_S, metrics.lag_counts, strict=False):
            cumulative += count
            lines.append(f'tend_send_lag_seconds_bucket{{le="{bound:g}"}} {cumulative}')
        cumulative += metrics.lag_counts[-1]
        lines += [
            f'tend_send_lag_seconds_bucket{{le="+Inf"}} {cumulative}',
            f"tend_send_lag_seconds_sum {metrics.lag_sum_s:.3f}",
            f"tend_send_lag_seconds_count {cumulative}",
        ]
    if backlog is not None:
        lines += [
            "# HELP tend_due_backlog Sends due now and not yet claimed (all replicas).",
            "# TYPE tend_due_backlog gauge",
            f"tend_due_backlog {backlog}",
        ]
    return "\n".join(lines) + "\n"


def ops_app(
    store: Store, metrics: Metrics, dispatcher: Dispatcher | None, clock: object
) -> web.Application:
    routes = web.RouteTableDef()

    @routes.get("/healthz")
    async def healthz(_request: web.Request) -> web.Response:
        checks: dict[str, str] = {}
        try:
            await asyncio.wait_for(store.ping(), HEALTH_TIMEOUT_S)
            checks["redis"] = "ok"
        except (RedisError, OSError, TimeoutError) as exc:
            checks["redis"] = f"unreachable: {type(exc).__name__}"
        if dispatcher is not None:
            checks["loop"] = "ok" if dispatcher.ticking() else "stalled"
        healthy = all(v == "ok" for v in checks.values())
        return web.json_response(checks, status=200 if healthy else 503)

    @routes.get("/metrics")
    async def prometheus(_request: web.Request) -> web.Response:
        backlog = None
        try:
            now: datetime = clock()  # type: ignore[operator]
            backlog = await store.backlog(to_ms(now))
        except (RedisError, OSError):
            log.warning("metrics: redis unreachable; backlog left out")
        return web.Response(
            text=render(metrics, dispatcher, backlog), content_type="text/plain", charset="utf-8"
        )

    app = web.Application()
    app.add_routes(routes)
    return app
