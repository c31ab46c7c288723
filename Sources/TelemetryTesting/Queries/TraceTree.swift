public import TelemetryModel

/// A span and its children, children ordered by start time (ties by name, then id).
public struct SpanNode: Sendable, Hashable {
    /// The span.
    public var span: Span
    /// Its children.
    public var children: [SpanNode]

    /// This node and every descendant, depth first.
    public var depthFirst: [Span] {
        [span] + children.flatMap(\.depthFirst)
    }
}

/// The spans of one trace arranged as trees.
///
/// A trace usually has one root. Spans whose parent was not captured (it lives in another
/// process, or has not ended yet) become roots too, so nothing is hidden.
public struct TraceTree: Sendable, Hashable {
    /// The trace.
    public var traceID: TraceID
    /// The roots, ordered by start time.
    public var roots: [SpanNode]

    /// Every span of the trace, depth first, siblings by start time.
    public var depthFirst: [Span] { roots.flatMap(\.depthFirst) }

    /// Arranges `spans` (of any traces) into one tree per trace, ordered by the start of each
    /// trace's first root.
    public static func trees(of spans: [Span]) -> [TraceTree] {
        var byTrace: [TraceID: [Span]] = [:]
        var order: [TraceID] = []
        for span in spans {
            if byTrace[span.traceID] == nil { order.append(span.traceID) }
            byTrace[span.traceID, default: []].append(span)
        }
        let trees = order.map { traceID -> TraceTree in
            let members = byTrace[traceID]!
            let ids = Set(members.map(\.spanID))
            var childrenOf: [SpanID: [Span]] = [:]
            var roots: [Span] = []
            for span in members {
                if let parent = span.parentSpanID, parent != span.spanID, ids.contains(parent) {
                    childrenOf[parent, default: []].append(span)
                } else {
                    roots.append(span)
                }
            }
            var visited = Set<SpanID>()
            func node(_ span: Span) -> SpanNode {
                visited.insert(span.spanID)
                let children = (childrenOf[span.spanID] ?? []).filter { !visited.contains($0.spanID) }
                return SpanNode(span: span, children: sorted(children).map(node))
            }
            return TraceTree(traceID: traceID, roots: sorted(roots).map(node))
        }
        return trees.sorted { ($0.roots.first?.span.startTimeUnixNano ?? 0) < ($1.roots.first?.span.startTimeUnixNano ?? 0) }
    }

    private static func sorted(_ spans: [Span]) -> [Span] {
        spans.sorted { ($0.startTimeUnixNano, $0.name, $0.spanID) < ($1.startTimeUnixNano, $1.name, $1.spanID) }
    }
}

extension TracesData {
    /// The spans arranged as one tree per trace.
    public var traceTrees: [TraceTree] { TraceTree.trees(of: spans) }
}
