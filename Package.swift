// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-otel-harness",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TelemetryModel", targets: ["TelemetryModel"]),
        .library(name: "OTLPWire", targets: ["OTLPWire"]),
        .executable(name: "otlp-decode-benchmark", targets: ["OTLPDecodeBenchmark"]),
        .executable(name: "otlp-decode-fuzzer", targets: ["OTLPDecodeFuzzer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
    ],
    targets: [
        // The shared data model of spans, metrics and logs. No I/O, no wire formats.
        .target(
            name: "TelemetryModel",
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
        .executableTarget(
            name: "OTLPDecodeBenchmark",
            dependencies: ["OTLPWire", "TelemetryModel"],
            path: "Benchmarks/OTLPDecodeBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OTLPDecodeFuzzer",
            dependencies: ["OTLPWire"],
            path: "Fuzz/OTLPDecodeFuzzer",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TelemetryModelTests",
            dependencies: ["TelemetryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OTLPWireTests",
            dependencies: ["OTLPWire", "TelemetryModel"],
            swiftSettings: strictSettings
        ),
    ]
)
