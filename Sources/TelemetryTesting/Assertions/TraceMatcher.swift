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
        var nearest: (node: SpanNode, differences: [String])?
        for node in nodes {
            let differences = TraceMatcher.differences(expected, node)
            if differences.isEmpty { return .matched(node.span) }
            if nearest == nil || TraceMatcher.isNearer(differences, node, than: nearest!, expected) {
                nearest = (node, differences)
            }
        }
        return .notMatched(TraceMismatchReport(
            expected: expected, nearest: nearest?.node.span, differences: nearest?.differences ?? [],
            capturedTraces: renderer.render(trees)))
    }
}

extension SpanNode {
    var allNodes: [SpanNode] { [self] + children.flatMap(\.allNodes) }
}

enum TraceMatcher {
    /// Differences between `expected` and the subtree at `node`; empty when they match.
    static func differences(_ expected: ExpectedSpan, _ node: SpanNode) -> [String] {
        var differences = ownDifferences(expected, node.span)
        differences += childDifferences(expected, node)
        return differences
    }

    static func ownDifferences(_ expected: ExpectedSpan, _ span: Span) -> [String] {
        var differences: [String] = []
        if span.name != expected.name { differences.append("name: expected \"\(expected.name)\", found \"\(span.name)\"") }
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

    static func childDifferences(_ expected: ExpectedSpan, _ node: SpanNode) -> [String] {
        let actual = node.children
        let wanted = expected.children
        if !expected.allowsOtherChildren, actual.count != wanted.count {
            let names = actual.map { "\"\($0.span.name)\"" }.joined(separator: ", ")
            return ["children: expected \(wanted.count) (\(wanted.map { "\"\($0.name)\"" }.joined(separator: ", "))), found \(actual.count) (\(names))"]
        }
        switch expected.childOrder {
        case .ordered:
            if expected.allowsOtherChildren {
                // Expected children must appear as a subsequence, in order.
                var start = 0
                for (index, child) in wanted.enumerated() {
                    guard let found = actual[start...].firstIndex(where: { differences(child, $0).isEmpty }) else {
                        return ["child \(index + 1) \"\(child.name)\": no matching child after position \(start)"]
                            + nearestChildDifferences(child, in: Array(actual[start...]), label: "child \(index + 1)")
                    }
                    start = found + 1
                }
                return []
            }
            return zip(wanted, actual).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1).map { "child \(index + 1) \"\(pair.0.name)\" › \($0)" }
            }
        case .anyOrder:
            if assign(wanted[...], to: actual, used: []) { return [] }
            // Report the first expected child that matches no actual child.
            for (index, child) in wanted.enumerated() where !actual.contains(where: { differences(child, $0).isEmpty }) {
                return ["child \"\(child.name)\": no matching child in any order"]
                    + nearestChildDifferences(child, in: actual, label: "child \(index + 1)")
            }
            return ["children: each expected child matches some span, but not all at once"]
        }
    }

    /// Backtracking assignment of expected children to distinct actual children.
    private static func assign(_ wanted: ArraySlice<ExpectedSpan>, to actual: [SpanNode], used: Set<Int>) -> Bool {
        guard let first = wanted.first else { return true }
        for (index, node) in actual.enumerated() where !used.contains(index) && differences(first, node).isEmpty {
            if assign(wanted.dropFirst(), to: actual, used: used.union([index])) { return true }
        }
        return false
    }

    private static func nearestChildDifferences(_ expected: ExpectedSpan, in nodes: [SpanNode], label: String) -> [String] {
        guard let nearest = nodes.min(by: { differences(expected, $0).count < differences(expected, $1).count }) else {
            return []
        }
        return differences(expected, nearest).map { "\(label) nearest \"\(nearest.span.name)\" › \($0)" }
    }

    /// Prefers a candidate with the expected name, then fewer differences.
    static func isNearer(
        _ differences: [String], _ node: SpanNode, than current: (node: SpanNode, differences: [String]), _ expected: ExpectedSpan
    ) -> Bool {
        let sameName = node.span.name == expected.name
        let currentSameName = current.node.span.name == expected.name
        if sameName != currentSameName { return sameName }
        return differences.count < current.differences.count
    }
}
