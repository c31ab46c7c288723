import Foundation
import TelemetryExposition
import TelemetryModel

/// Reads the log backend: the OTLP/JSON-lines file the collector's `file` exporter writes (the
/// fake receiver's file export in the local stack).
struct LogBackendClient: Sendable {
    /// One record with the service that emitted it.
    struct Record: Sendable {
        var service: String
        var record: LogRecord
    }

    var file: URL

    /// Every log record in the file so far; none while the file does not exist yet.
    func records() throws -> [Record] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let logs: LogsData
        do {
            logs = try OTLPJSONFile.read(file).logs
        } catch {
            throw ScenarioFailure("the log backend file \(file.path) is not OTLP/JSON lines: \(error.message)")
        }
        return logs.resourceLogs.flatMap { resourceLogs in
            resourceLogs.scopeLogs.flatMap(\.logRecords).map { Record(service: resourceLogs.resource.serviceName ?? "", record: $0) }
        }
    }
}
