import Foundation
import Testing

@testable import StackConfiguration

@Suite("Merging configuration sources")
struct ConfigMergeTests {
    static func parse(_ text: String) throws -> ConfigNode {
        try #require(try ConfigDocument.parse(text))
    }

    @Test("mappings merge key by key; lists and scalars are replaced by the later source")
    func mergeSemantics() throws {
        let base = try Self.parse(
            """
            receivers: {otlp: {protocols: {grpc: {endpoint: 0.0.0.0:4317}}}}
            service: {pipelines: {metrics: {receivers: [otlp, prometheus], exporters: [debug]}}}
            """
        ).located(in: "base.yaml")
        let override = try Self.parse(
            """
            receivers: {otlp: {protocols: {http: {}}}}
            service: {pipelines: {metrics: {receivers: [otlp]}}}
            """
        ).located(in: "override.yaml")
        let merged = base.merging(override)
        #expect(merged[path: ["receivers", "otlp", "protocols"]]?.entries.map(\.key) == ["grpc", "http"])
        #expect(merged[path: ["service", "pipelines", "metrics", "receivers"]]?.stringList == ["otlp"])
        #expect(merged[path: ["service", "pipelines", "metrics", "exporters"]]?.stringList == ["debug"])
        // Each node still names the file that set it.
        #expect(merged[path: ["receivers", "otlp", "protocols", "grpc"]]?.location.file == "base.yaml")
        #expect(merged[path: ["service", "pipelines", "metrics", "receivers"]]?.location.file == "override.yaml")
    }

    @Test("`a::b::c` keys of a yaml: source become nested mappings")
    func pathKeys() throws {
        let snippet = try Self.parse("exporters::debug::verbosity: detailed").expandingPathKeys()
        #expect(snippet[path: ["exporters", "debug", "verbosity"]]?.string == "detailed")
    }

    @Test("a datasource without uid gets Grafana's uid derived from its name")
    func derivedDatasourceUID() {
        // Grafana's safeUIDFromName: "P" + the first 8 bytes of SHA-256(name), upper-case hex.
        #expect(GrafanaProvisioning.derivedUID(ofDatasourceNamed: "Prometheus") == "PBFA97CFB590B2093")
        #expect(GrafanaProvisioning.derivedUID(ofDatasourceNamed: "Tempo") == "P214B5B846CF3925F")
    }

    @Test("what is not a collector configuration is told apart by content")
    func configKinds() throws {
        let url = URL(fileURLWithPath: "/tmp/x.yaml")
        let components = try Self.parse("buildinfo: {command: otelcol}\nreceivers: [{name: otlp}]\nexporters: [{name: debug}]")
        #expect(ConfigKind.of(components, url: url) == .other)
        let manifest = try Self.parse("dist: {name: otelcol-shop}\nreceivers: [{gomod: go.opentelemetry.io/x v1}]")
        #expect(ConfigKind.of(manifest, url: url) == .collectorBuilderManifest)
        let configMap = try Self.parse("apiVersion: v1\nkind: ConfigMap\ndata: {relay: x}")
        #expect(ConfigKind.of(configMap, url: url) == .other)
        let fragment = try Self.parse("processors: {batch: {}}")
        #expect(ConfigKind.of(fragment, url: url) == .collector)
    }
}
