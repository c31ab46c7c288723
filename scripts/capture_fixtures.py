#!/usr/bin/env python3
"""Captures golden OTLP/HTTP request fixtures from the real Python OpenTelemetry SDK.

Usage:
    .venv/bin/python scripts/capture_fixtures.py OUTPUT_DIR
    # `make fixtures` runs: .venv/bin/python scripts/capture_fixtures.py Fixtures/otlp/python-sdk

Set the venv up once with:
    python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements.txt

How it works
------------
1. A tiny recording server (stdlib http.server, HTTP/1.1, in a thread) listens on
   127.0.0.1 with an OS-assigned port. Every POST is recorded (path, headers, raw
   body exactly as received) and answered with 200 and an empty Export*ServiceResponse
   in the request's content type: zero bytes for application/x-protobuf, `{}` for
   application/json.
2. The Python SDK is configured with the real PyPI exporters pointed at that server,
   compression disabled:
     * OTLP/HTTP protobuf: opentelemetry-exporter-otlp-proto-http
     * OTLP/HTTP JSON:     opentelemetry-exporter-otlp-json-http
   Each signal gets one processor/reader per exporter (BatchSpanProcessor,
   BatchLogRecordProcessor, PeriodicExportingMetricReader with an infinite interval),
   so both encodings carry the same telemetry and each exporter sends exactly one
   request per signal when the providers are flushed.
3. A fixed set of telemetry is emitted (see emit_traces / emit_metrics / emit_logs),
   the providers are flushed and shut down, and OUTPUT_DIR receives:
     traces.pb  traces.json  metrics.pb  metrics.json  logs.pb  logs.json
     requests.json   (path, Content-Type, User-Agent, size and sha256 of each body)

Determinism (two runs give byte-identical files):
  * time.time_ns is replaced by a settable fake clock BEFORE any opentelemetry
    import (the SDK does `from time import time_ns`). The clock never moves on its
    own; the script sets it explicitly, so the number of clock reads (which can vary
    with background threads) does not matter. Spans, events and logs also get
    explicit timestamps; metric timestamps come from the fake clock.
  * Trace and span ids come from FixedIdGenerator; `random` is seeded (exemplar
    reservoirs use it).
  * The Resource is explicit. Resource.create() only adds telemetry.sdk.* (pinned
    versions); all OTEL_* environment variables are removed first so no env-driven
    resource attributes, endpoints, headers or temporality preferences leak in.
    No process/host detectors are used.
  * Logs use the Logs API directly (not the logging.Handler bridge, which would
    add code.file.path and friends).
  * Exceptions are recorded without ever being raised, so exception.stacktrace has
    no file paths or line numbers.
  * No global providers are installed, so the exporters' self-observability
    metrics stay on the no-op meter provider.
"""

import os
import sys
import time

# --- Fake clock: must be installed before importing opentelemetry ----------------

T0 = 1_767_225_600_000_000_000  # 2026-01-01T00:00:00Z in ns since the Unix epoch
MS = 1_000_000  # one millisecond in ns


class FakeClock:
    """A clock that only moves when told to. Replaces time.time_ns."""

    def __init__(self, now_ns):
        self.now_ns = now_ns

    def __call__(self):
        return self.now_ns

    def set_ms(self, offset_ms):
        """Sets the clock to T0 + offset_ms."""
        self.now_ns = T0 + offset_ms * MS


CLOCK = FakeClock(T0)
time.time_ns = CLOCK

# Nothing from the environment may influence the SDK or the exporters.
for _name in list(os.environ):
    if _name.startswith("OTEL_") or _name.lower().endswith("_proxy"):
        del os.environ[_name]
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import threading  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

random.seed(20260101)

