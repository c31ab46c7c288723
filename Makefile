# swift-otel-harness — one entry point for setup, tests, code generation and measurements.
# Every target that needs tools depends on `setup`, which installs them once.

SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
EXAMPLE_VENV := Examples/fastapi-pair/.venv
APT_PACKAGES := protobuf-compiler curl prometheus zlib1g-dev wrk nghttp2-client
SETUP_STAMP := $(VENV)/.setup-done
FUZZ_SECONDS ?= 60
STACK ?= local
STACK_FILE ?= Fixtures/demo.stack.yaml
REPORT ?= integration-observability
SCENARIO ?=
BENCH_ARGS ?=
# How the gate loads the demo service: one client in a closed loop, 0.5 s warm-up + 2 s measured
# per segment, looks every 10 rounds up to 60 with an O'Brien-Fleming boundary. Measured one
# design after the other, one client's rounds spread 2-3x less than open loop at half capacity,
# at a shorter round time (see CalibratingTheGate.md).
GATE_ARGS := --closed-loop 1 --warm-up 0.5 --duration 2 --boundary obrien-fleming --looks 10,20,30,40,50,60
# The demo service as the gate measures it: about 0.4 ms of CPU per request, and a span queue
# large enough that swift-otel does not drop spans under load (its default of 2,048 can, and the
# run would be INVALID).
DEMO_BENCH_ARGS := --env DEMO_STAGE_WORK=4000 --instrumented-env OTEL_BSP_MAX_QUEUE_SIZE=65536 $(GATE_ARGS)
# Calibration on the same workload: the injected service-time slowdowns of 4 % and 14 % raise
# the end-to-end p95 by about 3 % and 10 % (the table reports the ratio each produced).
DEMO_CALIBRATION_ARGS := --env DEMO_STAGE_WORK=4000 $(GATE_ARGS) --slowdowns 4,14
CALIBRATION_RUNS ?= 10

.PHONY: setup test test-integration-observability test-fastapi-example check-config check-architecture check-format format docs conformance-exporters bench-overhead bench-calibrate bench-fastapi generate check-generated fixtures check-fixtures bench-decode bench-capture bench-ingest fuzz clean

## setup: install the Debian packages and the pinned Python venv the project needs
setup: $(SETUP_STAMP)

$(SETUP_STAMP): scripts/requirements.txt Examples/fastapi-pair/requirements.txt scripts/install-apt-packages.sh Makefile
	bash scripts/install-apt-packages.sh $(APT_PACKAGES)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements.txt
	python3 -m venv $(EXAMPLE_VENV)
	$(EXAMPLE_VENV)/bin/pip install --quiet --disable-pip-version-check -r Examples/fastapi-pair/requirements.txt
	touch $@

## test: run the whole test suite (swift test)
test: setup
	swift test

## test-integration-observability: the seven integration scenarios on STACK_FILE (the demo stack by
## default) with the STACK driver (local, the default; compose; external); SCENARIO=name runs one
## alone. Summary table on stdout, JUnit XML and JSON in .build/reports/, component logs of failed
## scenarios next to them; non-zero when one fails.
test-integration-observability: setup
	swift build --product otel-harness
	swift build --product DemoService
	.build/debug/otel-harness scenarios --file $(STACK_FILE) --stack $(STACK) $(if $(SCENARIO),--only $(SCENARIO)) \
	  --junit .build/reports/$(REPORT).xml --json .build/reports/$(REPORT).json --logs .build/reports/$(REPORT)-logs

## test-fastapi-example: the seven scenarios on the FastAPI example (Examples/fastapi-pair: two
## Python services instrumented with the OpenTelemetry Python distribution), local driver
test-fastapi-example: setup
	$(MAKE) test-integration-observability STACK_FILE=Examples/fastapi-pair/stack.yaml REPORT=fastapi-example

## check-architecture: the module graph against docs/architecture.md's table of allowed imports,
## and proof that the check rejects an edge outside it
check-architecture:
	python3 scripts/check-imports.py
	bash scripts/check-imports-selftest.sh

## format / check-format: swift-format with .swift-format over Sources, Tests, Benchmarks and Fuzz
## (generated files carry `// swift-format-ignore-file`); check-format fails on any finding
SWIFT_FOLDERS := Sources Tests Benchmarks Fuzz
format:
	swift format format --in-place --recursive $(SWIFT_FOLDERS)
check-format:
	swift format lint --strict --recursive $(SWIFT_FOLDERS) && echo "swift format lint --strict: clean"

## docs: the DocC catalogs of the library products, warnings treated as errors; archives in
## .build/plugins/Swift-DocC/outputs
DOC_TARGETS := TelemetryTesting OTLPReceiver OTLPWire ConfigurationChecks ExporterConformance SemanticConventionChecks Scenarios OverheadGate
docs:
	swift package generate-documentation --warnings-as-errors $(foreach target,$(DOC_TARGETS),--target $(target))

## check-config: the conformance checks of the project's own stack (compose file, and the
## collector, Prometheus and Grafana files it mounts); exits 1 on any error
check-config:
	swift build --product otel-harness
	.build/debug/otel-harness check compose Fixtures/stack Examples/fastapi-pair/compose.yaml

