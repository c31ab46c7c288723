import Foundation
import TelemetryModel

/// Decodes an `ExportTraceServiceRequest` from protobuf bytes straight into the model, without
/// SwiftProtobuf's generated messages in between: no intermediate message per span, attribute
/// and value, and repeated strings shared (``StringTable``).
///
/// It decodes the requests exporters send. Anything else (a singular message or a oneof given
/// twice, which protobuf merges; a known field of another wire type, which the generated decoder
/// keeps as an unknown field; groups; the profiles signal's string-table fields; invalid UTF-8; a
/// wrong id length; an unknown enum value; nesting beyond the model's limit) makes it give up,
/// returning `nil`: the generated decoder then decodes the request, or throws the error that
/// names what is wrong, so both paths give the same results and the same errors. Unknown fields
/// are skipped, as the generated decoder skips them.
struct DirectTracesDecoder {
    private var strings = StringTable()

    /// The traces of `bytes`, or `nil` when the generated decoder must decide.
    static func decode(_ bytes: Data) -> TracesData? {
        bytes.withUnsafeBytes { buffer in
            var decoder = DirectTracesDecoder()
            var reader = ProtobufReader(buffer)
            return decoder.request(&reader)
        }
    }

    private mutating func request(_ reader: inout ProtobufReader) -> TracesData? {
        var groups: [ResourceSpans] = []
        let complete = reader.readFields(known: 1...1) { _, type, reader in
            guard type == .lengthDelimited, let group = embedded(&reader, { $0.resourceSpans(&$1) }) else { return false }
            groups.append(group)
            return true
        }
        return complete ? TracesData(resourceSpans: groups) : nil
    }

    private mutating func resourceSpans(_ reader: inout ProtobufReader) -> ResourceSpans? {
        var group = ResourceSpans()
        var sawResource = false
        let complete = reader.readFields(known: 1...3) { number, type, reader in
            guard type == .lengthDelimited else { return false }
            switch number {
            case 1:
                guard !sawResource, let resource = embedded(&reader, { $0.resource(&$1) }) else { return false }
                group.resource = resource
                sawResource = true
            case 2:
                guard let scope = embedded(&reader, { $0.scopeSpans(&$1) }) else { return false }
                group.scopeSpans.append(scope)
            default:
                guard let text = string(&reader) else { return false }
                group.schemaURL = text
            }
            return true
        }
        return complete ? group : nil
    }

    private mutating func scopeSpans(_ reader: inout ProtobufReader) -> ScopeSpans? {
        var group = ScopeSpans()
        group.spans.reserveCapacity(reader.count(lengthDelimited: 2))
        var sawScope = false
        let complete = reader.readFields(known: 1...3) { number, type, reader in
            guard type == .lengthDelimited else { return false }
            switch number {
            case 1:
                guard !sawScope, let scope = embedded(&reader, { $0.scope(&$1) }) else { return false }
                group.scope = scope
                sawScope = true
            case 2:
                guard let span = embedded(&reader, { $0.span(&$1) }) else { return false }
                group.spans.append(span)
            default:
                guard let text = string(&reader) else { return false }
                group.schemaURL = text
            }
            return true
        }
        return complete ? group : nil
    }

    private mutating func span(_ reader: inout ProtobufReader) -> Span? {
        var traceID: TraceID?
        var spanID: SpanID?
        var span = Span(traceID: TraceID(high: 0, low: 0), spanID: SpanID(0), name: "")
        var kind: Int32 = 0
        var status: (code: Int32, message: String)?
        var attributes: [Attribute] = []
        attributes.reserveCapacity(reader.count(lengthDelimited: 9))
        let complete = reader.readFields(known: 1...16) { number, type, reader in
            switch (number, type) {
            case (1, .lengthDelimited):
                traceID = reader.lengthDelimited().flatMap { TraceID(bytes: $0) }
                return traceID != nil
            case (2, .lengthDelimited):
                spanID = reader.lengthDelimited().flatMap { SpanID(bytes: $0) }
                return spanID != nil
            case (3, .lengthDelimited): return string(&reader).map { span.traceState = $0 } != nil
            case (4, .lengthDelimited):
                guard let bytes = reader.lengthDelimited() else { return false }
                span.parentSpanID = SpanID(bytes: bytes)
                return bytes.isEmpty || span.parentSpanID != nil
            case (5, .lengthDelimited): return string(&reader).map { span.name = $0 } != nil
            case (6, .varint): return reader.varint().map { kind = Int32(truncatingIfNeeded: $0) } != nil
            case (7, .fixed64): return reader.fixed64().map { span.startTimeUnixNano = $0 } != nil
            case (8, .fixed64): return reader.fixed64().map { span.endTimeUnixNano = $0 } != nil
            case (9, .lengthDelimited): return attribute(&reader).map { attributes.append($0) } != nil
            case (10, .varint): return reader.varint().map { span.droppedAttributesCount = UInt32(truncatingIfNeeded: $0) } != nil
            case (11, .lengthDelimited): return embedded(&reader, { $0.event(&$1) }).map { span.events.append($0) } != nil
            case (12, .varint): return reader.varint().map { span.droppedEventsCount = UInt32(truncatingIfNeeded: $0) } != nil
            case (13, .lengthDelimited): return embedded(&reader, { $0.link(&$1) }).map { span.links.append($0) } != nil
            case (14, .varint): return reader.varint().map { span.droppedLinksCount = UInt32(truncatingIfNeeded: $0) } != nil
            case (15, .lengthDelimited):
                guard status == nil, let decoded = embedded(&reader, { $0.statusFields(&$1) }) else { return false }
                status = decoded
                return true
            case (16, .fixed32): return reader.fixed32().map { span.flags = SpanFlags(rawValue: $0) } != nil
            default: return false
            }
        }
        guard complete, let traceID, let spanID, let kind = SpanKind(rawValue: kind),
            let code = SpanStatus.Code(rawValue: status?.code ?? 0)
        else { return nil }
        span.traceID = traceID
        span.spanID = spanID
        span.kind = kind
        span.status = SpanStatus(code: code, message: status?.message ?? "")
        span.attributes = Attributes(attributes)
        return span
    }

