#!/usr/bin/env python3
"""Writes the OTLP protobuf schema as a FileDescriptorSet.

The descriptors come from the pinned `opentelemetry-proto` package on PyPI (see
scripts/requirements.txt), so `make generate` needs no copy of the .proto sources.
Usage: export_descriptors.py OUTPUT.pb
"""
import sys

from google.protobuf import descriptor_pb2

from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

ROOTS = [trace_service_pb2, metrics_service_pb2, logs_service_pb2]


def collect(file_descriptor, seen, ordered):
    """Adds a file and its dependencies, dependencies first."""
    if file_descriptor.name in seen:
        return
    seen.add(file_descriptor.name)
    for dependency in file_descriptor.dependencies:
        collect(dependency, seen, ordered)
    proto = descriptor_pb2.FileDescriptorProto()
    file_descriptor.CopyToProto(proto)
    ordered.append(proto)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: export_descriptors.py OUTPUT.pb")
    seen, ordered = set(), []
    for module in ROOTS:
        collect(module.DESCRIPTOR, seen, ordered)
    descriptor_set = descriptor_pb2.FileDescriptorSet(file=ordered)
    with open(sys.argv[1], "wb") as out:
        out.write(descriptor_set.SerializeToString(deterministic=True))
    for proto in ordered:
        print(proto.name)


if __name__ == "__main__":
    main()
