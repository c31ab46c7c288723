import DequeModule
import TelemetryExposition
import TelemetryModel

/// Where the spans of each service and of each trace are among the kept requests, updated as
/// requests are kept and evicted, so that the query API reads the requests a query needs
/// instead of every span received.
///
/// Requests are named by their record index: the how-manieth request the store kept since its
/// last reset, which grows with arrival and is evicted in order.
struct TraceQueryIndex {
    /// What one request of traces adds to the index.
    struct Keys: Sendable {
        /// The Jaeger service names of its resources with spans, distinct.
        var services: [String]
        /// The trace ids of its spans, distinct.
        var traceIDs: [TraceID]

        /// The keys of `traces`; computed before the store's lock is taken.
        init(_ traces: TracesData) {
            var services: Set<String> = []
            var traceIDs: Set<TraceID> = []
            for resourceSpans in traces.resourceSpans {
                var any = false
                for scopeSpans in resourceSpans.scopeSpans {
                    for span in scopeSpans.spans {
                        traceIDs.insert(span.traceID)
                        any = true
                    }
                }
                if any { services.insert(JaegerQueryAPI.serviceName(of: resourceSpans.resource)) }
            }
            self.services = Array(services)
            self.traceIDs = Array(traceIDs)
        }
    }

    private var requestsByService: [String: Deque<Int>] = [:]
    private var requestsByTrace: [TraceID: [Int]] = [:]

    /// The names of the services with spans in a kept request.
    var serviceNames: [String] { Array(requestsByService.keys) }

    /// Adds the request kept at `recordIndex`, which is larger than every index added before.
    mutating func add(_ keys: Keys, at recordIndex: Int) {
        for service in keys.services { requestsByService[service, default: []].append(recordIndex) }
        for traceID in keys.traceIDs { requestsByTrace[traceID, default: []].append(recordIndex) }
    }

    /// Removes the request at `recordIndex`, the oldest one added: the first of each of its
    /// lists, so removing is O(1) per key for services.
    mutating func remove(_ keys: Keys, at recordIndex: Int) {
        for service in keys.services where requestsByService[service]?.first == recordIndex {
            requestsByService[service]!.removeFirst()
            if requestsByService[service]!.isEmpty { requestsByService[service] = nil }
        }
        for traceID in keys.traceIDs where requestsByTrace[traceID]?.first == recordIndex {
            requestsByTrace[traceID]!.removeFirst()
            if requestsByTrace[traceID]!.isEmpty { requestsByTrace[traceID] = nil }
        }
    }

    /// The record indices of the requests with spans of `service`, ascending.
    func requests(ofService service: String) -> [Int] {
        requestsByService[service].map(Array.init) ?? []
    }

    /// The record indices of the requests with spans of any of `traceIDs`, ascending.
    func requests(ofTraces traceIDs: some Sequence<TraceID>) -> [Int] {
        var indices: Set<Int> = []
        for traceID in traceIDs { indices.formUnion(requestsByTrace[traceID] ?? []) }
        return indices.sorted()
    }
}