    private mutating func statusFields(_ reader: inout ProtobufReader) -> (code: Int32, message: String)? {
        var status: (code: Int32, message: String) = (0, "")
        let complete = reader.readFields(known: 2...3) { number, type, reader in
            switch (number, type) {
            case (2, .lengthDelimited): return string(&reader).map { status.message = $0 } != nil
            case (3, .varint): return reader.varint().map { status.code = Int32(truncatingIfNeeded: $0) } != nil
            default: return false
            }
        }
        return complete ? status : nil
    }

    private mutating func event(_ reader: inout ProtobufReader) -> SpanEvent? {
        var event = SpanEvent(name: "", timeUnixNano: 0)
        var attributes: [Attribute] = []
        let complete = reader.readFields(known: 1...4) { number, type, reader in
            switch (number, type) {
            case (1, .fixed64): return reader.fixed64().map { event.timeUnixNano = $0 } != nil
            case (2, .lengthDelimited): return string(&reader).map { event.name = $0 } != nil
            case (3, .lengthDelimited): return attribute(&reader).map { attributes.append($0) } != nil
            case (4, .varint): return reader.varint().map { event.droppedAttributesCount = UInt32(truncatingIfNeeded: $0) } != nil
            default: return false
            }
        }
        event.attributes = Attributes(attributes)
        return complete ? event : nil
    }

    private mutating func link(_ reader: inout ProtobufReader) -> SpanLink? {
        var traceID: TraceID?
        var spanID: SpanID?
        var link = SpanLink(traceID: TraceID(high: 0, low: 0), spanID: SpanID(0))
        var attributes: [Attribute] = []
        let complete = reader.readFields(known: 1...6) { number, type, reader in
            switch (number, type) {
            case (1, .lengthDelimited):
                traceID = reader.lengthDelimited().flatMap { TraceID(bytes: $0) }
                return traceID != nil
            case (2, .lengthDelimited):
                spanID = reader.lengthDelimited().flatMap { SpanID(bytes: $0) }
                return spanID != nil
            case (3, .lengthDelimited): return string(&reader).map { link.traceState = $0 } != nil
            case (4, .lengthDelimited): return attribute(&reader).map { attributes.append($0) } != nil
            case (5, .varint): return reader.varint().map { link.droppedAttributesCount = UInt32(truncatingIfNeeded: $0) } != nil
            case (6, .fixed32): return reader.fixed32().map { link.flags = SpanFlags(rawValue: $0) } != nil
            default: return false
            }
        }
        guard complete, let traceID, let spanID else { return nil }
        link.traceID = traceID
        link.spanID = spanID
        link.attributes = Attributes(attributes)
        return link
    }

    private mutating func resource(_ reader: inout ProtobufReader) -> Resource? {
        var resource = Resource()
        var attributes: [Attribute] = []
        let complete = reader.readFields(known: 1...3) { number, type, reader in
            switch (number, type) {
            case (1, .lengthDelimited): return attribute(&reader).map { attributes.append($0) } != nil
            case (2, .varint): return reader.varint().map { resource.droppedAttributesCount = UInt32(truncatingIfNeeded: $0) } != nil
            case (3, .lengthDelimited): return embedded(&reader, { $0.entityReference(&$1) }).map { resource.entityReferences.append($0) } != nil
            default: return false
            }
        }
        resource.attributes = Attributes(attributes)
        return complete ? resource : nil
    }

    private mutating func entityReference(_ reader: inout ProtobufReader) -> EntityReference? {
        var reference = EntityReference(type: "", identifyingKeys: [])
        let complete = reader.readFields(known: 1...4) { number, type, reader in
            guard type == .lengthDelimited, let text = string(&reader) else { return false }
            switch number {
            case 1: reference.schemaURL = text
            case 2: reference.type = text
            case 3: reference.identifyingKeys.append(text)
            default: reference.descriptiveKeys.append(text)
            }
            return true
        }
        return complete ? reference : nil
    }

