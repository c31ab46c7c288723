import Foundation
import TelemetryModel

/// Decodes an OTLP/JSON `ExportTraceServiceRequest` straight into the model in one pass over its
/// bytes, without building a ``JSONValue`` tree first, sharing repeated strings (``StringTable``).
///
/// It decodes what exporters send: the OTLP/JSON mapping with hex ids, integer enums and
/// lowerCamelCase keys. Anything else (what lenient mode would record as a deviation, a value of
/// the wrong type, an integer with a fraction or exponent, an escaped digit, an unknown key with
/// an underscore, the profiles signal's string-table fields, nesting past the limits, input that
/// is not JSON) makes it give up, returning `nil`:
/// ``JSONParser`` and ``JSONReader`` then decode the request, or throw the error that names what
/// is wrong, so both paths give the same results and the same errors. Unknown keys are skipped,
/// and members whose value is `null` ignored, as the tree reader does.
struct DirectJSONTracesDecoder {
    private var strings = StringTable()

    /// The traces of `bytes`, or `nil` when the tree reader must decide.
    static func decode(_ bytes: Data, maximumDepth: Int) -> TracesData? {
        bytes.withUnsafeBytes { buffer in
            var decoder = DirectJSONTracesDecoder()
            var scanner = JSONScanner(buffer, maximumDepth: maximumDepth)
            guard let traces = decoder.request(&scanner), scanner.isAtEnd() else { return nil }
            return traces
        }
    }

    private mutating func request(_ scanner: inout JSONScanner) -> TracesData? {
        var traces = TracesData()
        let complete = scanner.object { key, scanner in
            guard key.equals("resourceSpans") else { return Self.skipUnknown(key, &scanner) }
            return elements(&scanner, { $0.resourceSpans(&$1) }).map { traces.resourceSpans = $0 } != nil
        }
        return complete ? traces : nil
    }

