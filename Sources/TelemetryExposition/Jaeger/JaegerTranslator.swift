import TelemetryModel

/// Translates OTLP spans into Jaeger's model as Jaeger does on ingestion, then applies the
/// query service's per-span adjusters.
///
/// Followed:
/// - opentelemetry-collector-contrib `pkg/translator/jaeger/traces_to_jaegerproto.go` (2025–26;
///   the translator Jaeger uses for OTLP): tags in the order scope (`otel.scope.name`,
///   `otel.scope.version`), attributes, `span.kind`, `otel.status_code` (`OK`/`ERROR`),
///   `error=true`, `otel.status_description`, `w3c.tracestate`; the parent as the first
///   `CHILD_OF` reference, links as `FOLLOWS_FROM` unless their `opentracing.ref_type` is
///   `child_of`; events as logs with an `event` field; the process from the resource
///   (`service.name`, or `OTLPResourceNoServiceName` for a resource without attributes).
///   The sampled bit becomes `flags: 1`, as the translator does since its sampled-flag change.
/// - Jaeger v1 query service `StandardAdjusters` (v1.6x): `SortTagsAndLogFields` (tags and
///   process tags by key; log fields by key with `event` first), `IPTagAdjuster` (integer `ip`
///   and `peer.ipv4` tags as dotted quads), `OTelTagAdjuster` (`telemetry.sdk.*` and
///   `telemetry.distro.*` span tags move to the process), `SpanReferences` (references with a
///   zero trace id removed) and `ParentReference` (the parent reference first). Clock-skew
///   warnings are added per trace by ``JaegerClockSkew``.
enum JaegerTranslator {
    static let noServiceName = "OTLPResourceNoServiceName"

    /// `resourceToJaegerProtoProcess`, with the process tags sorted.
    static func process(_ resource: Resource) -> JaegerProcess {
        let attributes = resource.attributes
        guard !attributes.isEmpty else { return JaegerProcess(serviceName: noServiceName, tags: []) }
        let serviceName = attributes["service.name"]?.stringValue ?? ""
        let tags = attributes.filter { $0.key != "service.name" }.map { JaegerKeyValue(key: $0.key, attribute: $0.value) }
        return JaegerProcess(serviceName: serviceName, tags: adjustedIPTags(tags.sortedByKey()))
    }

    static func span(_ span: Span, scope: InstrumentationScope, process: JaegerProcess) -> JaegerSpan {
        var tags = spanTags(span, scope: scope).sortedByKey()
        tags = adjustedIPTags(tags)
        var process = process
        let library = tags.filter { libraryKeys.contains($0.key) }
        if !library.isEmpty {
            tags.removeAll { libraryKeys.contains($0.key) }
            process.tags = (process.tags + library).sortedByKey()
        }
        return JaegerSpan(
            traceID: span.traceID,
            spanID: span.spanID,
            flags: span.flags.contains(.sampled) ? 1 : 0,
            operationName: span.name,
            references: references(span),
            startTimeUnixNano: span.startTimeUnixNano,
            durationNanoseconds: Int64(clamping: span.durationNanoseconds),
            tags: tags,
            logs: span.events.map(log),
            process: process
        )
    }

    // MARK: - Tags

    private static func spanTags(_ span: Span, scope: InstrumentationScope) -> [JaegerKeyValue] {
        var tags: [JaegerKeyValue] = []
        if !scope.name.isEmpty { tags.append(JaegerKeyValue(key: "otel.scope.name", value: .string(scope.name))) }
        if !scope.version.isEmpty { tags.append(JaegerKeyValue(key: "otel.scope.version", value: .string(scope.version))) }
        tags += span.attributes.map { JaegerKeyValue(key: $0.key, attribute: $0.value) }
        if let kind = kindName(span.kind) { tags.append(JaegerKeyValue(key: "span.kind", value: .string(kind))) }
        switch span.status.code {
        case .error:
            tags.append(JaegerKeyValue(key: "otel.status_code", value: .string("ERROR")))
            tags.append(JaegerKeyValue(key: "error", value: .bool(true)))
        case .ok:
            tags.append(JaegerKeyValue(key: "otel.status_code", value: .string("OK")))
        case .unset:
            break
        }
        if !span.status.message.isEmpty {
            tags.append(JaegerKeyValue(key: "otel.status_description", value: .string(span.status.message)))
        }
        if !span.traceState.isEmpty {
            tags.append(JaegerKeyValue(key: "w3c.tracestate", value: .string(span.traceState)))
        }
        return tags
    }