from opentelemetry import trace  # noqa: E402
from opentelemetry._logs import SeverityNumber  # noqa: E402
from opentelemetry.exporter.otlp.common.http import Compression as JsonCompression  # noqa: E402
from opentelemetry.exporter.otlp.json.http._log_exporter import (  # noqa: E402
    OTLPLogExporter as JsonLogExporter,
)
from opentelemetry.exporter.otlp.json.http.metric_exporter import (  # noqa: E402
    OTLPMetricExporter as JsonMetricExporter,
)
from opentelemetry.exporter.otlp.json.http.trace_exporter import (  # noqa: E402
    OTLPSpanExporter as JsonSpanExporter,
)
from opentelemetry.exporter.otlp.proto.http import Compression as ProtoCompression  # noqa: E402
from opentelemetry.exporter.otlp.proto.http._log_exporter import (  # noqa: E402
    OTLPLogExporter as ProtoLogExporter,
)
from opentelemetry.exporter.otlp.proto.http.metric_exporter import (  # noqa: E402
    OTLPMetricExporter as ProtoMetricExporter,
)
from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: E402
    OTLPSpanExporter as ProtoSpanExporter,
)
from opentelemetry.metrics import Observation  # noqa: E402
from opentelemetry.sdk._logs import LoggerProvider  # noqa: E402
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: E402
from opentelemetry.sdk.metrics import Counter, MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import (  # noqa: E402
    AggregationTemporality,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.metrics.view import (  # noqa: E402
    ExplicitBucketHistogramAggregation,
    ExponentialBucketHistogramAggregation,
    View,
)
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.id_generator import IdGenerator  # noqa: E402
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult  # noqa: E402
from opentelemetry.trace import Link, SpanContext, SpanKind, Status, StatusCode  # noqa: E402
from opentelemetry.trace.span import TraceFlags, TraceState  # noqa: E402

# --- Fixed identities -----------------------------------------------------------

SCHEMA_URL = "https://opentelemetry.io/schemas/1.26.0"

TRACE_ID = 0x0AF7651916CD43DD8448EB211C80319C
SPAN_IDS = {
    "POST /v1/pipeline": 0xB7AD6B7169203331,
    "transcribe": 0x00F067AA0BA902B7,
    "generate": 0x9A4C5E2F7D3B1E08,
    "synthesize": 0xE1D2C3B4A5968778,
}
LINKED_TRACE_ID = 0x4BF92F3577B34DA6A3CE929D0E0E4736
LINKED_SPAN_ID = 0x53995C3F42CD8AD8

RESOURCE = Resource.create(
    {
        "service.name": "fixture-service",
        "service.version": "1.2.3",
        "service.namespace": "fixtures",
        "service.instance.id": "instance-1",
    },
    schema_url=SCHEMA_URL,
)

SIGNAL_PATHS = {"traces": "/v1/traces", "metrics": "/v1/metrics", "logs": "/v1/logs"}
EXTENSIONS = {"application/x-protobuf": "pb", "application/json": "json"}
EMPTY_RESPONSES = {"application/x-protobuf": b"", "application/json": b"{}"}
FILE_ORDER = [f"{signal}.{ext}" for signal in SIGNAL_PATHS for ext in ("pb", "json")]


class FixedIdGenerator(IdGenerator):
    """Hands out the ids above in span creation order."""

    def __init__(self):
        self._span_ids = list(SPAN_IDS.values())

    def generate_trace_id(self):
        return TRACE_ID

    def generate_span_id(self):
        if not self._span_ids:
            raise RuntimeError("FixedIdGenerator ran out of span ids; add more to SPAN_IDS")
        return self._span_ids.pop(0)


class FixtureSampler(Sampler):
    """Samples everything; root spans get a fixed, non-empty W3C tracestate."""

    ROOT_TRACE_STATE = TraceState([("fixture", "root"), ("vendor", "abc123")])

    def should_sample(self, parent_context, trace_id, name, kind=None, attributes=None, links=None, trace_state=None):
        parent = trace.get_current_span(parent_context).get_span_context()
        state = parent.trace_state if parent.is_valid else self.ROOT_TRACE_STATE
        return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes, state)

    def get_description(self):
        return "FixtureSampler"


# --- Recording HTTP server ------------------------------------------------------


class RecordingServer:
    """A loopback OTLP/HTTP receiver that keeps every request it gets."""

    def __init__(self):
        self.requests = []
        lock = threading.Lock()
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 (http.server naming)
                length = self.headers.get("Content-Length")
                if length is None:
                    self.send_error(411, "Content-Length required")
                    return
                body = self.rfile.read(int(length))
                with lock:
                    recorded.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
                content_type = self.headers.get("Content-Type", "application/x-protobuf")
                reply = EMPTY_RESPONSES.get(content_type, b"")
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self):
        return self._server.server_address[1]

    def endpoint(self, signal):
        return f"http://127.0.0.1:{self.port}{SIGNAL_PATHS[signal]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


