// swift-tools-version:6.1
// Builds the protoc plugins that `make generate` uses. Kept apart from the main package so
// that `swift build` of the harness never compiles the code generators.
import PackageDescription

let package = Package(
    name: "otlp-codegen",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    ],
    targets: []
)