    private static func kindName(_ kind: SpanKind) -> String? {
        switch kind {
        case .client: "client"
        case .server: "server"
        case .producer: "producer"
        case .consumer: "consumer"
        case .internal: "internal"
        case .unspecified: nil
        }
    }

    /// `OTelTagAdjuster`'s keys.
    private static let libraryKeys: Set<String> = [
        "telemetry.sdk.language", "telemetry.sdk.name", "telemetry.sdk.version",
        "telemetry.distro.name", "telemetry.distro.version",
    ]

    /// `IPTagAdjuster`: `ip` and `peer.ipv4` tags holding an integer (or a string of one)
    /// become dotted-quad strings.
    static func adjustedIPTags(_ tags: [JaegerKeyValue]) -> [JaegerKeyValue] {
        tags.map { tag in
            guard tag.key == "ip" || tag.key == "peer.ipv4" else { return tag }
            let number: Int64
            switch tag.value {
            case .int64(let value): number = value
            case .string(let value):
                guard let parsed = Int64(value) else { return tag }
                number = parsed
            default: return tag
            }
            return JaegerKeyValue(key: tag.key, value: .string(dottedQuad(UInt32(truncatingIfNeeded: number))))
        }
    }

    static func dottedQuad(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    // MARK: - References and logs

    private static func references(_ span: Span) -> [JaegerReference] {
        var references: [JaegerReference] = []
        if let parent = span.parentSpanID, parent != .zero {
            references.append(JaegerReference(kind: .childOf, traceID: span.traceID, spanID: parent))
        }
        for link in span.links {
            let kind: JaegerReference.Kind = link.attributes["opentracing.ref_type"]?.stringValue == "child_of" ? .childOf : .followsFrom
            if let parent = span.parentSpanID, parent != .zero, link.traceID == span.traceID, link.spanID == parent {
                references[0].kind = kind
                continue
            }
            references.append(JaegerReference(kind: kind, traceID: link.traceID, spanID: link.spanID))
        }
        // SpanReferences: drop references without a trace id.
        references.removeAll { $0.traceID.isZero }
        // ParentReference: the first same-trace CHILD_OF (else any same-trace) reference first.
        let sameTrace = references.indices.filter { references[$0].traceID == span.traceID }
        if let first = sameTrace.first(where: { references[$0].kind == .childOf }) ?? sameTrace.first, first != 0 {
            references.swapAt(0, first)
        }
        return references
    }

    private static func log(_ event: SpanEvent) -> JaegerLog {
        var fields: [JaegerKeyValue] = []
        if !event.name.isEmpty && event.attributes["event"] == nil {
            fields.append(JaegerKeyValue(key: "event", value: .string(event.name)))
        }
        fields += event.attributes.map { JaegerKeyValue(key: $0.key, attribute: $0.value) }
        // SortTagsAndLogFields: the first string `event` field first, the rest by key.
        var offset = 0
        if let index = fields.firstIndex(where: { field in
            if case .string = field.value { return field.key == "event" } else { return false }
        }) {
            fields.swapAt(0, index)
            offset = 1
        }
        fields = Array(fields[..<offset]) + Array(fields[offset...]).sortedByKey()
        return JaegerLog(timestamp: event.timeUnixNano / 1_000, fields: fields)
    }
}
