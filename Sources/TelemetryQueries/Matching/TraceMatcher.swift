public import TelemetryModel

/// The outcome of looking for an ``ExpectedSpan`` tree among captured traces.
public enum TraceMatch: Sendable {
    /// A span (with its subtree) matched; it is the match's top span.
    case matched(Span)
    /// Nothing matched; the report says what came nearest and how it differs.
    case notMatched(TraceMismatchReport)

    /// The matched span, if any.
    public var span: Span? {
        if case .matched(let span) = self { span } else { nil }
    }
}

/// Why an expected span tree was not found: the nearest candidate, field by field, and
/// everything that was captured.
public struct TraceMismatchReport: Sendable, CustomStringConvertible {
    /// The expectation.
    public var expected: ExpectedSpan
    /// The span that came nearest, if any span was captured at all.
    public var nearest: Span?
    /// How the nearest candidate differs: one line per difference, children by their path.
    public var differences: [String]
    /// The captured traces, rendered.
    public var capturedTraces: String

    public var description: String {
        var text = "no captured span tree matches\n\(expected.description.indented)\n"
        if let nearest {
            text += "nearest: \"\(nearest.name)\" (\(nearest.kind)), which differs in:\n"
            text += differences.map { "  - \($0)" }.joined(separator: "\n") + "\n"
        } else {
            text += "no spans were captured\n"
        }
        let traces = capturedTraces.hasSuffix("\n") ? String(capturedTraces.dropLast()) : capturedTraces
        text += "captured traces:\n" + (traces.isEmpty ? "  (none)" : traces.indented)
        return text
    }
}

extension String {
    var indented: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

extension TracesData {
    /// Looks for a span (at any depth of any trace) whose subtree has the shape `expected`.
    public func match(_ expected: ExpectedSpan, renderer: TraceRenderer = TraceRenderer()) -> TraceMatch {
        let trees = traceTrees
        let nodes = trees.flatMap { $0.roots.flatMap(\.allNodes) }
        let context = MatchContext(self)
        var nearest: (node: SpanNode, differences: [String])?
        for node in nodes {
            // A span with another name cannot match; its own fields are enough to rank it.
            let differences =
                node.span.name == expected.name
                ? TraceMatcher.differences(expected, node, context)
                : TraceMatcher.ownDifferences(expected, node.span, context)
            if differences.isEmpty { return .matched(node.span) }
            if nearest == nil || TraceMatcher.isNearer(differences, node, than: nearest!, expected) {
                nearest = (node, differences)
            }
        }
        return .notMatched(
            TraceMismatchReport(
                expected: expected,
                nearest: nearest?.node.span,
                differences: nearest?.differences ?? [],
                capturedTraces: renderer.render(trees)
            )
        )
    }
}

extension SpanNode {
    var allNodes: [SpanNode] { [self] + children.flatMap(\.allNodes) }
}

/// What the matcher knows of spans beyond their own fields: the service each belongs to.
struct MatchContext {
    private struct Identity: Hashable {
        var traceID: TraceID
        var spanID: SpanID
    }

    private var services: [Identity: String] = [:]

    init(_ traces: TracesData) {
        for resourceSpans in traces.resourceSpans {
            guard let service = resourceSpans.resource.serviceName else { continue }
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans { services[Identity(traceID: span.traceID, spanID: span.spanID)] = service }
            }
        }
    }

    /// The `service.name` of the resource `span` was reported with.
    func service(of span: Span) -> String? {
        services[Identity(traceID: span.traceID, spanID: span.spanID)]
    }
}

enum TraceMatcher {
    /// Differences between `expected` and the subtree at `node`; empty when they match.
    static func differences(_ expected: ExpectedSpan, _ node: SpanNode, _ context: MatchContext) -> [String] {
        var differences = ownDifferences(expected, node.span, context)
        differences += childDifferences(expected, node, context)
        return differences
    }