    private mutating func resourceSpans(_ scanner: inout JSONScanner) -> ResourceSpans? {
        var group = ResourceSpans()
        let complete = scanner.object { key, scanner in
            if key.equals("scopeSpans") { return elements(&scanner, { $0.scopeSpans(&$1) }).map { group.scopeSpans = $0 } != nil }
            if key.equals("resource") { return resource(&scanner).map { group.resource = $0 } != nil }
            if key.equals("schemaUrl") { return scanner.string(&strings).map { group.schemaURL = $0 } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? group : nil
    }

    private mutating func scopeSpans(_ scanner: inout JSONScanner) -> ScopeSpans? {
        var group = ScopeSpans()
        let complete = scanner.object { key, scanner in
            if key.equals("spans") { return elements(&scanner, { $0.span(&$1) }).map { group.spans = $0 } != nil }
            if key.equals("scope") { return scope(&scanner).map { group.scope = $0 } != nil }
            if key.equals("schemaUrl") { return scanner.string(&strings).map { group.schemaURL = $0 } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? group : nil
    }

    private mutating func span(_ scanner: inout JSONScanner) -> Span? {
        var span = Span(traceID: TraceID(high: 0, low: 0), spanID: SpanID(0), name: "", kind: .unspecified)
        var traceID: TraceID?
        var spanID: SpanID?
        let complete = scanner.object { key, scanner in
            switch key.count {
            case 4:
                if key.equals("name") { return scanner.string(&strings).map { span.name = $0 } != nil }
                if key.equals("kind") { return Self.enumeration(&scanner, as: SpanKind.self).map { span.kind = $0 } != nil }
            case 5:
                if key.equals("flags") { return scanner.unsigned(UInt32.self).map { span.flags = SpanFlags(rawValue: $0) } != nil }
                if key.equals("links") { return elements(&scanner, { $0.link(&$1) }).map { span.links = $0 } != nil }
            case 6:
                if key.equals("spanId") { return scanner.spanID().map { spanID = $0 } != nil }
                if key.equals("events") { return elements(&scanner, { $0.event(&$1) }).map { span.events = $0 } != nil }
                if key.equals("status") { return status(&scanner).map { span.status = $0 } != nil }
            case 7:
                if key.equals("traceId") { return scanner.traceID().map { traceID = $0 } != nil }
            case 10:
                if key.equals("traceState") { return scanner.string(&strings).map { span.traceState = $0 } != nil }
                if key.equals("attributes") { return attributes(&scanner, depth: 0).map { span.attributes = $0 } != nil }
            case 12:
                if key.equals("parentSpanId") { return parentSpanID(&scanner).map { span.parentSpanID = $0 } != nil }
            case 15:
                if key.equals("endTimeUnixNano") { return scanner.unsigned(UInt64.self).map { span.endTimeUnixNano = $0 } != nil }
            case 17:
                if key.equals("startTimeUnixNano") { return scanner.unsigned(UInt64.self).map { span.startTimeUnixNano = $0 } != nil }
                if key.equals("droppedLinksCount") { return scanner.unsigned(UInt32.self).map { span.droppedLinksCount = $0 } != nil }
            case 18:
                if key.equals("droppedEventsCount") { return scanner.unsigned(UInt32.self).map { span.droppedEventsCount = $0 } != nil }
            case 22:
                if key.equals("droppedAttributesCount") {
                    return scanner.unsigned(UInt32.self).map { span.droppedAttributesCount = $0 } != nil
                }
            default: break
            }
            return Self.skipUnknown(key, &scanner)
        }
        // A span without its ids is an error the tree reader names.
        guard complete, let traceID, let spanID else { return nil }
        span.traceID = traceID
        span.spanID = spanID
        return span
    }

    /// A parent span id: an empty string means none.
    private func parentSpanID(_ scanner: inout JSONScanner) -> SpanID?? {
        if scanner.emptyString() { return .some(nil) }
        return scanner.spanID().map(Optional.some)
    }

    private mutating func status(_ scanner: inout JSONScanner) -> SpanStatus? {
        var status = SpanStatus()
        let complete = scanner.object { key, scanner in
            if key.equals("code") { return Self.enumeration(&scanner, as: SpanStatus.Code.self).map { status.code = $0 } != nil }
            if key.equals("message") { return scanner.string(&strings).map { status.message = $0 } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? status : nil
    }

    private mutating func event(_ scanner: inout JSONScanner) -> SpanEvent? {
        var event = SpanEvent(name: "")
        let complete = scanner.object { key, scanner in
            if key.equals("timeUnixNano") { return scanner.unsigned(UInt64.self).map { event.timeUnixNano = $0 } != nil }
            if key.equals("name") { return scanner.string(&strings).map { event.name = $0 } != nil }
            if key.equals("attributes") { return attributes(&scanner, depth: 0).map { event.attributes = $0 } != nil }
            if key.equals("droppedAttributesCount") { return scanner.unsigned(UInt32.self).map { event.droppedAttributesCount = $0 } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? event : nil
    }

    private mutating func link(_ scanner: inout JSONScanner) -> SpanLink? {
        var link = SpanLink(traceID: TraceID(high: 0, low: 0), spanID: SpanID(0))
        var traceID: TraceID?
        var spanID: SpanID?
        let complete = scanner.object { key, scanner in
            if key.equals("traceId") { return scanner.traceID().map { traceID = $0 } != nil }
            if key.equals("spanId") { return scanner.spanID().map { spanID = $0 } != nil }
            if key.equals("traceState") { return scanner.string(&strings).map { link.traceState = $0 } != nil }
            if key.equals("attributes") { return attributes(&scanner, depth: 0).map { link.attributes = $0 } != nil }
            if key.equals("droppedAttributesCount") { return scanner.unsigned(UInt32.self).map { link.droppedAttributesCount = $0 } != nil }
            if key.equals("flags") { return scanner.unsigned(UInt32.self).map { link.flags = SpanFlags(rawValue: $0) } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        // A link without its ids is an error the tree reader names.
        guard complete, let traceID, let spanID else { return nil }
        link.traceID = traceID
        link.spanID = spanID
        return link
    }

    private mutating func resource(_ scanner: inout JSONScanner) -> Resource? {
        var resource = Resource()
        let complete = scanner.object { key, scanner in
            if key.equals("attributes") { return attributes(&scanner, depth: 0).map { resource.attributes = $0 } != nil }
            if key.equals("droppedAttributesCount") {
                return scanner.unsigned(UInt32.self).map { resource.droppedAttributesCount = $0 } != nil
            }
            if key.equals("entityRefs") {
                return elements(&scanner, { $0.entityReference(&$1) }).map { resource.entityReferences = $0 } != nil
            }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? resource : nil
    }

    private mutating func entityReference(_ scanner: inout JSONScanner) -> EntityReference? {
        var reference = EntityReference(type: "", identifyingKeys: [])
        let complete = scanner.object { key, scanner in
            if key.equals("type") { return scanner.string(&strings).map { reference.type = $0 } != nil }
            if key.equals("idKeys") { return elements(&scanner, { $1.string(&$0.strings) }).map { reference.identifyingKeys = $0 } != nil }
            if key.equals("descriptionKeys") {
                return elements(&scanner, { $1.string(&$0.strings) }).map { reference.descriptiveKeys = $0 } != nil
            }
            if key.equals("schemaUrl") { return scanner.string(&strings).map { reference.schemaURL = $0 } != nil }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? reference : nil
    }

    private mutating func scope(_ scanner: inout JSONScanner) -> InstrumentationScope? {
        var scope = InstrumentationScope()
        let complete = scanner.object { key, scanner in
            if key.equals("name") { return scanner.string(&strings).map { scope.name = $0 } != nil }
            if key.equals("version") { return scanner.string(&strings).map { scope.version = $0 } != nil }
            if key.equals("attributes") { return attributes(&scanner, depth: 0).map { scope.attributes = $0 } != nil }
            if key.equals("droppedAttributesCount") {
                return scanner.unsigned(UInt32.self).map { scope.droppedAttributesCount = $0 } != nil
            }
            return Self.skipUnknown(key, &scanner)
        }
        return complete ? scope : nil
    }

    /// An array of `KeyValue`s whose values are at nesting `depth`.
    private mutating func attributes(_ scanner: inout JSONScanner, depth: Int) -> Attributes? {
        elements(&scanner, { $0.attribute(&$1, depth: depth) }).map { Attributes($0) }
    }

    /// A `KeyValue` whose value is at nesting `depth`.
    private mutating func attribute(_ scanner: inout JSONScanner, depth: Int) -> Attribute? {
        var key = ""
        var value = AttributeValue.empty
        let complete = scanner.object { name, scanner in
            if name.equals("key") { return scanner.string(&strings).map { key = $0 } != nil }
            if name.equals("value") { return anyValue(&scanner, depth: depth).map { value = $0 } != nil }
            // keyStrindex (profiles only) is an error the tree reader names.
            if name.equals("keyStrindex") { return false }
            return Self.skipUnknown(name, &scanner)
        }
        return complete ? Attribute(key: key, value: value) : nil
    }

    /// An `AnyValue` at nesting `depth`: at most one of its members.
    private mutating func anyValue(_ scanner: inout JSONScanner, depth: Int) -> AttributeValue? {
        guard depth < maximumAttributeValueDepth else { return nil }
        var value: AttributeValue?
        let complete = scanner.object { key, scanner in
            let read: AttributeValue?
            if key.equals("stringValue") {
                read = scanner.string(&strings).map(AttributeValue.string)
            } else if key.equals("intValue") {
                read = scanner.signed().map(AttributeValue.int)
            } else if key.equals("boolValue") {
                read = scanner.bool().map(AttributeValue.bool)
            } else if key.equals("doubleValue") {
                read = scanner.double().map(AttributeValue.double)
            } else if key.equals("arrayValue") {
                read = values(&scanner, absent: .array([])) { decoder, scanner in
                    decoder.elements(&scanner, { $0.anyValue(&$1, depth: depth + 1) }).map(AttributeValue.array)
                }
            } else if key.equals("kvlistValue") {
                read = values(&scanner, absent: .keyValueList(Attributes())) { decoder, scanner in
                    decoder.attributes(&scanner, depth: depth + 1).map(AttributeValue.keyValueList)
                }
            } else if key.equals("bytesValue") {
                read = scanner.string().flatMap { Base64.decode($0) }.map(AttributeValue.bytes)
            } else if key.equals("stringValueStrindex") {
                return false  // profiles only: an error the tree reader names
            } else {
                return Self.skipUnknown(key, &scanner)
            }
            // A second member is an error the tree reader names.
            guard value == nil, let read else { return false }
            value = read
            return true
        }
        return complete ? value ?? .empty : nil
    }

    /// The `values` member of an `ArrayValue` or `KeyValueList`, read by `body`; `absent` when
    /// there is none (or it is `null`). A second `values` is left to the tree reader, which
    /// reads the first.
    private mutating func values(
        _ scanner: inout JSONScanner,
        absent: AttributeValue,
        _ body: (inout DirectJSONTracesDecoder, inout JSONScanner) -> AttributeValue?
    ) -> AttributeValue? {
        var value: AttributeValue?
        let complete = scanner.object { key, scanner in
            guard key.equals("values") else { return Self.skipUnknown(key, &scanner) }
            guard value == nil, let read = body(&self, &scanner) else { return false }
            value = read
            return true
        }
        return complete ? value ?? absent : nil
    }

    /// An array whose elements `element` reads; `nil` as soon as one is not what it takes.
    private mutating func elements<Element>(
        _ scanner: inout JSONScanner,
        _ element: (inout DirectJSONTracesDecoder, inout JSONScanner) -> Element?
    ) -> [Element]? {
        var elements: [Element] = []
        let complete = scanner.array { scanner in element(&self, &scanner).map { elements.append($0) } != nil }
        return complete ? elements : nil
    }

    /// An enum given as its integer value; a name, or a value the enum does not define, is left
    /// to the tree reader.
    private static func enumeration<E: RawRepresentable>(_ scanner: inout JSONScanner, as _: E.Type) -> E? where E.RawValue == Int32 {
        scanner.signed().flatMap { Int32(exactly: $0) }.flatMap { E(rawValue: $0) }
    }

    /// Skips an unknown member's value, as the tree reader ignores it; a key with an underscore
    /// may be a snake_case spelling of a known one, which the tree reader decides on.
    private static func skipUnknown(_ key: UnsafeRawBufferPointer, _ scanner: inout JSONScanner) -> Bool {
        !key.contains(UInt8(ascii: "_")) && scanner.skipValue()
    }
}