    private mutating func scope(_ reader: inout ProtobufReader) -> InstrumentationScope? {
        var scope = InstrumentationScope()
        var attributes: [Attribute] = []
        let complete = reader.readFields(known: 1...4) { number, type, reader in
            switch (number, type) {
            case (1, .lengthDelimited): return string(&reader).map { scope.name = $0 } != nil
            case (2, .lengthDelimited): return string(&reader).map { scope.version = $0 } != nil
            case (3, .lengthDelimited): return attribute(&reader).map { attributes.append($0) } != nil
            case (4, .varint): return reader.varint().map { scope.droppedAttributesCount = UInt32(truncatingIfNeeded: $0) } != nil
            default: return false
            }
        }
        scope.attributes = Attributes(attributes)
        return complete ? scope : nil
    }

    /// A top-level `KeyValue` (of a span, event, link, resource or scope).
    private mutating func attribute(_ reader: inout ProtobufReader) -> Attribute? {
        guard var message = reader.message() else { return nil }
        return keyValue(&message, depth: 0)
    }

    /// A `KeyValue` whose value is at nesting `depth`. (A loop of its own rather than
    /// ``ProtobufReader/readFields(known:_:)``: attributes are most of a request's fields.)
    private mutating func keyValue(_ reader: inout ProtobufReader, depth: Int) -> Attribute? {
        var key = ""
        var value: AttributeValue?
        while !reader.isAtEnd {
            guard let (number, type) = reader.field() else { return nil }
            switch (number, type) {
            case (1, .lengthDelimited):
                guard let text = string(&reader) else { return nil }
                key = text
            case (2, .lengthDelimited):
                guard value == nil, var message = reader.message(), let decoded = anyValue(&message, depth: depth) else { return nil }
                value = decoded
            case (1...3, _): return nil  // 3 is key_strindex, of the profiles signal only
            default: guard reader.skip(type) else { return nil }
            }
        }
        return Attribute(key: key, value: value ?? .empty)
    }

    /// An `AnyValue` at nesting `depth`: one of its fields, given once (8, string_value_strindex,
    /// is of the profiles signal only).
    private mutating func anyValue(_ reader: inout ProtobufReader, depth: Int) -> AttributeValue? {
        guard depth < maximumAttributeValueDepth else { return nil }
        var value: AttributeValue?
        while !reader.isAtEnd {
            guard let (number, type) = reader.field() else { return nil }
            guard number <= 8 else {
                guard reader.skip(type) else { return nil }
                continue
            }
            guard value == nil else { return nil }
            switch (number, type) {
            case (1, .lengthDelimited): value = string(&reader).map(AttributeValue.string)
            case (2, .varint): value = reader.varint().map { .bool($0 != 0) }
            case (3, .varint): value = reader.varint().map { .int(Int64(bitPattern: $0)) }
            case (4, .fixed64): value = reader.fixed64().map { .double(Double(bitPattern: $0)) }
            case (5, .lengthDelimited): value = embedded(&reader, { $0.arrayValue(&$1, depth: depth) })
            case (6, .lengthDelimited): value = embedded(&reader, { $0.keyValueList(&$1, depth: depth) })
            case (7, .lengthDelimited): value = reader.lengthDelimited().map { .bytes(Data($0)) }
            default: return nil
            }
            guard value != nil else { return nil }
        }
        return value ?? .empty
    }

    /// An `ArrayValue` inside an `AnyValue` at nesting `depth`.
    private mutating func arrayValue(_ reader: inout ProtobufReader, depth: Int) -> AttributeValue? {
        var values: [AttributeValue] = []
        let complete = reader.readFields(known: 1...1) { _, type, reader in
            guard type == .lengthDelimited, let value = embedded(&reader, { $0.anyValue(&$1, depth: depth + 1) }) else { return false }
            values.append(value)
            return true
        }
        return complete ? .array(values) : nil
    }

    /// A `KeyValueList` inside an `AnyValue` at nesting `depth`.
    private mutating func keyValueList(_ reader: inout ProtobufReader, depth: Int) -> AttributeValue? {
        var pairs: [Attribute] = []
        let complete = reader.readFields(known: 1...1) { _, type, reader in
            guard type == .lengthDelimited, let pair = embedded(&reader, { $0.keyValue(&$1, depth: depth + 1) }) else { return false }
            pairs.append(pair)
            return true
        }
        return complete ? .keyValueList(Attributes(pairs)) : nil
    }

    /// An embedded message, read by `decode`.
    @inline(__always)
    private mutating func embedded<Value>(_ reader: inout ProtobufReader, _ decode: (inout Self, inout ProtobufReader) -> Value?) -> Value? {
        guard var message = reader.message() else { return nil }
        return decode(&self, &message)
    }

    /// A length-delimited UTF-8 string, shared through the table.
    private mutating func string(_ reader: inout ProtobufReader) -> String? {
        reader.lengthDelimited().flatMap { strings.string($0) }
    }
}
