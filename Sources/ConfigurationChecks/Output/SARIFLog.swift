import Foundation
import HarnessSupport
import StackConfiguration

/// A SARIF 2.1.0 log of a check: the rules as the tool's driver, the findings as results.
struct SARIFLog: Encodable {
    struct Text: Encodable { var text: String }
    struct Configuration: Encodable { var level: String }
    struct RuleDescriptor: Encodable {
        var id: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
    }
    struct Driver: Encodable {
        var name = "otel-harness"
        var informationUri = "https://github.com/swift-otel-harness/swift-otel-harness#conformance-checks"
        var rules: [RuleDescriptor]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
    }
    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    init(report: CheckReport) {
        let rules = ConfigRules.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let descriptors = rules.map {
            RuleDescriptor(
                id: $0.id,
                shortDescription: Text(text: $0.summary),
                fullDescription: Text(text: $0.rationale),
                help: Text(text: $0.fix),
                defaultConfiguration: Configuration(level: $0.severity.sarifLevel)
            )
        }
        let results = report.findings.map { finding in
            Result(
                ruleId: finding.rule,
                ruleIndex: index[finding.rule],
                level: finding.severity.sarifLevel,
                message: Text(text: "\(finding.message). Fix: \(finding.fix)"),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: finding.file),
                            region: finding.line.map { Region(startLine: $0, startColumn: finding.column) }
                        )
                    )
                ]
            )
        }
        runs = [Run(tool: Tool(driver: Driver(rules: descriptors)), results: results)]
    }

    var rendered: String { PrettyJSON.string(self, fallback: "{}") }
}