## conformance-exporters: swift-otel 1.6.0 and the Python SDK's OTLP trace exporters (gRPC,
## HTTP protobuf, HTTP JSON) through the exporter battery against the fake receiver; prints the
## compliance matrix, writes .build/reports/exporter-conformance.{md,json}; exits 1 when a case
## fails (both have known deviations: see README)
conformance-exporters: setup
	swift build --product otel-harness
	swift build --product otel-exporter-probe
	mkdir -p .build/reports
	.build/debug/otel-harness conformance exporter \
	  --exporter "swift-otel=.build/debug/otel-exporter-probe --spans {spans}" \
	  --exporter "python=$(PYTHON) scripts/exporter_probe.py --protocol {protocol} --spans {spans}" \
	  --markdown .build/reports/exporter-conformance.md --json .build/reports/exporter-conformance.json

## bench-overhead: the overhead gate on the demo service (release build); exits 0 pass, 1 fail,
## 2 inconclusive, 3 invalid. Reports in .build/reports/overhead.{json,md,svg}. BENCH_ARGS adds options.
bench-overhead:
	swift build -c release --product DemoService
	swift build -c release --product otel-harness
	.build/release/otel-harness bench $(DEMO_BENCH_ARGS) $(BENCH_ARGS) --json .build/reports/overhead.json \
	  --markdown .build/reports/overhead.md --svg .build/reports/overhead.svg

## bench-calibrate: the gate's false-alarm rate (A/A) and power (+3 %, +10 % injected) on this machine
bench-calibrate:
	swift build -c release --product DemoService
	swift build -c release --product otel-harness
	mkdir -p .build/reports
	.build/release/otel-harness bench calibrate --runs $(CALIBRATION_RUNS) $(DEMO_CALIBRATION_ARGS) $(BENCH_ARGS) \
	  --json .build/reports/calibration.json

## bench-fastapi: the overhead gate on the FastAPI example's worker (a Python service, instrumented
## by opentelemetry-instrument) with the request mix in Examples/fastapi-pair/bench-requests.json
bench-fastapi: setup
	swift build -c release --product otel-harness
	.build/release/otel-harness bench --command $(EXAMPLE_VENV)/bin/opentelemetry-instrument \
	  --arg=$(EXAMPLE_VENV)/bin/uvicorn --arg=--app-dir --arg=Examples/fastapi-pair --arg=worker:app \
	  --arg=--host --arg=127.0.0.1 --arg=--port --arg='{port}' --health-path /health \
	  --requests Examples/fastapi-pair/bench-requests.json --spans-per-request 1 \
	  --instrumented-env OTEL_LOGS_EXPORTER=otlp $(GATE_ARGS) $(BENCH_ARGS) \
	  --json .build/reports/overhead-fastapi.json --markdown .build/reports/overhead-fastapi.md

## generate: regenerate Sources/OTLPWire/Generated from the pinned opentelemetry-proto package
generate: setup
	bash scripts/generate.sh $(PYTHON)

## check-generated: fail when the committed generated code differs from a fresh `make generate`
check-generated: generate
	@git diff --exit-code --stat -- Sources/OTLPWire/Generated \
	  && test -z "$$(git status --porcelain -- Sources/OTLPWire/Generated)" \
	  || { echo "Sources/OTLPWire/Generated is not what 'make generate' produces"; exit 1; }

## fixtures: recapture Fixtures/otlp/python-sdk with the real Python SDK exporters
fixtures: setup
	$(PYTHON) scripts/capture_fixtures.py Fixtures/otlp/python-sdk

## check-fixtures: fail when recapturing the Python SDK fixtures changes any byte
check-fixtures: fixtures
	@git diff --exit-code --stat -- Fixtures/otlp/python-sdk \
	  || { echo "the Python SDK fixtures are not reproducible"; exit 1; }

## bench-decode: decode throughput (spans/s) of protobuf and OTLP/JSON, release build
bench-decode:
	swift run -c release otlp-decode-benchmark

## bench-capture: cost of capturing a span or a metric next to NoOpTracer, InMemoryTracer and TestMetrics
bench-capture:
	swift run -c release telemetry-capture-benchmark

## bench-ingest: receiver ingest throughput over HTTP and gRPC next to decode-only, memory at 1M spans,
## health during a gzip-bomb storm, and `otel-harness receive` side by side with rotel under wrk
bench-ingest: setup
	swift build -c release --product otel-harness
	swift build -c release --product otlp-ingest-benchmark
	.build/release/otlp-ingest-benchmark --harness .build/release/otel-harness \
	  --rotel "$$(ls $(VENV)/lib/python*/site-packages/rotel/rotel-agent)" $(INGEST_ARGS)

## fuzz: run libFuzzer over every OTLP decoder for FUZZ_SECONDS (corpus in Fuzz/corpus)
fuzz:
	swift build -c release --scratch-path .build-fuzz --product otlp-decode-fuzzer \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	mkdir -p .build-fuzz/corpus
	.build-fuzz/release/otlp-decode-fuzzer .build-fuzz/corpus Fuzz/corpus \
	  -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096

clean:
	rm -rf .build .build-codegen .build-fuzz $(VENV) $(EXAMPLE_VENV)
