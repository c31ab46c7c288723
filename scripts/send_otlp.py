#!/usr/bin/env python3
"""Sends a small, known set of telemetry to an OTLP endpoint with the real Python SDK exporters.

The receiver's interoperability tests run it against the fake receiver and assert the exact
content that arrives. What it sends (per run):
  * traces: a SERVER span "GET /checkout" (attributes http.request.method=GET,
    http.route=/checkout, http.response.status_code=200) with two INTERNAL children
    "load cart" (cart.items=3) and "charge card" (status ERROR "card declined");
  * metrics: a Counter "checkout.requests" (unit "{request}") incremented by 2 with
    route=/checkout, and a Histogram "checkout.duration" (unit "s") recording 0.25;
  * logs: one WARNING record "card declined" with attribute payment.provider=acme,
    emitted inside the "charge card" span.
The resource has service.name=python-checkout and, with --session, the attribute
otel_harness.session=<session>.

Usage: send_otlp.py --endpoint URL --protocol http/protobuf|grpc [--compression gzip|deflate] [--session NAME]
                    [--header key=value]...
"""
import argparse
import sys

from opentelemetry import trace
from opentelemetry._logs import SeverityNumber
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode


def exporters(protocol, endpoint, compression_name, headers):
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        from grpc import Compression

        # grpcio's message compressions: gzip, and deflate (the zlib format).
        compression = {None: Compression.NoCompression, "gzip": Compression.Gzip, "deflate": Compression.Deflate}
        options = dict(endpoint=endpoint, insecure=True, headers=headers, compression=compression[compression_name])
        return OTLPSpanExporter(**options), OTLPMetricExporter(**options), OTLPLogExporter(**options)
    if protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http import Compression
        from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        if compression_name == "deflate":
            sys.exit("OTLP/HTTP exporters compress with gzip only")
        compression = Compression.Gzip if compression_name == "gzip" else Compression.NoCompression
        base = endpoint.rstrip("/")
        return (
            OTLPSpanExporter(endpoint=base + "/v1/traces", compression=compression, headers=headers),
            OTLPMetricExporter(endpoint=base + "/v1/metrics", compression=compression, headers=headers),
            OTLPLogExporter(endpoint=base + "/v1/logs", compression=compression, headers=headers),
        )
    sys.exit(f"unknown protocol {protocol}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--protocol", required=True, choices=["http/protobuf", "grpc"])
    parser.add_argument("--compression", choices=["gzip", "deflate"])
    parser.add_argument("--session")
    parser.add_argument("--header", action="append", default=[])
    arguments = parser.parse_args()
    headers = dict(item.split("=", 1) for item in arguments.header)

    attributes = {"service.name": "python-checkout"}
    if arguments.session:
        attributes["otel_harness.session"] = arguments.session
    resource = Resource.create(attributes)
    span_exporter, metric_exporter, log_exporter = exporters(
        arguments.protocol, arguments.endpoint, arguments.compression, headers)

    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(span_exporter))
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(log_exporter))
    reader = PeriodicExportingMetricReader(metric_exporter, export_interval_millis=3_600_000)
    meter_provider = MeterProvider(resource=resource, metric_readers=[reader])

    tracer = tracer_provider.get_tracer("checkout", "1.0.0")
    logger = logger_provider.get_logger("checkout")
    meter = meter_provider.get_meter("checkout")
    requests = meter.create_counter("checkout.requests", unit="{request}")
    duration = meter.create_histogram("checkout.duration", unit="s")

    with tracer.start_as_current_span("GET /checkout", kind=SpanKind.SERVER, attributes={
        "http.request.method": "GET", "http.route": "/checkout", "http.response.status_code": 200,
    }):
        with tracer.start_as_current_span("load cart", attributes={"cart.items": 3}):
            pass
        with tracer.start_as_current_span("charge card") as charge:
            charge.set_status(Status(StatusCode.ERROR, "card declined"))
            logger.emit(severity_number=SeverityNumber.WARN, severity_text="WARNING",
                        body="card declined", attributes={"payment.provider": "acme"})
    requests.add(2, {"route": "/checkout"})
    duration.record(0.25, {"route": "/checkout"})

    # Flush everything before exiting; each exporter reports its own failures.
    meter_provider.force_flush()
    tracer_provider.shutdown()
    logger_provider.shutdown()
    meter_provider.shutdown()


if __name__ == "__main__":
    main()
