"""The order API of the FastAPI example: takes an order, has the worker process it over HTTP.

Instrumented the way Python teams usually do it: no OpenTelemetry code here beyond one counter;
`opentelemetry-instrument` (the OpenTelemetry distro) instruments FastAPI, httpx and logging and
exports over OTLP, configured by OTEL_* variables (see stack.yaml).

Broken on purpose, for the harness's own tests, by environment variables:
- OTEL_PYTHON_DISABLED_INSTRUMENTATIONS=httpx leaves the httpx client uninstrumented (no
  traceparent reaches the worker);
- ORDERS_METRIC_NAME renames the order counter.
"""

import logging
import os

import httpx
from fastapi import FastAPI
from opentelemetry import metrics

WORKER_URL = os.environ.get("WORKER_URL", "http://127.0.0.1:8001")

logger = logging.getLogger("orders.api")
logger.setLevel(logging.INFO)
orders = metrics.get_meter("orders.api").create_counter(
    os.environ.get("ORDERS_METRIC_NAME", "orders.created"), unit="{order}", description="Orders taken"
)

app = FastAPI()


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@app.post("/orders")
async def create_order(order: dict) -> dict:
    item = str(order.get("item", "unknown"))
    logger.info("order received for %s", item)
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(f"{WORKER_URL}/work", json={"item": item})
        response.raise_for_status()
    orders.add(1, {"item.kind": "book" if item == "book" else "other"})
    return {"item": item, "status": response.json()["status"]}
