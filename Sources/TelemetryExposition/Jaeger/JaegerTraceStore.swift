import TelemetryModel

/// Received traces grouped as Jaeger's in-memory store groups them: by trace id, in order of
/// each trace's first arrival.
struct JaegerTraceStore {
    private(set) var traces: [JaegerTrace] = []
    private var indexByID: [TraceID: Int] = [:]
    /// Whether each trace keeps its spans as received (OTLP), which only the v3 API answers with.
    private let keepsReceivedSpans: Bool

    /// Groups `batches`; with `keepingReceivedSpans`, each trace also keeps its spans as received
    /// (the v3 API's answers), which otherwise are let go once translated: for a trace of a
    /// million spans, hundreds of megabytes held while its answer is written.
    init(_ batches: [TracesData], keepingReceivedSpans: Bool) {
        keepsReceivedSpans = keepingReceivedSpans
        for batch in batches {
            for resourceSpans in batch.resourceSpans {
                add(resourceSpans)
            }
        }
        // Deduplication is over: its sets would only be held while the answers are written.
        for index in traces.indices { traces[index].seen = [] }
    }

    private mutating func add(_ resourceSpans: ResourceSpans) {
        let process = JaegerTranslator.process(resourceSpans.resource)
        // This resource's spans per trace, keeping its scope grouping.
        var perTrace: [TraceID: ResourceSpans] = [:]
        var order: [TraceID] = []
        for scopeSpans in resourceSpans.scopeSpans {
            for span in scopeSpans.spans {
                let index = traceIndex(span.traceID)
                let converted = JaegerTranslator.span(span, scope: scopeSpans.scope, process: process)
                if traces[index].seen.insert(HashedSpan(converted)).inserted {
                    traces[index].spans.append(converted)
                }
                guard keepsReceivedSpans else { continue }
                if perTrace[span.traceID] == nil {
                    order.append(span.traceID)
                    perTrace[span.traceID] = ResourceSpans(resource: resourceSpans.resource, scopeSpans: [], schemaURL: resourceSpans.schemaURL)
                }
                if perTrace[span.traceID]!.scopeSpans.last.map({ $0.scope != scopeSpans.scope || $0.schemaURL != scopeSpans.schemaURL }) ?? true {
                    perTrace[span.traceID]!.scopeSpans.append(ScopeSpans(scope: scopeSpans.scope, spans: [], schemaURL: scopeSpans.schemaURL))
                }
                perTrace[span.traceID]!.scopeSpans[perTrace[span.traceID]!.scopeSpans.count - 1].spans.append(span)
            }
        }
        for traceID in order {
            traces[indexByID[traceID]!].resourceSpans.append(perTrace[traceID]!)
        }
    }

    private mutating func traceIndex(_ traceID: TraceID) -> Int {
        if let index = indexByID[traceID] { return index }
        traces.append(JaegerTrace(traceID: traceID))
        indexByID[traceID] = traces.count - 1
        return traces.count - 1
    }

    /// The trace with `id`, if any span of it arrived.
    func trace(_ id: TraceID) -> JaegerTrace? {
        indexByID[id].map { traces[$0] }
    }

    /// Every service name of every span's process, sorted.
    var serviceNames: [String] {
        Set(traces.flatMap { $0.spans.map(\.process.serviceName) }).sorted(by: utf8Less)
    }

    /// The distinct operations of a service with their span kinds, sorted by name then kind.
    func operations(service: String, spanKind: String = "") -> [(name: String, spanKind: String)] {
        var seen: Set<[String]> = []
        for trace in traces {
            for span in trace.spans where span.process.serviceName == service {
                if !spanKind.isEmpty && span.spanKind != spanKind { continue }
                seen.insert([span.operationName, span.spanKind])
            }
        }
        return seen.map { (name: $0[0], spanKind: $0[1]) }.sorted { lhs, rhs in
            lhs.name == rhs.name ? utf8Less(lhs.spanKind, rhs.spanKind) : utf8Less(lhs.name, rhs.name)
        }
    }

    /// The traces with a span matching `query`, oldest first; with a limit, the last `limit`
    /// of them (the in-memory store's `FindTraces`).
    func find(_ query: JaegerTraceQuery) -> [JaegerTrace] {
        let matching = traces.filter { $0.spans.contains(where: query.matches) }
        guard query.limit > 0, matching.count > query.limit else { return matching }
        return Array(matching.suffix(query.limit))
    }
}
