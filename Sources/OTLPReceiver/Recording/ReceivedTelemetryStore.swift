import DequeModule
import OTLPWire
import Synchronization
import TelemetryExposition
import TelemetryModel
import TelemetryQueries

/// The receiver's memory: every request, bounded by count, by telemetry items and by the heap
/// bytes they hold (an estimate: ``MemoryFootprint``), oldest evicted first and counted.
final class ReceivedTelemetryStore: Sendable {
    struct State {
        var requests = Deque<ReceivedRequest>()
        /// The estimated heap bytes of each kept request, in the order of `requests`.
        var requestBytes = Deque<Int>()
        /// The index keys of each kept request of accepted traces, in the order of `requests`.
        var requestKeys = Deque<TraceQueryIndex.Keys?>()
        /// Requests kept since the last reset: the record index of the next one.
        var recordedRequests = 0
        var index = TraceQueryIndex()
        var storedItems = 0
        var storedBytes = 0
        var evictedRequests = 0
        var evictedItems = 0
        var evictedBytes = 0
        var nextSequenceNumber = 1
        /// Received metrics as the collector's prometheus exporter holds them; not evicted with
        /// requests, as a collector keeps series after the request that carried them.
        var prometheus: PrometheusAccumulator
        var fileExportFailures = 0
        /// The accepted telemetry of the first `assembledRequests` requests, kept so that reading
        /// it after each new request (a wait) appends that request instead of assembling all of
        /// them again; `nil` after an eviction, until the next read assembles it anew.
        var assembled: TelemetryData? = TelemetryData()
        var assembledRequests = 0

        /// The record index of the oldest kept request.
        var firstRecordIndex: Int { recordedRequests - requests.count }

        /// The accepted traces of the kept requests at `recordIndices` (ascending).
        func traces(atRecordIndices recordIndices: [Int]) -> [TracesData] {
            recordIndices.compactMap { recordIndex in
                guard case .traces(let traces)? = requests[recordIndex - firstRecordIndex].payload else { return nil }
                return traces
            }
        }
    }

    let maximumRequests: Int
    let maximumItems: Int
    let maximumBytes: Int
    let sessionResourceAttribute: String
    let state: Mutex<State>
    let changes = TelemetryChanges()
    let fileExport: OTLPJSONLinesWriter?

    init(configuration: OTLPReceiverConfiguration, fileExport: OTLPJSONLinesWriter?) {
        state = Mutex(State(prometheus: PrometheusAccumulator(maximumSeriesCount: configuration.maximumPrometheusSeries)))
        self.fileExport = fileExport
        maximumRequests = max(1, configuration.maximumStoredRequests)
        maximumItems = max(0, configuration.maximumStoredItems)
        maximumBytes = max(0, configuration.maximumStoredBytes)
        sessionResourceAttribute = configuration.sessionResourceAttribute
    }

    /// Reserves the next sequence number, in arrival order.
    func nextSequenceNumber() -> Int {
        state.withLock { state in
            defer { state.nextSequenceNumber += 1 }
            return state.nextSequenceNumber
        }
    }

    func record(_ request: ReceivedRequest) {
        let exportFailed = request.outcome.isAccepted ? export(request.payload) : false
        var request = request
        let payloadBytes = request.payload?.heapBytes ?? 0
        var bytes = Self.recordBytes(of: request) + payloadBytes
        var keys: TraceQueryIndex.Keys? = nil
        if request.outcome.isAccepted, case .traces(let traces)? = request.payload { keys = TraceQueryIndex.Keys(traces) }
        state.withLock { state in
            if exportFailed { state.fileExportFailures += 1 }
            if request.outcome.isAccepted, case .metrics(let metrics)? = request.payload {
                state.prometheus.accumulate(metrics)
            }
            // A request larger than the whole budget is kept as a record without its telemetry,
            // before anything older is evicted for it.
            if request.itemCount > maximumItems || bytes > maximumBytes {
                state.evictedItems += request.itemCount
                state.evictedBytes += payloadBytes
                request.payload = nil
                bytes -= payloadBytes
                keys = nil
            }
            if let keys { state.index.add(keys, at: state.recordedRequests) }
            state.recordedRequests += 1
            state.requests.append(request)
            state.requestBytes.append(bytes)
            state.requestKeys.append(keys)
            state.storedItems += request.itemCount
            state.storedBytes += bytes
            while state.requests.count > maximumRequests || state.storedItems > maximumItems || state.storedBytes > maximumBytes,
                let evicted = state.requests.popFirst(), let evictedBytes = state.requestBytes.popFirst()
            {
                if let evictedKeys = state.requestKeys.popFirst() ?? nil { state.index.remove(evictedKeys, at: state.firstRecordIndex - 1) }
                state.assembled = nil
                state.storedItems -= evicted.itemCount
                state.storedBytes -= evictedBytes
                state.evictedRequests += 1
                state.evictedItems += evicted.itemCount
                state.evictedBytes += evictedBytes
            }
        }
        changes.signal()
    }

    /// The estimated heap bytes the store holds for `request`'s record and headers, apart from
    /// its telemetry.
    static func recordBytes(of request: ReceivedRequest) -> Int {
        MemoryLayout<ReceivedRequest>.stride + HeapSize.of(request.path) + HeapSize.ofPlain(request.headers)
            + request.headers.reduce(0) { $0 + HeapSize.of($1.name) + HeapSize.of($1.value) }
    }

