import DequeModule
import OTLPWire
import Synchronization
import TelemetryExposition
import TelemetryModel
import TelemetryQueries

/// The receiver's memory: every request, bounded by count, by telemetry items and by the heap
/// bytes they hold, oldest evicted first and counted.
///
/// A received request's telemetry is kept as the body it arrived as (``RecordedPayload``), which
/// is smaller than the decoded model and counted exactly; reads decode it again, outside the lock.
final class ReceivedTelemetryStore: Sendable {
    /// A kept request, with what the store counts and indexes of it.
    struct Kept {
        var request: ReceivedRequest
        /// The bytes it holds: its body, record and headers.
        var bytes: Int
        /// Its index keys, when it is a request of accepted traces.
        var keys: TraceQueryIndex.Keys?
    }

    struct State {
        /// The kept requests, oldest first.
        var kept = Deque<Kept>()
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
        /// it after each new request (a wait) appends that request instead of decoding all of
        /// them again; `nil` after an eviction, until the next read assembles it anew, and while
        /// more than ``ReceivedTelemetryStore/maximumAssembledItems`` items are stored.
        var assembled: TelemetryData? = TelemetryData()
        var assembledRequests = 0
        /// How many times requests were evicted or the store reset: an assembly started before
        /// a change of it no longer describes the first requests.
        var evictionGeneration = 0

        /// The record index of the oldest kept request.
        var firstRecordIndex: Int { recordedRequests - kept.count }

        /// The kept requests at `recordIndices` (ascending).
        func requests(atRecordIndices recordIndices: [Int]) -> [ReceivedRequest] {
            recordIndices.map { kept[$0 - firstRecordIndex].request }
        }
    }

    /// The most items whose decoded telemetry the store keeps assembled for reads; past it, each
    /// read decodes the kept requests again rather than hold a decoded copy of all of them.
    static let maximumAssembledItems = 100_000

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

    /// Keeps `request`, evicting the oldest requests past the caps; the byte cap leaves room for
    /// `inFlightBytes`, what requests not yet recorded hold. Its telemetry is kept as `encoded`,
    /// the body it decoded from, when given.
    func record(_ request: ReceivedRequest, encodedAs encoded: EncodedPayload? = nil, inFlightBytes: Int = 0) {
        var request = request
        let payload = request.payload
        let exportFailed = request.outcome.isAccepted ? export(payload) : false
        var keys: TraceQueryIndex.Keys? = nil
        if request.outcome.isAccepted, case .traces(let traces)? = payload { keys = TraceQueryIndex.Keys(traces) }
        if let encoded, payload != nil { request.recordedPayload = .encoded(encoded) }
        let payloadBytes = request.recordedPayload?.heapBytes ?? 0
        var bytes = Self.recordBytes(of: request) + payloadBytes
        state.withLock { state in
            if exportFailed { state.fileExportFailures += 1 }
            if request.outcome.isAccepted, case .metrics(let metrics)? = payload {
                state.prometheus.accumulate(metrics)
            }
            // A request larger than the whole budget is kept as a record without its telemetry,
            // before anything older is evicted for it.
            if request.itemCount > maximumItems || bytes > maximumBytes {
                state.evictedItems += request.itemCount
                state.evictedBytes += payloadBytes
                request.recordedPayload = nil
                bytes -= payloadBytes
                keys = nil
            }
            if let keys { state.index.add(keys, at: state.recordedRequests) }
            state.recordedRequests += 1
            state.kept.append(Kept(request: request, bytes: bytes, keys: keys))
            state.storedItems += request.itemCount
            state.storedBytes += bytes
            // The newest stays: it fits every cap alone (above), whatever is in flight.
            while state.kept.count > 1,
                state.kept.count > maximumRequests || state.storedItems > maximumItems || state.storedBytes > maximumBytes - inFlightBytes
            {
                _ = evictOldest(&state)
            }
        }
        changes.signal()
    }

