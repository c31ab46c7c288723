import TelemetryModel

/// One trace as Jaeger's store holds it: the spans in Jaeger's model, in arrival order with
/// exact duplicates removed, and the OTLP resource spans they arrived in.
struct JaegerTrace {
    var traceID: TraceID
    var spans: [JaegerSpan] = []
    /// The trace's spans as received: one entry per received resource, holding that
    /// resource's scopes with only this trace's spans (empty unless the store keeps them).
    var resourceSpans: [ResourceSpans] = []
    /// The spans already held, for dropping exact duplicates (`DedupeBySpanHash`).
    var seen: Set<HashedSpan> = []

    init(traceID: TraceID) {
        self.traceID = traceID
    }

    /// The trace as `FromDomain` writes it, span by span: processes numbered `p1`, `p2`, … in
    /// order of first use (written in Go's map-key order), span warnings from the clock-skew
    /// adjuster. With `separated`, a comma comes first (a trace after another in an array).
    func body(separated: Bool) -> JSONArrayBody<Range<Int>> {
        let spans = self.spans
        var processIDs: [JaegerProcess: String] = [:]
        var processes: [(id: String, process: JaegerProcess)] = []
        let spanProcessIDs = spans.map { span in
            if let id = processIDs[span.process] { return id }
            let id = "p\(processes.count + 1)"
            processIDs[span.process] = id
            processes.append((id, span.process))
            return id
        }
        let warnings = JaegerClockSkew.warnings(spans)
        // The whole object without its spans, cut where they go.
        var spansStart = 0
        var writer = GoJSONWriter()
        writer.object { writer in
            writer.key("traceID")
            writer.string(spans.first.map { JaegerID.string($0.traceID) } ?? "")
            writer.key("spans")
            writer.array { writer in spansStart = writer.bytes.count }
            writer.key("processes")
            writer.object { writer in
                for entry in processes.sorted(by: { utf8Less($0.id, $1.id) }) {
                    writer.key(entry.id)
                    entry.process.write(to: &writer)
                }
            }
            writer.key("warnings")
            writer.null()
        }
        return JSONArrayBody(
            head: (separated ? [UInt8(ascii: ",")] : []) + writer.bytes[..<spansStart],
            elements: spans.indices,
            tail: Array(writer.bytes[spansStart...])
        ) { index in
            var writer = GoJSONWriter()
            spans[index].write(to: &writer, processID: spanProcessIDs[index], warnings: warnings[index])
            return writer.bytes
        }
    }
}

/// A span in a deduplication set, hashed once: the set rehashes its members each time it grows,
/// and a span's hash covers all its tags, logs and references (for a trace of a million spans,
/// the rehashing was a tenth of the time to answer).
struct HashedSpan: Hashable {
    let span: JaegerSpan
    private let hash: Int

    init(_ span: JaegerSpan) {
        self.span = span
        self.hash = span.hashValue
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    static func == (lhs: HashedSpan, rhs: HashedSpan) -> Bool {
        lhs.hash == rhs.hash && lhs.span == rhs.span
    }
}