    /// Appends accepted telemetry to the file export, if configured; returns whether it failed.
    private func export(_ payload: OTLPPayload?) -> Bool {
        guard let fileExport, let payload else { return false }
        do {
            switch payload {
            case .traces(let traces): try fileExport.write(traces)
            case .metrics(let metrics): try fileExport.write(metrics)
            case .logs(let logs): try fileExport.write(logs)
            }
            return false
        } catch {
            return true
        }
    }

    func reset() {
        state.withLock { state in
            state.requests.removeAll()
            state.requestBytes.removeAll()
            state.requestKeys.removeAll()
            state.recordedRequests = 0
            state.index = TraceQueryIndex()
            state.storedBytes = 0
            state.evictedBytes = 0
            state.prometheus = PrometheusAccumulator(maximumSeriesCount: state.prometheus.maximumSeriesCount)
            state.storedItems = 0
            state.evictedRequests = 0
            state.evictedItems = 0
            state.assembled = TelemetryData()
            state.assembledRequests = 0
        }
        changes.signal()
    }

    var requests: [ReceivedRequest] { state.withLock { Array($0.requests) } }

    var evictions: (requests: Int, items: Int) {
        let usage = usage
        return (usage.evictedRequests, usage.evictedItems)
    }

    var usage: ReceiverStorageUsage {
        state.withLock { state in
            ReceiverStorageUsage(
                storedRequests: state.requests.count,
                storedItems: state.storedItems,
                storedBytes: state.storedBytes,
                evictedRequests: state.evictedRequests,
                evictedItems: state.evictedItems,
                evictedBytes: state.evictedBytes
            )
        }
    }

    var fileExportFailures: Int { state.withLock { $0.fileExportFailures } }

    /// The Prometheus exposition of every metric received.
    func prometheusExposition(format: PrometheusExpositionFormat, namespace: String) -> PrometheusExposition {
        state.withLock { $0.prometheus.exposition(format: format, namespace: namespace) }
    }

    /// The names of the services with spans kept, as Jaeger names them, unsorted.
    var serviceNames: [String] { state.withLock { $0.index.serviceNames } }

    /// The traces of the kept requests with spans of `service`, oldest first.
    func traces(ofService service: String) -> [TracesData] {
        state.withLock { state in state.traces(atRecordIndices: state.index.requests(ofService: service)) }
    }

    /// The traces of the kept requests with spans of any of `traceIDs`, oldest first: every
    /// span of those traces that is kept.
    func traces(ofTraces traceIDs: [TraceID]) -> [TracesData] {
        state.withLock { state in state.traces(atRecordIndices: state.index.requests(ofTraces: traceIDs)) }
    }

    /// The traces of every kept request with spans of a trace that has spans of `service`, oldest
    /// first: what a search for the service's traces needs, whole.
    func traces(relatedToService service: String) -> [TracesData] {
        state.withLock { state in
            var traceIDs: Set<TraceID> = []
            for recordIndex in state.index.requests(ofService: service) {
                traceIDs.formUnion(state.requestKeys[recordIndex - state.firstRecordIndex]?.traceIDs ?? [])
            }
            return state.traces(atRecordIndices: state.index.requests(ofTraces: traceIDs))
        }
    }

    /// The accepted telemetry, of one session or of all.
    func telemetry(session: String?) -> TelemetryData {
        guard let session else {
            // All of it: the requests since the last read are appended to what was assembled then.
            return state.withLock { state in
                var telemetry = state.assembled ?? TelemetryData()
                let start = state.assembled == nil ? 0 : state.assembledRequests
                state.assembled = nil  // uniquely referenced while it grows
                for request in state.requests.dropFirst(start) { append(request, to: &telemetry, session: nil) }
                state.assembled = telemetry
                state.assembledRequests = state.requests.count
                return telemetry
            }
        }
        var telemetry = TelemetryData()
        for request in state.withLock({ Array($0.requests) }) { append(request, to: &telemetry, session: session) }
        return telemetry
    }

    /// Appends `request`'s accepted telemetry (of `session`, or all of it) to `telemetry`.
    private func append(_ request: ReceivedRequest, to telemetry: inout TelemetryData, session: String?) {
        guard request.outcome.isAccepted, let payload = request.payload else { return }
        let wholeRequest = session == nil || request.headerSession == session
        switch payload {
        case .traces(let traces):
            telemetry.traces.resourceSpans += traces.resourceSpans.filter {
                wholeRequest || belongs($0.resource, to: session!)
            }
        case .metrics(let metrics):
            telemetry.metrics.resourceMetrics += metrics.resourceMetrics.filter {
                wholeRequest || belongs($0.resource, to: session!)
            }
        case .logs(let logs):
            telemetry.logs.resourceLogs += logs.resourceLogs.filter {
                wholeRequest || belongs($0.resource, to: session!)
            }
        }
    }

    /// The requests of a session: by header, or carrying telemetry of the session's resources.
    func requests(session: String) -> [ReceivedRequest] {
        requests.filter { request in
            if request.headerSession == session { return true }
            switch request.payload {
            case .traces(let traces): return traces.resourceSpans.contains { belongs($0.resource, to: session) }
            case .metrics(let metrics): return metrics.resourceMetrics.contains { belongs($0.resource, to: session) }
            case .logs(let logs): return logs.resourceLogs.contains { belongs($0.resource, to: session) }
            case nil: return false
            }
        }
    }

    private func belongs(_ resource: Resource, to session: String) -> Bool {
        resource.attributes[sessionResourceAttribute]?.stringValue == session
    }
}
