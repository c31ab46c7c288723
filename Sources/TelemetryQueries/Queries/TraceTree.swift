public import TelemetryModel

/// A span and its children, children ordered by start time (ties in recorded order).
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
            var rootNodes = sorted(roots).map(node)
            // Spans caught in a parent cycle (possible in received data) have no root above
            // them; show them as roots rather than hide them.
            for span in sorted(members) where !visited.contains(span.spanID) {
                rootNodes.append(node(span))
            }
            return TraceTree(traceID: traceID, roots: rootNodes)
        }
        return trees.sorted { ($0.roots.first?.span.startTimeUnixNano ?? 0) < ($1.roots.first?.span.startTimeUnixNano ?? 0) }
    }

    /// By start time; spans that start at the same instant keep the order they were recorded in.
    private static func sorted(_ spans: [Span]) -> [Span] {
        spans.enumerated()
            .sorted { ($0.element.startTimeUnixNano, $0.offset) < ($1.element.startTimeUnixNano, $1.offset) }
            .map(\.element)
    }
}

extension TracesData {
    /// The spans arranged as one tree per trace.
    public var traceTrees: [TraceTree] { TraceTree.trees(of: spans) }
}