# --- Telemetry ------------------------------------------------------------------


def emit_traces(tracer, logger, counter, histogram):
    """One trace: a SERVER root with three children. Also emits the in-span logs
    and the measurements that become exemplars, so they share the trace context."""
    link = Link(
        SpanContext(
            trace_id=LINKED_TRACE_ID,
            span_id=LINKED_SPAN_ID,
            is_remote=True,
            trace_flags=TraceFlags(TraceFlags.SAMPLED),
            trace_state=TraceState([("upstream", "queue")]),
        ),
        attributes={"link.reason": "batched-from", "messaging.batch.index": 3},
    )
    root = tracer.start_span(
        "POST /v1/pipeline",
        kind=SpanKind.SERVER,
        start_time=T0,
        links=[link],
        attributes={
            "http.request.method": "POST",
            "url.path": "/v1/pipeline",
            "http.response.status_code": 200,
            "fixture.string": "h\u00e9llo, w\u00f6rld \u2713",
            "fixture.bool": True,
            "fixture.int": 9_007_199_254_740_993,  # 2**53 + 1: not exact as a JSON double
            "fixture.negative_int": -42,
            "fixture.double": 3.14159,
            "fixture.string_array": ["alpha", "beta", ""],
            "fixture.bool_array": [True, False, True],
            "fixture.int_array": [1, -2, 9_223_372_036_854_775_807],
            "fixture.double_array": [0.5, -1.25, 1e-9],
        },
    )
    root.add_event(
        "request.received",
        attributes={"http.request.body.size": 2048, "client.streaming": False, "client.codec": "opus"},
        timestamp=T0 + 1 * MS,
    )
    root_ctx = trace.set_span_in_context(root)

    with trace.use_span(root, end_on_exit=False):
        CLOCK.set_ms(2)
        logger.emit(
            timestamp=T0 + 2 * MS,
            observed_timestamp=T0 + 3 * MS,
            severity_number=SeverityNumber.INFO,
            severity_text="INFO",
            body="pipeline started",
            attributes={"pipeline.id": "p-001", "pipeline.stages": 3},
        )
        CLOCK.set_ms(5)
        counter.add(1, {"http.route": "/v1/pipeline", "http.request.method": "POST"})

    transcribe = tracer.start_span(
        "transcribe",
        context=root_ctx,
        kind=SpanKind.INTERNAL,
        start_time=T0 + 10 * MS,
        attributes={"audio.duration_s": 4.5, "model": "whisper-small", "audio.channels": 1},
    )
    with trace.use_span(transcribe, end_on_exit=False):
        CLOCK.set_ms(250)
        histogram.record(240.0, {"stage": "transcribe", "model": "whisper-small"})
    transcribe.end(end_time=T0 + 250 * MS)

    generate = tracer.start_span(
        "generate",
        context=root_ctx,
        kind=SpanKind.CLIENT,
        start_time=T0 + 260 * MS,
        attributes={"server.address": "llm.internal", "server.port": 8443, "gen_ai.request.model": "tiny-llm"},
    )
    with trace.use_span(generate, end_on_exit=False):
        logger.emit(
            timestamp=T0 + 431 * MS,
            observed_timestamp=T0 + 432 * MS,
            severity_number=SeverityNumber.WARN,
            severity_text="WARN",
            body={
                "stage": "generate",
                "attempt": 2,
                "latency_ms": 431.5,
                "fallback": True,
                "tags": ["slow", "retry"],
                "raw": b"\x00\x01\xfe\xff",
                "upstream": {"host": "llm.internal", "port": 8443},
            },
            attributes={"retry.count": 2, "retry.reasons": ["timeout", "overloaded"]},
            event_name="pipeline.stage.retry",
        )
    # Recorded but never raised: the stacktrace attribute is then just "Type: message".
    generate.record_exception(
        RuntimeError("upstream model overloaded"),
        attributes={"retry.count": 2},
        timestamp=T0 + 690 * MS,
    )
    generate.set_status(Status(StatusCode.ERROR, "upstream model overloaded"))
    generate.end(end_time=T0 + 700 * MS)

    synthesize = tracer.start_span(
        "synthesize",
        context=root_ctx,
        kind=SpanKind.INTERNAL,
        start_time=T0 + 710 * MS,
        attributes={"voice": "en-US-1", "sample_rate_hz": 24000},
    )
    synthesize.end(end_time=T0 + 990 * MS)

    root.set_status(Status(StatusCode.OK))
    root.end(end_time=T0 + 1000 * MS)


