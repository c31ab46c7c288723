import TelemetryModel

/// The warnings Jaeger v1's `ClockSkew` adjuster adds with the query service's default
/// `--query.max-clock-skew-adjustment=0s`, which never moves a span but reports:
/// - `duplicate span IDs; skipping clock skew adjustment` on every span after the first with
///   an id;
/// - `parent span ID=<id> is not in the trace; skipping clock skew adjustment` on a span whose
///   parent is missing;
/// - `clock skew adjustment disabled; not applying calculated delta of <duration>` on a span
///   that does not fit inside its parent, when the two are not known to share a host (their
///   processes' `ip` tags differ or are absent).
enum JaegerClockSkew {
    /// The warnings of each span of a trace, by position in `spans`.
    static func warnings(_ spans: [JaegerSpan]) -> [[String]] {
        var warnings = Array(repeating: [String](), count: spans.count)
        var indexByID: [SpanID: Int] = [:]
        for (index, span) in spans.enumerated() {
            if indexByID[span.spanID] != nil {
                warnings[index].append("duplicate span IDs; skipping clock skew adjustment")
            } else {
                indexByID[span.spanID] = index
            }
        }
        var children: [Int: [Int]] = [:]
        var roots: [Int] = []
        for index in indexByID.values.sorted() {
            let span = spans[index]
            guard let parentID = span.parentSpanID, parentID != .zero else {
                roots.append(index)
                continue
            }
            if let parent = indexByID[parentID] {
                children[parent, default: []].append(index)
            } else {
                warnings[index].append("parent span ID=\(JaegerID.string(parentID)) is not in the trace; skipping clock skew adjustment")
                roots.append(index)
            }
        }
        // Walk each tree carrying the skew of the host being visited.
        var stack: [(node: Int, parent: Int?, host: String, delta: Int64)] = roots.reversed().map { ($0, nil, "", 0) }
        while let (node, parent, inheritedHost, inheritedDelta) = stack.popLast() {
            let host = hostKey(spans[node])
            var delta = inheritedDelta
            var skewHost = inheritedHost
            if let parent, host != inheritedHost || host.isEmpty {
                skewHost = host
                delta = skew(child: spans[node], parent: spans[parent])
            }
            if delta != 0 {
                warnings[node].append("clock skew adjustment disabled; not applying calculated delta of \(GoDuration.string(nanoseconds: delta))")
            }
            for child in (children[node] ?? []).reversed() {
                stack.append((child, node, skewHost, delta))
            }
        }
        return warnings
    }

    /// `calculateSkew`: how far the child would have to move to sit inside its parent.
    private static func skew(child: JaegerSpan, parent: JaegerSpan) -> Int64 {
        let parentStart = Int64(bitPattern: parent.startTimeUnixNano)
        let childStart = Int64(bitPattern: child.startTimeUnixNano)
        if child.durationNanoseconds > parent.durationNanoseconds {
            return childStart < parentStart ? parentStart &- childStart : 0
        }
        let parentEnd = parentStart &+ parent.durationNanoseconds
        let childEnd = childStart &+ child.durationNanoseconds
        if childStart >= parentStart && childEnd <= parentEnd { return 0 }
        let latency = (parent.durationNanoseconds - child.durationNanoseconds) / 2
        return parentStart &+ latency &- childStart
    }

    /// `hostKey`: the process's `ip` tag as a string.
    private static func hostKey(_ span: JaegerSpan) -> String {
        guard let tag = span.process.tags.first(where: { $0.key == "ip" }) else { return "" }
        switch tag.value {
        case .string(let value): return value
        case .int64(let value): return JaegerTranslator.dottedQuad(UInt32(truncatingIfNeeded: value))
        default: return ""
        }
    }
}
