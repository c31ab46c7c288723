import Foundation
import HarnessSupport

extension ScenarioReport {
    /// The report as JSON, for other tools: the driver, the times, and for every scenario its
    /// verdict, time, detail (what it observed, or why it failed with the last observation, or
    /// why it was skipped), the traces it started and the logs saved.
    public var json: String {
        struct Document: Encodable {
            struct Scenario: Encodable {
                var name: String
                var summary: String
                var status: String
                var seconds: Double
                var detail: String
                var lastObservation: String?
                var traceIDs: [String]
                var savedLogs: [String]
            }
            var driver: String
            var succeeded: Bool
            var startupSeconds: Double
            var seconds: Double
            var counts: [String: Int]
            var scenarios: [Scenario]
        }
        let scenarios = results.map { result in
            let parts = result.detail.components(separatedBy: "\nlast observation:\n")
            return Document.Scenario(
                name: result.name,
                summary: result.summary,
                status: result.status.rawValue,
                seconds: result.duration.seconds,
                detail: parts[0],
                lastObservation: parts.count > 1 ? parts.dropFirst().joined(separator: "\nlast observation:\n") : nil,
                traceIDs: result.traceIDs,
                savedLogs: result.savedLogs
            )
        }
        var counts: [String: Int] = ["passed": 0, "failed": 0, "skipped": 0]
        for result in results { counts[result.status.rawValue, default: 0] += 1 }
        return PrettyJSON.string(
            Document(
                driver: driver,
                succeeded: succeeded,
                startupSeconds: startup.seconds,
                seconds: duration.seconds,
                counts: counts,
                scenarios: scenarios
            )
        )
    }
}
