import ConfigurationChecks
import Foundation
import StackConfiguration
import Testing

/// The corpus in Fixtures/conformance: every broken configuration triggers exactly the findings
/// its `expected.txt` lists, and every good one (the project's own stack included) none that
/// is an error or a warning.
@Suite("Conformance corpus")
struct ConformanceCorpusTests {
    static func cases(_ kind: String) -> [String] {
        let folder = ConformanceFixtures.corpus.appendingPathComponent(kind)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// Checks a case folder, with its `metrics.otlp.jsonl` as the inventory when it has one.
    static func check(_ folder: URL) throws -> CheckReport {
        var options = ConfigurationChecker.Options()
        let inventory = folder.appendingPathComponent("metrics.otlp.jsonl")
        if FileManager.default.fileExists(atPath: inventory.path) { options.metricInventory = try MetricInventory.load(inventory) }
        let suppressions = folder.appendingPathComponent("suppressions.txt")
        if FileManager.default.fileExists(atPath: suppressions.path) { options.suppressionsFile = suppressions }
        return ConfigurationChecker(options: options).check([folder])
    }

    /// `severity rule file:line` of a finding, with the file relative to `folder`.
    static func key(_ finding: Finding, in folder: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path =
            finding.file.hasPrefix("/") ? finding.file : URL(fileURLWithPath: current).appendingPathComponent(finding.file).standardizedFileURL.path
        let relative =
            path.hasPrefix(folder.standardizedFileURL.path + "/") ? String(path.dropFirst(folder.standardizedFileURL.path.count + 1)) : path
        return "\(finding.severity.rawValue) \(finding.rule) \(relative):\(finding.line ?? 0)"
    }

    @Test("the corpus has broken and good cases")
    func corpusExists() {
        #expect(Self.cases("broken").count >= 20)
        #expect(Self.cases("good").count >= 4)
    }

    @Test("each broken configuration triggers exactly the rules it lists", arguments: cases("broken"))
    func broken(_ name: String) throws {
        let folder = ConformanceFixtures.corpus.appendingPathComponent("broken/\(name)")
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(!expected.isEmpty, "\(name)/expected.txt lists no rule")
        let report = try Self.check(folder)
        let found = report.findings.map { Self.key($0, in: folder) }
        #expect(found.sorted() == expected.sorted(), "\(name):\n\(report.findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("each good configuration has no error and no warning", arguments: cases("good"))
    func good(_ name: String) throws {
        let report = try Self.check(ConformanceFixtures.corpus.appendingPathComponent("good/\(name)"))
        let problems = report.findings.filter { $0.severity != .info }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(!(report.checkedFiles.isEmpty && report.skippedFiles.isEmpty && report.findings.isEmpty), "nothing in \(name) was read")
    }

    @Test("Kubernetes manifests are skipped and a Helm template found by searching is only info")
    func notTheStack() throws {
        let report = try Self.check(ConformanceFixtures.corpus.appendingPathComponent("good/not-the-stack"))
        #expect(report.checkedFiles.isEmpty)
        #expect(report.skippedFiles.map { URL(fileURLWithPath: $0).lastPathComponent } == ["deployment.yaml"])
        #expect(report.findings.map(\.rule) == ["file/unreadable"] && report.findings.allSatisfy { $0.severity == .info }, "\(report.findings)")
    }

    @Test("the project's own compose file and stack configuration have no error and no warning")
    func projectStack() {
        let repository = ConformanceFixtures.repository
        let report = ConfigurationChecker().check([repository.appendingPathComponent("compose"), repository.appendingPathComponent("Fixtures/stack")])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")
        // The compose file, and through its mounts the collector, Prometheus, two Grafana
        // provisioning files and three dashboards.
        #expect(report.checkedFiles.count == 8, "\(report.checkedFiles.map(\.name))")
        #expect(
            Set(report.checkedFiles.map(\.kind)) == [
                .compose, .collector, .prometheus, .grafanaDatasources, .grafanaDashboardProviders, .grafanaDashboard,
            ]
        )
    }

    @Test("every rule is triggered by some broken configuration")
    func everyRuleCovered() throws {
        var triggered = Set<String>()
        for name in Self.cases("broken") {
            triggered.formUnion(try Self.check(ConformanceFixtures.corpus.appendingPathComponent("broken/\(name)")).findings.map(\.rule))
        }
        triggered.insert("collector/deprecated-name")  // info; triggered in the good corpus
        let untested = Set(ConfigRules.all.map(\.id)).subtracting(triggered)
        #expect(untested.isEmpty, "rules without a broken case: \(untested.sorted())")
    }

    @Test("the rules article lists every rule with its severity and the reason for it")
    func rulesDocumented() throws {
        let article = try String(
            contentsOf: ConformanceFixtures.repository.appendingPathComponent(
                "Sources/ConfigurationChecks/ConfigurationChecks.docc/ConfigurationRules.md"
            ),
            encoding: .utf8
        )
        for rule in ConfigRules.all {
            #expect(article.contains("| `\(rule.id)` | \(rule.severity.rawValue) |"), "\(rule.id) is not in ConfigurationRules.md")
            #expect(article.contains(rule.severityReason.replacingOccurrences(of: "|", with: "\\|")), "\(rule.id)'s severity reason")
        }
    }
}
