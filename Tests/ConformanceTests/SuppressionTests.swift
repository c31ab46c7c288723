import ConfigurationChecks
import Foundation
import StackConfiguration
import Testing

/// Suppressions: a file of `rule file[:line] reason` lines and inline comments, each with a
/// reason; the ones that match nothing are findings themselves.
@Suite("Suppressions")
struct SuppressionTests {
    static let compose = """
        services:
          app:
            # otel-harness-ignore compose/unpinned-image: we follow upstream's latest on purpose
            image: example/app
          worker:
            image: example/worker:latest # otel-harness-ignore compose/unpinned-image: rebuilt nightly
          tracer:
            image: jaegertracing/all-in-one:1.60
        """

    @Test("inline comments silence the finding on their line or the next, and keep the reason")
    func inline() throws {
        let report = try ConfigurationCheckerTests.check(["docker-compose.yml": Self.compose])
        #expect(report.findings.map(\.rule) == ["compose/end-of-life-image"], "\(report.findings)")
        #expect(report.suppressed.map(\.finding.line) == [4, 6])
        #expect(report.suppressed.map(\.reason) == ["we follow upstream's latest on purpose", "rebuilt nightly"])
    }

    @Test("a suppressions file silences by rule and file (and line), and reports what matches nothing")
    func file() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suppress-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.compose.utf8).write(to: folder.appendingPathComponent("docker-compose.yml"))
        let suppressions = folder.appendingPathComponent("suppressions.txt")
        try Data(
            """
            # rule file[:line] reason
            compose/end-of-life-image docker-compose.yml the migration to Jaeger v2 is planned
            compose/obsolete-version docker-compose.yml:1 there is no version key any more
            compose/unpinned-image docker-compose.yml
            """.utf8
        ).write(to: suppressions)
        let report = ConfigurationChecker(options: .init(suppressionsFile: suppressions)).check([folder.appendingPathComponent("docker-compose.yml")])
        #expect(report.suppressed.count == 3)
        let rules = report.findings.map { "\($0.rule) \(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line ?? 0)" }
        #expect(rules.sorted() == ["suppression/invalid suppressions.txt:4", "suppression/unused suppressions.txt:3"], "\(report.findings)")
        #expect(report.findings.allSatisfy { $0.severity == .warning })
    }
}
