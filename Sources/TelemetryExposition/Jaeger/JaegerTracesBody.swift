/// The body of a v1 answer that holds traces, `{"data":[trace,…],…}`, rendered trace by trace and
/// span by span: one trace may be a million spans.
struct JaegerTracesBody: ExpositionPieceSource {
    /// The envelope up to the array's first trace, and after its last.
    private let head: [UInt8]
    private let traces: [JaegerTrace]
    private let tail: [UInt8]
    /// -1 before the head, then the trace being written; `traces.count` once the tail is next.
    private var traceIndex = -1
    private var current: JSONArrayBody<Range<Int>>?

    init(head: [UInt8], traces: [JaegerTrace], tail: [UInt8]) {
        self.head = head
        self.traces = traces
        self.tail = tail
    }

    mutating func next() -> [UInt8]? {
        if traceIndex < 0 {
            traceIndex = 0
            return head
        }
        while traceIndex < traces.count {
            if current == nil { current = traces[traceIndex].body(separated: traceIndex > 0) }
            if let piece = current!.next() { return piece }
            current = nil
            traceIndex += 1
        }
        guard traceIndex == traces.count else { return nil }
        traceIndex += 1
        return tail
    }
}
