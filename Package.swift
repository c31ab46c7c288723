// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The three Swift observability APIs a service is instrumented with.
let observabilityAPIs: [Target.Dependency] = [
    .product(name: "Tracing", package: "swift-distributed-tracing"),
    .product(name: "Metrics", package: "swift-metrics"),
    .product(name: "Logging", package: "swift-log"),
]

let package = Package(
    name: "swift-otel-harness",
    platforms: [.macOS(.v15)],
    products: [
        // What a service's own tests use: one import.
        .library(name: "TelemetryTesting", targets: ["TelemetryTesting"]),
        .library(name: "InMemoryTelemetry", targets: ["InMemoryTelemetry"]),
        .library(name: "TelemetryQueries", targets: ["TelemetryQueries"]),
        .library(name: "TelemetryModel", targets: ["TelemetryModel"]),
        // The fake collector and what it speaks and serves.
        .library(name: "OTLPReceiver", targets: ["OTLPReceiver"]),
        .library(name: "OTLPWire", targets: ["OTLPWire"]),
        .library(name: "TelemetryExposition", targets: ["TelemetryExposition"]),
        // The stack-level tools.
        .library(name: "StackConfiguration", targets: ["StackConfiguration"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "OverheadGate", targets: ["OverheadGate"]),
        .library(name: "ConfigurationChecks", targets: ["ConfigurationChecks"]),
        .library(name: "ExporterConformance", targets: ["ExporterConformance"]),
        .library(name: "SemanticConventionChecks", targets: ["SemanticConventionChecks"]),
        .library(name: "HarnessSupport", targets: ["HarnessSupport"]),
        .executable(name: "otel-harness", targets: ["OTelHarnessCLI"]),
        .executable(name: "DemoService", targets: ["DemoService"]),
        .executable(name: "otel-exporter-probe", targets: ["ExporterProbe"]),
        .executable(name: "otlp-decode-benchmark", targets: ["OTLPDecodeBenchmark"]),
        .executable(name: "otlp-ingest-benchmark", targets: ["OTLPIngestBenchmark"]),
        .executable(name: "otlp-decode-fuzzer", targets: ["OTLPDecodeFuzzer"]),
        .executable(name: "telemetry-capture-benchmark", targets: ["TelemetryCaptureBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-otel/swift-otel-semantic-conventions.git", from: "1.44.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        // Layers and allowed imports: docs/architecture.md (checked by scripts/check-imports.py).

        // zlib from the system (zlib1g-dev), for the receiver's one-pass gzip inflater.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The shared data model of spans, metrics and logs, ids and the seeded generator. No I/O.
        .target(
            name: "TelemetryModel",
            swiftSettings: strictSettings
        ),
        // Support code of the harness's own tools: child processes, local ports, polling against a
        // deadline, HTTP load and percentiles.
        .target(
            name: "HarnessSupport",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // OTLP on the wire: generated protobuf and gRPC types (internal), the protobuf and
        // OTLP/JSON codecs, and the conversions between wire and model.
        .target(
            name: "OTLPWire",
            dependencies: [
                "TelemetryModel",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // Telemetry as data (captured or received): queries, the span-tree matcher, waits that
        // wake on each change, and the trace renderer. No test framework.
        .target(
            name: "TelemetryQueries",
            dependencies: ["TelemetryModel"],
            swiftSettings: strictSettings
        ),
        // In-process capture of what code emits through swift-distributed-tracing, swift-metrics
        // and swift-log, isolated per task tree.
        .target(
            name: "InMemoryTelemetry",
            dependencies: [
                "TelemetryModel",
                "TelemetryQueries",
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            swiftSettings: strictSettings
        ),
        // The test-facing layer, the only module that imports Swift Testing: the trait,
        // expect/require, trace snapshots and attachments. Re-exports the capture and queries.
        .target(
            name: "TelemetryTesting",
            dependencies: ["TelemetryModel", "TelemetryQueries", "InMemoryTelemetry"],
            swiftSettings: strictSettings
        ),
        // Received telemetry as other components serve it: Prometheus exposition (the collector's
        // prometheus exporter) and the Jaeger query API.
        .target(
            name: "TelemetryExposition",
            dependencies: ["TelemetryModel", "OTLPWire"],
            swiftSettings: strictSettings
        ),
        // The stack's configuration as documents with line positions: compose projects, Grafana
        // provisioning, PromQL selectors, and the findings vocabulary (rules, severities).
        .target(
            name: "StackConfiguration",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // The fake OTLP receiver: OTLP/gRPC and OTLP/HTTP servers that record what exporters
        // send, answer as a collector does (or misbehave on purpose), and serve what they got.
        .target(
            name: "OTLPReceiver",
            dependencies: [
                "CZlib",
                "TelemetryModel",
                "OTLPWire",
                "TelemetryQueries",
                "TelemetryExposition",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The integration scenarios: the engine, the scenarios, the stack drivers (local with a
        // real Prometheus, and compose) and the reports (summary table, JUnit XML).
        .target(
            name: "Scenarios",
            dependencies: [
                "HarnessSupport",
                "OTLPReceiver",
                "OTLPWire",
                "StackConfiguration",
                "TelemetryExposition",
                "TelemetryModel",
                "TelemetryQueries",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The overhead gate: A/B rounds of a workload (a service under HTTP load, or closures),
        // sequential t intervals of the p95 log ratio, the verdict, reports and calibration.
        .target(
            name: "OverheadGate",
            dependencies: [
                "HarnessSupport",
                "OTLPReceiver",
                "TelemetryModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictSettings
        ),
        // `otel-harness check`: rules over the stack's compose, collector, Prometheus and Grafana
        // files, and dashboards against the metrics a service emits.
        .target(
            name: "ConfigurationChecks",
            dependencies: [
                "HarnessSupport",
                "StackConfiguration",
                "TelemetryExposition",
                "TelemetryModel",
                "OTLPWire",
            ],
            swiftSettings: strictSettings
        ),
        // The exporter battery: an OTLP exporter run case by case against the fake receiver.
        .target(
            name: "ExporterConformance",
            dependencies: [
                "HarnessSupport",
                "OTLPReceiver",
                "OTLPWire",
                "TelemetryModel",
            ],
            swiftSettings: strictSettings
        ),
        // Emitted telemetry against the OpenTelemetry semantic conventions.
        .target(
            name: "SemanticConventionChecks",
            dependencies: [
                "StackConfiguration",
                "TelemetryExposition",
                "TelemetryModel",
                .product(name: "OTelSemanticConventions", package: "swift-otel-semantic-conventions"),
            ],
            swiftSettings: strictSettings
        ),
        // The system under test of the scenarios and the overhead gate.
        .executableTarget(
            name: "DemoService",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + observabilityAPIs,
            swiftSettings: strictSettings
        ),
        // swift-otel's OTLP trace exporter as a command, for the exporter conformance battery.
        .executableTarget(
            name: "ExporterProbe",
            dependencies: [
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + observabilityAPIs,
            swiftSettings: strictSettings
        ),
        // The command line: `otel-harness receive | …`.
        .executableTarget(
            name: "OTelHarnessCLI",
            dependencies: [
                "ConfigurationChecks",
                "ExporterConformance",
                "HarnessSupport",
                "OTLPReceiver",
                "OTLPWire",
                "OverheadGate",
                "Scenarios",
                "SemanticConventionChecks",
                "StackConfiguration",
                "TelemetryExposition",
                "TelemetryModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["TelemetryModel"],
            path: "Benchmarks/BenchmarkSupport",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OTLPIngestBenchmark",
            dependencies: [
                "BenchmarkSupport",
                "HarnessSupport",
                "OTLPReceiver",
                "OTLPWire",
                "TelemetryModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/OTLPIngestBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OTLPDecodeBenchmark",
            dependencies: ["BenchmarkSupport", "OTLPWire", "TelemetryModel"],
            path: "Benchmarks/OTLPDecodeBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TelemetryCaptureBenchmark",
            dependencies: [
                "BenchmarkSupport",
                "InMemoryTelemetry",
                "TelemetryQueries",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            path: "Benchmarks/TelemetryCaptureBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OTLPDecodeFuzzer",
            dependencies: [
                "OTLPWire",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Fuzz/OTLPDecodeFuzzer",
            swiftSettings: strictSettings
        ),
        // What the test targets share: the repository's folders and the built products.
        .target(
            name: "HarnessTestSupport",
            path: "Tests/HarnessTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TelemetryModelTests",
            dependencies: ["TelemetryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TelemetryTestingTests",
            dependencies: [
                "HarnessTestSupport",
                "TelemetryTesting",
                "TelemetryModel",
                "OTLPWire",
            ] + observabilityAPIs,
            exclude: ["__Snapshots__"],
            swiftSettings: strictSettings
        ),
        // XCTest users get the same failures: an XCTest case that fails an expectation fails.
        .testTarget(
            name: "TelemetryXCTestTests",
            dependencies: ["HarnessSupport", "HarnessTestSupport", "TelemetryTesting"] + observabilityAPIs,
            swiftSettings: strictSettings
        ),
        // The code samples of README.md and the DocC articles, compiled and run as tests.
        .testTarget(
            name: "ExampleTests",
            dependencies: [
                "ConfigurationChecks",
                "ExporterConformance",
                "HarnessTestSupport",
                "StackConfiguration",
                "OTLPReceiver",
                "OTLPWire",
                "OverheadGate",
                "Scenarios",
                "SemanticConventionChecks",
                "TelemetryTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + observabilityAPIs,
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TelemetryExpositionTests",
            dependencies: ["TelemetryExposition", "TelemetryModel", "OTLPWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OTLPReceiverTests",
            dependencies: [
                "HarnessSupport",
                "HarnessTestSupport",
                "OTLPReceiver",
                "OTLPWire",
                "TelemetryExposition",
                "TelemetryModel",
                "TelemetryQueries",
                "TelemetryTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // swift-otel's real exporters against the receiver (a large dependency: tests only).
        .testTarget(
            name: "SwiftOTelInteropTests",
            dependencies: [
                "ExporterConformance",
                "OTLPReceiver",
                "OTLPWire",
                "TelemetryModel",
                "TelemetryTesting",
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + observabilityAPIs,
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DemoServiceTests",
            dependencies: [
                "HarnessSupport",
                "HarnessTestSupport",
                "OTLPReceiver",
                "OTLPWire",
                "TelemetryModel",
                "TelemetryTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HarnessSupportTests",
            dependencies: ["HarnessSupport", "TelemetryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ScenariosTests",
            dependencies: [
                "HarnessSupport",
                "HarnessTestSupport",
                "Scenarios",
                "StackConfiguration",
                "TelemetryModel",
                "TelemetryQueries",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OverheadGateTests",
            dependencies: ["HarnessSupport", "HarnessTestSupport", "OverheadGate", "TelemetryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "ConfigurationChecks",
                "ExporterConformance",
                "HarnessSupport",
                "HarnessTestSupport",
                "OTLPReceiver",
                "OTLPWire",
                "Scenarios",
                "SemanticConventionChecks",
                "StackConfiguration",
                "TelemetryModel",
                "TelemetryQueries",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StackConfigurationTests",
            dependencies: ["StackConfiguration"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OTLPWireTests",
            dependencies: ["HarnessTestSupport", "OTLPWire", "TelemetryModel"],
            swiftSettings: strictSettings
        ),
    ]
)
