"""The worker of the FastAPI example: processes one order item and logs that it did.

Broken on purpose, for the harness's own tests: WORKER_LOG_IN_EXECUTOR=1 logs from a thread-pool
executor, where Python does not carry the request's context, so the record has no trace context.
"""

import asyncio
import logging
import os

from fastapi import FastAPI

logger = logging.getLogger("orders.worker")
logger.setLevel(logging.INFO)
LOG_IN_EXECUTOR = os.environ.get("WORKER_LOG_IN_EXECUTOR") == "1"

app = FastAPI()


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@app.post("/work")
async def work(job: dict) -> dict:
    item = str(job.get("item", "unknown"))
    if LOG_IN_EXECUTOR:
        await asyncio.get_running_loop().run_in_executor(None, logger.info, "work processed for %s", item)
    else:
        logger.info("work processed for %s", item)
    return {"status": "processed"}