def emit_metrics(meter, counter, updown, histogram, exp_histogram):
    """Measurements outside any span (so no exemplars), each at a fixed clock time."""
    CLOCK.set_ms(100)
    counter.add(2, {"http.route": "/v1/pipeline", "http.request.method": "POST"})
    counter.add(1, {"http.route": "/v1/health", "http.request.method": "GET"})

    CLOCK.set_ms(110)
    updown.add(3, {"stage": "generate"})
    updown.add(-1, {"stage": "generate"})
    updown.add(2, {"stage": "synthesize"})

    CLOCK.set_ms(120)
    for value in (3.2, 47.5, 731.25, 1500.0):
        histogram.record(value, {"stage": "generate", "model": "tiny-llm"})
    histogram.record(0.0, {"stage": "synthesize"})

    CLOCK.set_ms(130)
    for value in (0, 1, 3, 100, 250, 1024, 1024, 4096):
        exp_histogram.record(value, {"direction": "in"})
    exp_histogram.record(512, {"direction": "out"})


def gauge_callback(_options):
    yield Observation(0.75, {"queue": "audio"})
    yield Observation(0.125, {"queue": "text"})


def emit_late_logs(logger):
    """A log outside any span: no trace_id / span_id."""
    logger.emit(
        timestamp=T0 + 1001 * MS,
        observed_timestamp=T0 + 1002 * MS,
        severity_number=SeverityNumber.ERROR,
        severity_text="ERROR",
        body="pipeline failed: upstream model overloaded",
        attributes={"error.type": "RuntimeError", "http.response.status_code": 503},
        exception=RuntimeError("upstream model overloaded"),
    )
    logger.emit(
        timestamp=T0 + 1003 * MS,
        observed_timestamp=T0 + 1003 * MS,
        severity_number=SeverityNumber.INFO2,
        severity_text="INFO2",
        body="pipeline finished",
        attributes={"pipeline.duration_ms": 1000.0, "pipeline.ok": False},
    )


# --- Wiring ---------------------------------------------------------------------


