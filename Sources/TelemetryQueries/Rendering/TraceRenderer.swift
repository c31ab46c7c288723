public import TelemetryModel

/// Renders traces as deterministic, readable text: for failure messages and trace snapshots.
///
/// Trace and span ids are replaced by their position (`trace 1`, span `#2` in depth-first
/// order), times and durations are left out, attributes are sorted by key, and configured
/// attributes are dropped or replaced by a placeholder, so the text of the same behaviour is the
/// same on every run:
///
/// ```text
/// trace 1
///   #1 "POST /v1/pipeline" server
///     http.request.method: "POST"
///     #2 "transcribe" internal
///     #3 "generate" client status=error "upstream model overloaded"
///       event "exception" {exception.type: "RuntimeError"}
/// ```
public struct TraceRenderer: Sendable {
    /// Attribute keys left out wherever they occur (span, event and link attributes).
    public var ignoredAttributes: Set<String>
    /// Attribute keys whose value is replaced by the given text, for values that vary between
    /// runs (ports, sizes, generated ids) but must be present.
    public var placeholders: [String: String]

    /// Creates a renderer.
    public init(ignoring ignoredAttributes: Set<String> = [], placeholders: [String: String] = [:]) {
        self.ignoredAttributes = ignoredAttributes
        self.placeholders = placeholders
    }

    /// Renders every trace in `traces`.
    public func render(_ traces: TracesData) -> String {
        render(traces.traceTrees)
    }

    /// Renders `trees`, numbered in the given order.
    public func render(_ trees: [TraceTree]) -> String {
        var numbers: [TraceID: Int] = [:]
        var spanNumbers: [SpanID: (trace: Int, span: Int)] = [:]
        for (traceIndex, tree) in trees.enumerated() {
            numbers[tree.traceID] = traceIndex + 1
            for (spanIndex, span) in tree.depthFirst.enumerated() {
                spanNumbers[span.spanID] = (traceIndex + 1, spanIndex + 1)
            }
        }
        var output = ""
        for tree in trees {
            output += "trace \(numbers[tree.traceID]!)\n"
            for root in tree.roots {
                render(root, depth: 1, spanNumbers: spanNumbers, into: &output)
            }
        }
        return output
    }

    private func render(_ node: SpanNode, depth: Int, spanNumbers: [SpanID: (trace: Int, span: Int)], into output: inout String) {
        let span = node.span
        let indent = String(repeating: "  ", count: depth)
        var line = "\(indent)#\(spanNumbers[span.spanID]!.span) \(quoted(span.name)) \(span.kind)"
        if span.status.code != .unset {
            line += " status=\(span.status.code)"
            if !span.status.message.isEmpty { line += " " + quoted(span.status.message) }
        }
        if depth == 1, span.parentSpanID != nil { line += " (parent not captured)" }
        output += line + "\n"
        for attribute in rendered(span.attributes) {
            output += "\(indent)  \(attribute)\n"
        }
        for event in span.events {
            output += "\(indent)  event \(quoted(event.name)) \(inline(event.attributes))\n"
        }
        for link in span.links {
            let target = spanNumbers[link.spanID].map { "trace \($0.trace) #\($0.span)" } ?? "a span not captured"
            output += "\(indent)  link to \(target) \(inline(link.attributes))\n"
        }
        for child in node.children {
            render(child, depth: depth + 1, spanNumbers: spanNumbers, into: &output)
        }
    }

    /// `key: value` lines, sorted, with ignores and placeholders applied.
    func rendered(_ attributes: Attributes) -> [String] {
        attributes.sortedByKey.compactMap { pair in
            guard !ignoredAttributes.contains(pair.key) else { return nil }
            return "\(pair.key): \(placeholders[pair.key] ?? pair.value.description)"
        }
    }

    /// Quoted and escaped, so every span stays on one line.
    private func quoted(_ text: String) -> String { AttributeValue.string(text).description }

    private func inline(_ attributes: Attributes) -> String {
        "{" + rendered(attributes).joined(separator: ", ") + "}"
    }
}
