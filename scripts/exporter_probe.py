#!/usr/bin/env python3
"""Runs one real Python OpenTelemetry exporter against an OTLP endpoint, for the exporter
conformance battery.

Usage:
    .venv/bin/python scripts/exporter_probe.py --protocol grpc|http/protobuf|http/json --spans N

Everything else comes from the standard environment variables, exactly as a user would
configure the SDK; the probe passes no exporter arguments of its own:
    OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT     gRPC: http://host:port; HTTP: base URL (the exporter
                                             appends /v1/traces) or, per signal, the full URL
    OTEL_EXPORTER_OTLP_[TRACES_]HEADERS      key1=value1,key2=value2
    OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION  none | gzip
    OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT      NOTE: the Python 1.45.1 / 0.66b1 exporters read this
                                             as SECONDS (float), not the specification's milliseconds
    OTEL_BSP_*                               the BatchSpanProcessor's settings
OTEL_EXPORTER_OTLP_PROTOCOL is ignored: --protocol picks the exporter.

Exporters:
    grpc           opentelemetry-exporter-otlp-proto-grpc 1.45.1
    http/protobuf  opentelemetry-exporter-otlp-proto-http 1.45.1
    http/json      opentelemetry-exporter-otlp-json-http 0.66b1

It builds a TracerProvider (resource service.name=exporter-probe) with a BatchSpanProcessor over
the exporter, emits N spans, then calls force_flush() and shutdown(), and prints one line of
JSON to stdout:
    {"sdk":"python","version":"1.45.1","protocol":"grpc","flush_seconds":0.01,
     "shutdown_seconds":0.002,"flush_ok":true}
flush_ok is TracerProvider.force_flush()'s result. In SDK 1.45.1 it is True whenever the
processor was not shut down: it does NOT say whether the export succeeded (the harness judges
delivery from what the receiver saw). The exporters log to stderr.

Exit status: 0 once the JSON line is printed, also when exporting failed; 2 for bad arguments
or an exporter that cannot be built from the environment (e.g. an unknown compression value).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

PROTOCOLS = ("grpc", "http/protobuf", "http/json")


def make_exporter(protocol: str):
    """The exporter for `protocol`, configured from the environment only."""
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    if protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    from opentelemetry.exporter.otlp.json.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {value}")
    return value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--protocol", required=True, choices=PROTOCOLS)
    parser.add_argument("--spans", required=True, type=non_negative_int, help="how many spans to emit")
    args = parser.parse_args(argv)

    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.version import __version__ as sdk_version

    try:
        exporter = make_exporter(args.protocol)
    except Exception as error:  # a configuration the exporter refuses, e.g. an unknown compression
        print(f"exporter_probe: cannot build the {args.protocol} exporter: {error!r}", file=sys.stderr)
        return 2

    provider = TracerProvider(resource=Resource.create({"service.name": "exporter-probe"}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    tracer = provider.get_tracer("exporter-probe")

    for index in range(args.spans):
        with tracer.start_as_current_span(f"probe-span-{index}") as span:
            span.set_attribute("probe.index", index)

    started = time.monotonic()
    flush_ok = provider.force_flush()
    flush_seconds = time.monotonic() - started

    started = time.monotonic()
    provider.shutdown()
    shutdown_seconds = time.monotonic() - started

    print(
        json.dumps(
            {
                "sdk": "python",
                "version": sdk_version,
                "protocol": args.protocol,
                "flush_seconds": round(flush_seconds, 6),
                "shutdown_seconds": round(shutdown_seconds, 6),
                "flush_ok": bool(flush_ok),
            },
            separators=(",", ":"),
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