def capture(out_dir):
    with RecordingServer() as server:
        tracer_provider = TracerProvider(
            resource=RESOURCE,
            sampler=FixtureSampler(),
            id_generator=FixedIdGenerator(),
            shutdown_on_exit=False,
        )
        for exporter in (
            ProtoSpanExporter(endpoint=server.endpoint("traces"), compression=ProtoCompression.NoCompression),
            JsonSpanExporter(endpoint=server.endpoint("traces"), compression=JsonCompression.NONE),
        ):
            tracer_provider.add_span_processor(
                BatchSpanProcessor(exporter, schedule_delay_millis=3_600_000, max_export_batch_size=512)
            )

        logger_provider = LoggerProvider(resource=RESOURCE, shutdown_on_exit=False)
        for exporter in (
            ProtoLogExporter(endpoint=server.endpoint("logs"), compression=ProtoCompression.NoCompression),
            JsonLogExporter(endpoint=server.endpoint("logs"), compression=JsonCompression.NONE),
        ):
            logger_provider.add_log_record_processor(
                BatchLogRecordProcessor(exporter, schedule_delay_millis=3_600_000, max_export_batch_size=512)
            )

        # Counters are exported with DELTA temporality, everything else CUMULATIVE.
        temporality = {Counter: AggregationTemporality.DELTA}
        readers = [
            PeriodicExportingMetricReader(
                ProtoMetricExporter(
                    endpoint=server.endpoint("metrics"),
                    compression=ProtoCompression.NoCompression,
                    preferred_temporality=temporality,
                ),
                export_interval_millis=float("inf"),
            ),
            PeriodicExportingMetricReader(
                JsonMetricExporter(
                    endpoint=server.endpoint("metrics"),
                    compression=JsonCompression.NONE,
                    preferred_temporality=temporality,
                ),
                export_interval_millis=float("inf"),
            ),
        ]
        meter_provider = MeterProvider(
            metric_readers=readers,
            resource=RESOURCE,
            shutdown_on_exit=False,
            views=[
                View(
                    instrument_name="pipeline.stage.duration",
                    aggregation=ExplicitBucketHistogramAggregation(
                        boundaries=(0.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0)
                    ),
                    # "model" is dropped from the data point; it survives as an
                    # exemplar's filtered attribute.
                    attribute_keys={"stage"},
                ),
                View(
                    instrument_name="pipeline.payload.size",
                    aggregation=ExponentialBucketHistogramAggregation(max_size=20, max_scale=3),
                ),
            ],
        )

        tracer = tracer_provider.get_tracer(
            "fixture.pipeline", "1.0.0", schema_url=SCHEMA_URL, attributes={"scope.kind": "tracer", "scope.rank": 1}
        )
        logger = logger_provider.get_logger(
            "fixture.logger", "2.0.0", schema_url=SCHEMA_URL, attributes={"scope.kind": "logger"}
        )
        meter = meter_provider.get_meter(
            "fixture.meter", "3.0.0", schema_url=SCHEMA_URL, attributes={"scope.kind": "meter"}
        )

        CLOCK.set_ms(0)
        counter = meter.create_counter("pipeline.requests", unit="{request}", description="Pipeline requests received")
        updown = meter.create_up_down_counter(
            "pipeline.active_requests", unit="{request}", description="Requests currently in flight"
        )
        histogram = meter.create_histogram("pipeline.stage.duration", unit="ms", description="Stage latency")
        exp_histogram = meter.create_histogram("pipeline.payload.size", unit="By", description="Payload sizes")
        meter.create_observable_gauge(
            "pipeline.queue.utilization", callbacks=[gauge_callback], unit="1", description="Queue fill ratio"
        )

        emit_traces(tracer, logger, counter, histogram)
        emit_metrics(meter, counter, updown, histogram, exp_histogram)
        emit_late_logs(logger)

        CLOCK.set_ms(2000)
        for provider in (tracer_provider, meter_provider, logger_provider):
            if provider.force_flush(timeout_millis=30_000) is False:
                raise RuntimeError(f"force_flush failed for {type(provider).__name__}")
        for provider in (tracer_provider, meter_provider, logger_provider):
            provider.shutdown()
        requests = list(server.requests)

    write_outputs(out_dir, requests)


def write_outputs(out_dir, requests):
    files = {}
    for request in requests:
        headers = {name.lower(): value for name, value in request["headers"].items()}
        signal = next((s for s, p in SIGNAL_PATHS.items() if p == request["path"]), None)
        ext = EXTENSIONS.get(headers.get("content-type"))
        if signal is None or ext is None:
            raise RuntimeError(f"unexpected request {request['path']} {headers.get('content-type')}")
        name = f"{signal}.{ext}"
        if name in files:
            raise RuntimeError(f"more than one request for {name}")
        files[name] = (request, headers)
    missing = [name for name in FILE_ORDER if name not in files]
    if missing:
        raise RuntimeError(f"no request captured for {missing}")

    os.makedirs(out_dir, exist_ok=True)
    listing = []
    for name in FILE_ORDER:
        request, headers = files[name]
        with open(os.path.join(out_dir, name), "wb") as out:
            out.write(request["body"])
        listing.append(
            {
                "file": name,
                "method": "POST",
                "path": request["path"],
                "contentType": headers.get("content-type"),
                "userAgent": headers.get("user-agent"),
                "contentEncoding": headers.get("content-encoding"),
                "size": len(request["body"]),
                "sha256": hashlib.sha256(request["body"]).hexdigest(),
            }
        )
    with open(os.path.join(out_dir, "requests.json"), "w", encoding="utf-8") as out:
        json.dump(listing, out, indent=2)
        out.write("\n")
    for entry in listing:
        print(f"{entry['file']:<13} {entry['size']:>6} bytes  {entry['contentType']:<24} {entry['userAgent']}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: capture_fixtures.py OUTPUT_DIR")
    capture(sys.argv[1])


if __name__ == "__main__":
    main()