    /// Evicts the oldest requests until the kept ones and `inFlightBytes` fit the byte cap
    /// together: requests in flight are about to be kept, and hold their bytes meanwhile.
    func makeRoom(forInFlight inFlightBytes: Int) {
        let evicted = state.withLock { state in
            var evicted = false
            while state.storedBytes > maximumBytes - inFlightBytes, evictOldest(&state) { evicted = true }
            return evicted
        }
        if evicted { changes.signal() }
    }

    /// Evicts the oldest kept request, counting it; `false` when none is kept.
    private func evictOldest(_ state: inout State) -> Bool {
        guard let evicted = state.kept.popFirst() else { return false }
        if let keys = evicted.keys { state.index.remove(keys, at: state.firstRecordIndex - 1) }
        state.assembled = nil
        state.evictionGeneration += 1
        state.storedItems -= evicted.request.itemCount
        state.storedBytes -= evicted.bytes
        state.evictedRequests += 1
        state.evictedItems += evicted.request.itemCount
        state.evictedBytes += evicted.bytes
        return true
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
            state.kept.removeAll()
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
            state.evictionGeneration += 1
        }
        changes.signal()
    }

    var requests: [ReceivedRequest] { state.withLock { $0.kept.map(\.request) } }

    var evictions: (requests: Int, items: Int) {
        let usage = usage
        return (usage.evictedRequests, usage.evictedItems)
    }

    var usage: ReceiverStorageUsage {
        state.withLock { state in
            ReceiverStorageUsage(
                storedRequests: state.kept.count,
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
        Self.traces(of: state.withLock { state in state.requests(atRecordIndices: state.index.requests(ofService: service)) })
    }

    /// The traces of the kept requests with spans of any of `traceIDs`, oldest first: every
    /// span of those traces that is kept.
    func traces(ofTraces traceIDs: [TraceID]) -> [TracesData] {
        Self.traces(of: state.withLock { state in state.requests(atRecordIndices: state.index.requests(ofTraces: traceIDs)) })
    }

    /// The traces of every kept request with spans of a trace that has spans of `service`, oldest
    /// first: what a search for the service's traces needs, whole.
    func traces(relatedToService service: String) -> [TracesData] {
        let related = state.withLock { state in
            var traceIDs: Set<TraceID> = []
            for recordIndex in state.index.requests(ofService: service) {
                traceIDs.formUnion(state.kept[recordIndex - state.firstRecordIndex].keys?.traceIDs ?? [])
            }
            return state.requests(atRecordIndices: state.index.requests(ofTraces: traceIDs))
        }
        return Self.traces(of: related)
    }

    /// The accepted traces of `requests`, decoded outside the lock.
    private static func traces(of requests: [ReceivedRequest]) -> [TracesData] {
        requests.compactMap { request in
            guard request.outcome.isAccepted, case .traces(let traces)? = request.payload else { return nil }
            return traces
        }
    }

    /// The accepted telemetry, of one session or of all.
    func telemetry(session: String?) -> TelemetryData {
        guard let session else { return assembledTelemetry() }
        var telemetry = TelemetryData()
        for request in requests { append(request, to: &telemetry, session: session) }
        return telemetry
    }

    /// All accepted telemetry: the requests since the last read appended to what was assembled
    /// then, decoded outside the lock.
    private func assembledTelemetry() -> TelemetryData {
        let (assembled, assembledRequests, pending, generation) = state.withLock { state in
            let start = state.assembled == nil ? 0 : state.assembledRequests
            // Taken out, so that it is uniquely referenced while it grows.
            defer { state.assembled = nil }
            return (state.assembled ?? TelemetryData(), start, state.kept.dropFirst(start).map(\.request), state.evictionGeneration)
        }
        var telemetry = assembled
        for request in pending { append(request, to: &telemetry, session: nil) }
        state.withLock { state in
            // Put back unless the store changed under it, another read put back its own, or it
            // is too large to keep.
            guard state.assembled == nil, state.evictionGeneration == generation, state.storedItems <= Self.maximumAssembledItems
            else { return }
            state.assembled = telemetry
            state.assembledRequests = assembledRequests + pending.count
        }
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
