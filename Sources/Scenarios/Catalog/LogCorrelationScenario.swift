import Foundation
import HarnessSupport
import StackConfiguration
import TelemetryModel

/// Scenario 5: the log records a traced request produces reach the log backend carrying that
/// request's trace id and the id of a span of its trace; records without trace context fail the
/// scenario, naming service and message. Expected records without a request must arrive.
public struct LogCorrelationScenario: Scenario {
    public let name = "log-correlation"
    public let summary = "a request's log records reach the log backend with its trace id and a span id of its trace"

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let expectations = context.plan.expectations.logs
        guard !expectations.isEmpty else { throw ScenarioSkipped("the stack file expects no log records (expect.logs)") }
        let logs = LogBackendClient(file: try stack.endpoints.require(\.logFile, "log backend (a collector file export)"))
        let backend = stack.endpoints.traceQuery.map { TraceBackendClient(endpoint: $0, client: context.client) }
        var lines: [String] = []
        for expectation in expectations {
            let what = Self.describe(expectation)
            guard let requestName = expectation.request else {
                try await context.traffic(on: stack).sendAll(context.plan.traffic)
                let found = try await poll("no \(what) reached the log backend", within: context.settings.pollTimeout) { () -> Observation<Int> in
                    let matching = try logs.records().filter { Self.matches($0, expectation) }
                    return matching.isEmpty ? .notYet(Self.summary(of: try logs.records(), service: expectation.service)) : .done(matching.count)
                }
                lines.append("\(found) \(what)")
                continue
            }
            guard let request = context.plan.request(requestName) else {
                throw ScenarioFailure("expect.logs names request \(requestName), which is not under traffic")
            }
            let sent = try await context.traffic(on: stack).send(request)
            let since = UInt64(max(0, sent.sentAt.timeIntervalSince1970 - 1) * 1e9)
            let records = try await poll(
                "\(what) for request \(request.name) did not reach the log backend with its trace context",
                within: context.settings.pollTimeout
            ) {
                () -> Observation<[LogRecord]> in
                let all = try logs.records().filter { Self.matches($0, expectation) }
                let correlated = all.filter { $0.record.traceID == sent.traceID }.map(\.record)
                if !correlated.isEmpty { return .done(correlated) }
                // Emitted for this request but without its context: fail now, naming the record.
                let recent = all.filter { max($0.record.timeUnixNano, $0.record.observedTimeUnixNano) >= since }
                if let loose = recent.first(where: { $0.record.traceID == nil }) {
                    return .failed(
                        "\(expectation.service) logged \"\(loose.record.bodyText)\" without trace context (no trace id, no span id) while handling request \(request.name) (trace \(sent.traceID.hex))"
                    )
                }
                if let other = recent.first {
                    return .notYet(
                        "\(expectation.service) logged \"\(other.record.bodyText)\" in trace \(other.record.traceID?.hex ?? "none"), not the request's trace \(sent.traceID.hex)"
                    )
                }
                return .notYet(Self.summary(of: try logs.records(), service: expectation.service))
            }
            if let loose = records.first(where: { $0.spanID == nil }) {
                throw ScenarioFailure(
                    "\(expectation.service) logged \"\(loose.bodyText)\" with the trace id of request \(request.name) but no span id"
                )
            }
            if let backend {
                try await poll(
                    "the trace of request \(request.name) did not reach the trace backend",
                    within: context.settings.pollTimeout
                ) {
                    () -> Observation<Void> in
                    guard let trace = try await backend.trace(sent.traceID) else { return .notYet("no span of trace \(sent.traceID.hex) yet") }
                    let ids = Set(trace.spans.map(\.spanID))
                    return records.allSatisfy { $0.spanID.map(ids.contains) ?? false } ? .done(()) : .notYet("spans so far: \(ids.count)")
                }
            }
            lines.append("\(request.name): \(records.count) \(what) in trace \(sent.traceID.hex)")
        }
        return lines.joined(separator: "; ")
    }

    static func describe(_ expectation: LogExpectation) -> String {
        "log record\(expectation.severity.map { " at \($0) or above" } ?? "") of \(expectation.service)"
            + (expectation.bodyContains.map { " containing \"\($0)\"" } ?? "")
    }

    static func matches(_ record: LogBackendClient.Record, _ expectation: LogExpectation) -> Bool {
        guard record.service == expectation.service else { return false }
        if let text = expectation.bodyContains, !record.record.bodyText.contains(text) { return false }
        if let severity = expectation.severity.flatMap(severityNumber), record.record.severityNumber < severity { return false }
        return true
    }

    static func severityNumber(_ name: String) -> SeverityNumber? {
        switch name {
        case "trace": .trace
        case "debug": .debug
        case "info": .info
        case "warn": .warn
        case "error": .error
        case "fatal": .fatal
        default: nil
        }
    }

    /// What the backend has of `service`, for a failure message.
    static func summary(of records: [LogBackendClient.Record], service: String) -> String {
        let own = records.filter { $0.service == service }
        guard !own.isEmpty else {
            return
                "the log backend has no record of \(service); services with records: \(Set(records.map(\.service)).sorted().joined(separator: ", "))"
        }
        return "records of \(service): "
            + own.suffix(5).map { "[\($0.record.severityNumber.rangeName)] \($0.record.bodyText) trace=\($0.record.traceID?.hex ?? "-")" }
            .joined(separator: "; ")
    }
}

extension LogRecord {
    /// The body as text: a string body as it is, anything else rendered.
    var bodyText: String { body?.stringValue ?? body?.description ?? "" }
}