    static func ownDifferences(_ expected: ExpectedSpan, _ span: Span, _ context: MatchContext) -> [String] {
        var differences: [String] = []
        if span.name != expected.name { differences.append("name: expected \"\(expected.name)\", found \"\(span.name)\"") }
        if let service = expected.service, context.service(of: span) != service {
            differences.append("service: expected \(service), found \(context.service(of: span) ?? "none")")
        }
        if let kind = expected.kind, span.kind != kind { differences.append("kind: expected \(kind), found \(span.kind)") }
        if let status = expected.status, span.status.code != status {
            differences.append("status: expected \(status), found \(span.status.code)")
        }
        for pair in expected.attributes.pairs {
            switch span.attributes[pair.key] {
            case nil: differences.append("attribute \(pair.key): expected \(pair.value), missing")
            case let value? where value != pair.value:
                differences.append("attribute \(pair.key): expected \(pair.value), found \(value)")
            default: break
            }
        }
        if expected.attributeMatching == .exact {
            for pair in span.attributes.pairs where expected.attributes[pair.key] == nil {
                differences.append("attribute \(pair.key): not expected, found \(pair.value)")
            }
        }
        var events = span.events.map(\.name)[...]
        for name in expected.eventNames {
            if let index = events.firstIndex(of: name) {
                events = events[(index + 1)...]
            } else {
                differences.append("event \"\(name)\": expected, missing (events: \(span.events.map(\.name)))")
                break
            }
        }
        return differences
    }

    static func childDifferences(_ expected: ExpectedSpan, _ node: SpanNode, _ context: MatchContext) -> [String] {
        let actual = node.children
        let wanted = expected.children
        let allowsOthers = expected.allowsOtherChildren ?? wanted.isEmpty
        if !allowsOthers, actual.count != wanted.count {
            let names = actual.map { "\"\($0.span.name)\"" }.joined(separator: ", ")
            return [
                "children: expected \(wanted.count) (\(wanted.map { "\"\($0.name)\"" }.joined(separator: ", "))), found \(actual.count) (\(names))"
            ]
        }
        guard !wanted.isEmpty else { return [] }
        // Every pair is compared once; the searches below work on these results.
        let pairDifferences = wanted.map { child in actual.map { differences(child, $0, context) } }
        let fits = pairDifferences.map { $0.map(\.isEmpty) }

        switch expected.childOrder {
        case .ordered where allowsOthers:
            // Expected children must appear as a subsequence, in order; the leftmost fit is optimal.
            var start = 0
            for (index, child) in wanted.enumerated() {
                guard let found = (start..<actual.count).first(where: { fits[index][$0] }) else {
                    return ["child \(index + 1) \"\(child.name)\": no matching child after position \(start)"]
                        + nearest(pairDifferences[index], in: actual, from: start, label: "child \(index + 1)")
                }
                start = found + 1
            }
            return []
        case .ordered:
            return wanted.indices.flatMap { index in
                pairDifferences[index][index].map { "child \(index + 1) \"\(wanted[index].name)\" › \($0)" }
            }
        case .anyOrder:
            if maximumMatching(fits, actualCount: actual.count) == wanted.count { return [] }
            for (index, child) in wanted.enumerated() where !fits[index].contains(true) {
                return ["child \"\(child.name)\": no matching child in any order"]
                    + nearest(pairDifferences[index], in: actual, from: 0, label: "child \(index + 1)")
            }
            return ["children: each expected child matches some span, but not all at once"]
        }
    }

    /// The size of a maximum matching between expected children and actual children that fit
    /// them (augmenting paths; polynomial where trying every assignment is factorial).
    private static func maximumMatching(_ fits: [[Bool]], actualCount: Int) -> Int {
        var owner = [Int?](repeating: nil, count: actualCount)
        func augment(_ expected: Int, _ seen: inout [Bool]) -> Bool {
            for actual in 0..<actualCount where fits[expected][actual] && !seen[actual] {
                seen[actual] = true
                if owner[actual] == nil || augment(owner[actual]!, &seen) {
                    owner[actual] = expected
                    return true
                }
            }
            return false
        }
        var matched = 0
        for expected in fits.indices {
            var seen = [Bool](repeating: false, count: actualCount)
            if augment(expected, &seen) { matched += 1 }
        }
        return matched
    }

    /// The differences of the candidate (from `start` on) with the fewest differences.
    private static func nearest(_ differences: [[String]], in nodes: [SpanNode], from start: Int, label: String) -> [String] {
        guard let best = (start..<nodes.count).min(by: { differences[$0].count < differences[$1].count }) else { return [] }
        return differences[best].map { "\(label) nearest \"\(nodes[best].span.name)\" › \($0)" }
    }

    /// Prefers a candidate with the expected name, then fewer differences.
    static func isNearer(
        _ differences: [String],
        _ node: SpanNode,
        than current: (node: SpanNode, differences: [String]),
        _ expected: ExpectedSpan
    ) -> Bool {
        let sameName = node.span.name == expected.name
        let currentSameName = current.node.span.name == expected.name
        if sameName != currentSameName { return sameName }
        return differences.count < current.differences.count
    }
}
