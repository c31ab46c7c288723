import Foundation
import HarnessSupport
import OTLPReceiver
import OTLPWire

/// Runs exporters through the battery, each case against a fresh fake receiver on 127.0.0.1,
/// and gathers the compliance matrix.
///
/// ```swift
/// let exporters = OTLPTransport.allCases.map {
///     ExporterUnderTest.command("python", transport: $0, arguments: [".venv/bin/python", "scripts/exporter_probe.py", "--protocol", "{protocol}", "--spans", "{spans}"])
/// }
/// let matrix = await ExporterConformance().run(exporters)
/// print(matrix.text)
/// ```
public struct ExporterConformance: Sendable {
    /// The cases to run.
    public var cases: [ExporterCase]
    /// How many runs go on at once (each with its own receiver and exporter process).
    public var concurrency: Int

    /// Creates a battery.
    public init(cases: [ExporterCase] = ExporterCases.all, concurrency: Int = 4) {
        self.cases = cases
        self.concurrency = max(1, concurrency)
    }

    /// Runs every case on every exporter; `progress` hears each verdict as it comes, with the
    /// case's id and the exporter's column.
    public func run(
        _ exporters: [ExporterUnderTest],
        progress: (@Sendable (_ caseID: String, _ column: String, _ verdict: CaseVerdict) -> Void)? = nil
    ) async -> ComplianceMatrix {
        var work: [(ExporterUnderTest, ExporterCase)] = []
        for exporter in exporters {
            for exporterCase in cases where exporterCase.transports.contains(exporter.transport) { work.append((exporter, exporterCase)) }
        }
        var verdicts: [String: [String: CaseVerdict]] = [:]
        await withTaskGroup(of: (String, String, CaseVerdict).self) { group in
            var next = 0
            func start() {
                guard next < work.count else { return }
                let (exporter, exporterCase) = work[next]
                next += 1
                group.addTask {
                    let verdict = await Self.run(exporterCase, on: exporter)
                    return (exporterCase.id, exporter.column, verdict)
                }
            }
            for _ in 0..<concurrency { start() }
            for await (caseID, column, verdict) in group {
                verdicts[caseID, default: [:]][column] = verdict
                progress?(caseID, column, verdict)
                start()
            }
        }
        return ComplianceMatrix(
            cases: cases.map { ComplianceMatrix.Row(id: $0.id, requirement: $0.requirement) },
            columns: exporters.map(\.column),
            verdicts: verdicts
        )
    }

    /// Runs one case on one exporter.
    public static func run(_ exporterCase: ExporterCase, on exporter: ExporterUnderTest) async -> CaseVerdict {
        guard exporterCase.transports.contains(exporter.transport) else { return .notApplicable }
        var runs: [CaseEvidence.Run] = []
        for _ in 0..<exporterCase.runs {
            let standIn: CollectorStandIn
            do {
                standIn = try await CollectorStandIn.open(exporterCase.receiverState, faults: exporterCase.faults())
            } catch {
                return .error("could not open a \(exporterCase.receiverState) endpoint: \(error)")
            }
            let endpoint = standIn.endpoint(for: exporter.transport)
            let environment = [
                "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
                "OTEL_EXPORTER_OTLP_PROTOCOL": exporter.transport.rawValue,
                "OTEL_SERVICE_NAME": "exporter-conformance",
                "OTEL_TRACES_EXPORTER": "otlp",
                "OTEL_METRICS_EXPORTER": "none",
                "OTEL_LOGS_EXPORTER": "none",
                "OTEL_BSP_SCHEDULE_DELAY": "200",
            ].merging(exporterCase.environment) { $1 }
            let start = ContinuousClock.now
            let outcome = await exporter.run(
                ExportSettings(
                    endpoint: endpoint,
                    transport: exporter.transport,
                    spans: exporterCase.spans,
                    environment: environment,
                    deadline: exporterCase.deadline
                )
            )
            let requests = standIn.traceRequests
            await standIn.close()
            if let failure = outcome.launchFailure { return .error(failure) }
            // Nothing arrived at a listening receiver and the exporter gave up on its own with an
            // error: it refused the configuration (a harness problem), not the case.
            if exporterCase.receiverState == .listening, requests.isEmpty, !outcome.timedOut, let status = outcome.status, status != 0 {
                let output = outcome.output.split(separator: "\n").suffix(3).joined(separator: " | ")
                return .error("the exporter exited with status \(status) before sending: \(output)")
            }
            runs.append(CaseEvidence.Run(requests: requests, outcome: outcome, start: start))
        }
        return exporterCase.judge(CaseEvidence(transport: exporter.transport, spans: exporterCase.spans, runs: runs))
    }
}

/// What an exporter sends to during one run: a fake receiver (with the case's faults), a port
/// that refuses connections and that no other server can take meanwhile, or a TCP black hole.
private enum CollectorStandIn {
    case receiver(OTLPReceiver)
    case refusing(ReservedLocalPort)
    case blackHole(TCPBlackHole)

    static func open(_ state: ExporterCase.ReceiverState, faults: FaultPlan) async throws -> CollectorStandIn {
        switch state {
        case .listening:
            let receiver = try await OTLPReceiver.start(OTLPReceiverConfiguration(jsonMode: .lenient))
            receiver.faultPlan = faults
            return .receiver(receiver)
        case .refusing: return .refusing(try ReservedLocalPort())
        case .tcpBlackHole: return .blackHole(try TCPBlackHole())
        }
    }

    func endpoint(for transport: OTLPTransport) -> String {
        switch self {
        case .receiver(let receiver): transport == .grpc ? receiver.grpcEndpoint : receiver.httpEndpoint
        case .refusing(let port): "http://127.0.0.1:\(port.port)"
        case .blackHole(let hole): "http://127.0.0.1:\(hole.port)"
        }
    }

    /// The trace export requests received, in arrival order (none without a receiver).
    var traceRequests: [ReceivedRequest] {
        guard case .receiver(let receiver) = self else { return [] }
        return receiver.requests.filter { $0.signal == .traces }.sorted { $0.arrival < $1.arrival }
    }

    /// Stops the receiver; the sockets close when the stand-in is released.
    func close() async {
        if case .receiver(let receiver) = self { await receiver.stop() }
    }
}
