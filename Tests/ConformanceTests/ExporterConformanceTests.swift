import ExporterConformance
import Foundation
import HarnessTestSupport
import Testing

/// The battery against real exporters, on cases whose outcome is known from their sources:
/// it passes what conforms and fails what does not, with the evidence in the verdict.
@Suite("Exporter conformance battery")
struct ExporterConformanceTests {
    static let repository = ConformanceFixtures.repository

    static func python(_ transport: OTLPTransport) -> ExporterUnderTest {
        .command(
            "python",
            transport: transport,
            arguments: [
                repository.appendingPathComponent(".venv/bin/python").path, repository.appendingPathComponent("scripts/exporter_probe.py").path,
                "--protocol", "{protocol}", "--spans", "{spans}",
            ]
        )
    }

    static func swiftOTel(_ transport: OTLPTransport) -> ExporterUnderTest {
        .command("swift-otel", transport: transport, arguments: [BuiltProducts.path("otel-exporter-probe"), "--spans", "{spans}"])
    }

    static func verdict(_ id: String, _ exporter: ExporterUnderTest) async throws -> CaseVerdict {
        let exporterCase = try #require(ExporterCases.all.first { $0.id == id })
        return await ExporterConformance.run(exporterCase, on: exporter)
    }

    @Test("the Python SDK's HTTP exporter sends to /v1/traces, retries 503, not 400, and waits out Retry-After")
    func pythonHTTP() async throws {
        let exporter = Self.python(.httpProtobuf)
        async let path = Self.verdict("export-path", exporter)
        async let retry = Self.verdict("retry-503", exporter)
        async let noRetry = Self.verdict("no-retry-400", exporter)
        async let retryAfter = Self.verdict("retry-after-seconds", exporter)
        let verdicts = await [try path, try retry, try noRetry, try retryAfter]
        #expect(verdicts.allSatisfy { if case .pass = $0 { true } else { false } }, "\(verdicts)")
        #expect(verdicts[0].detail.hasPrefix("/v1/traces, application/x-protobuf, 10 spans"))
        #expect(verdicts[2].detail == "one attempt (HTTP 400), not retried")
    }

    @Test("swift-otel 1.6.0's deviations are failures: base64 ids in JSON, gzip ignored, HTTP-date Retry-After ignored")
    func swiftOTelDeviations() async throws {
        async let ids = Self.verdict("json-hex-ids", Self.swiftOTel(.httpJSON))
        async let gzip = Self.verdict("gzip", Self.swiftOTel(.httpProtobuf))
        async let date = Self.verdict("retry-after-http-date", Self.swiftOTel(.httpProtobuf))
        let (idsVerdict, gzipVerdict, dateVerdict) = try await (ids, gzip, date)
        #expect(idsVerdict.isFailure && idsVerdict.detail.contains("is base64; OTLP/JSON requires hex"), "\(idsVerdict)")
        #expect(gzipVerdict.isFailure && gzipVerdict.detail.hasPrefix("sent uncompressed"), "\(gzipVerdict)")
        #expect(dateVerdict.isFailure && dateVerdict.detail.contains("asked for at least 2.90 s"), "\(dateVerdict)")
    }

    @Test("gRPC: swift-otel does not retry INVALID_ARGUMENT, nor RESOURCE_EXHAUSTED even with RetryInfo")
    func swiftOTelGRPC() async throws {
        async let invalid = Self.verdict("no-retry-grpc-invalidArgument", Self.swiftOTel(.grpc))
        async let exhausted = Self.verdict("retry-grpc-resourceExhausted-retry-info", Self.swiftOTel(.grpc))
        let (invalidVerdict, exhaustedVerdict) = try await (invalid, exhausted)
        #expect(invalidVerdict == .pass("one attempt (invalidArgument), not retried"), "\(invalidVerdict)")
        #expect(exhaustedVerdict == .fail("not retried after resourceExhausted"), "\(exhaustedVerdict)")
    }

    @Test("a case that does not apply to a transport is not run")
    func notApplicable() async throws {
        #expect(try await Self.verdict("json-hex-ids", Self.python(.grpc)) == .notApplicable)
    }

    @Test("an exporter that cannot start is an error of the run, not a failure of the exporter")
    func brokenCommand() async throws {
        let exporter = ExporterUnderTest.command("missing", transport: .httpProtobuf, arguments: ["/nonexistent/exporter", "{spans}"])
        let verdict = try await Self.verdict("export-path", exporter)
        guard case .error(let text) = verdict else {
            Issue.record("expected an error, got \(verdict)")
            return
        }
        #expect(text.contains("exited with status"))
    }

    @Test("a run past its deadline is stopped and judged")
    func deadline() async throws {
        // A body that never finishes on its own: it waits on a stream nothing ever writes to,
        // which ends only when its task is cancelled.
        let hanging = ExporterUnderTest.inProcess("hanging", transport: .httpProtobuf) { _ in
            let (never, keepOpen) = AsyncStream<Void>.makeStream()
            defer { keepOpen.finish() }
            for await _ in never {}
        }
        var short = try #require(ExporterCases.all.first { $0.id == "flush-while-refused" })
        short.deadline = .milliseconds(500)
        // Returns at all, with the deadline's verdict.
        let verdict = await ExporterConformance.run(short, on: hanging)
        #expect(verdict.isFailure && verdict.detail.hasPrefix("had not exited"), "\(verdict)")
    }

    @Test("the matrix renders marks, details and counts")
    func matrix() {
        let matrix = ComplianceMatrix(
            cases: [.init(id: "gzip", requirement: "gzip"), .init(id: "json-hex-ids", requirement: "hex")],
            columns: ["a http/json", "b grpc"],
            verdicts: [
                "gzip": ["a http/json": .pass("gzip, 10 bytes"), "b grpc": .fail("sent uncompressed")], "json-hex-ids": ["a http/json": .pass("hex")],
            ]
        )
        #expect(matrix.hasFailures)
        let counts = matrix.counts("b grpc")
        #expect(counts.passed == 0 && counts.failed == 1 && counts.errors == 0)
        #expect(matrix.markdown.contains("| `gzip` | gzip | ✓ gzip, 10 bytes | ✗ sent uncompressed |"))
        #expect(matrix.markdown.contains("| `json-hex-ids` | hex | ✓ hex | – |"))
        #expect(matrix.text.contains("  ✗ gzip: sent uncompressed"))
    }
}
