import Foundation
import TelemetryModel

// Wire <-> model for the types every signal shares. Errors carry OTLP/JSON field paths.

extension Attributes {
    init(wire pairs: [PBKeyValue]) throws(OTLPDecodingError) {
        var result: [Attribute] = []
        result.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() {
            let value = try at("[\(index)]") { () throws(OTLPDecodingError) in
                if pair.keyStrindex != 0 {
                    throw OTLPDecodingError(
                        path: "keyStrindex",
                        reason: .unsupportedField(
                            name: "keyStrindex",
                            why: "string tables exist only in the profiles signal"
                        )
                    )
                }
                return try at("value") { () throws(OTLPDecodingError) in
                    pair.hasValue ? try AttributeValue(wire: pair.value, depth: 0) : .empty
                }
            }
            result.append(Attribute(key: pair.key, value: value))
        }
        self.init(result)
    }

    var wire: [PBKeyValue] {
        pairs.map { pair in
            var keyValue = PBKeyValue()
            keyValue.key = pair.key
            keyValue.value = pair.value.wire
            return keyValue
        }
    }
}

/// The deepest nesting of arrays and key-value lists inside one attribute value.
let maximumAttributeValueDepth = 64

extension AttributeValue {
    init(wire: PBAnyValue, depth: Int) throws(OTLPDecodingError) {
        guard depth < maximumAttributeValueDepth else {
            throw OTLPDecodingError(reason: .nestingTooDeep(limit: maximumAttributeValueDepth))
        }
        switch wire.value {
        case nil: self = .empty
        case .stringValue(let value): self = .string(value)
        case .boolValue(let value): self = .bool(value)
        case .intValue(let value): self = .int(value)
        case .doubleValue(let value): self = .double(value)
        case .bytesValue(let value): self = .bytes(value)
        case .arrayValue(let array):
            var values: [AttributeValue] = []
            values.reserveCapacity(array.values.count)
            for (index, element) in array.values.enumerated() {
                values.append(
                    try at("arrayValue.values[\(index)]") { () throws(OTLPDecodingError) in
                        try AttributeValue(wire: element, depth: depth + 1)
                    }
                )
            }
            self = .array(values)
        case .kvlistValue(let list):
            var pairs: [Attribute] = []
            pairs.reserveCapacity(list.values.count)
            for (index, pair) in list.values.enumerated() {
                if pair.keyStrindex != 0 {
                    throw OTLPDecodingError(
                        path: "kvlistValue.values[\(index)].keyStrindex",
                        reason: .unsupportedField(
                            name: "keyStrindex",
                            why: "string tables exist only in the profiles signal"
                        )
                    )
                }
                let value = try at("kvlistValue.values[\(index)].value") { () throws(OTLPDecodingError) in
                    pair.hasValue ? try AttributeValue(wire: pair.value, depth: depth + 1) : .empty
                }
                pairs.append(Attribute(key: pair.key, value: value))
            }
            self = .keyValueList(Attributes(pairs))
        case .stringValueStrindex:
            throw OTLPDecodingError(
                path: "stringValueStrindex",
                reason: .unsupportedField(
                    name: "stringValueStrindex",
                    why: "string tables exist only in the profiles signal"
                )
            )
        }
    }

    var wire: PBAnyValue {
        var value = PBAnyValue()
        switch self {
        case .string(let string): value.stringValue = string
        case .bool(let bool): value.boolValue = bool
        case .int(let int): value.intValue = int
        case .double(let double): value.doubleValue = double
        case .bytes(let bytes): value.bytesValue = bytes
        case .array(let values):
            value.arrayValue = .with { $0.values = values.map(\.wire) }
        case .keyValueList(let attributes):
            value.kvlistValue = .with { $0.values = attributes.wire }
        case .empty: break
        }
        return value
    }
}

extension Resource {
    init(wire: PBResource) throws(OTLPDecodingError) {
        self.init(
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            droppedAttributesCount: wire.droppedAttributesCount,
            entityReferences: wire.entityRefs.map {
                EntityReference(schemaURL: $0.schemaURL, type: $0.type, identifyingKeys: $0.idKeys, descriptiveKeys: $0.descriptionKeys)
            }
        )
    }

    var wire: PBResource {
        var resource = PBResource()
        resource.attributes = attributes.wire
        resource.droppedAttributesCount = droppedAttributesCount
        resource.entityRefs = entityReferences.map { reference in
            var entity = PBEntityRef()
            entity.schemaURL = reference.schemaURL
            entity.type = reference.type
            entity.idKeys = reference.identifyingKeys
            entity.descriptionKeys = reference.descriptiveKeys
            return entity
        }
        return resource
    }
}

extension InstrumentationScope {
    init(wire: PBScope) throws(OTLPDecodingError) {
        self.init(
            name: wire.name,
            version: wire.version,
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            droppedAttributesCount: wire.droppedAttributesCount
        )
    }

    var wire: PBScope {
        var scope = PBScope()
        scope.name = name
        scope.version = version
        scope.attributes = attributes.wire
        scope.droppedAttributesCount = droppedAttributesCount
        return scope
    }
}

// MARK: - Ids

extension TraceID {
    /// A required trace id: exactly 16 bytes.
    init(wire: Data, field: String) throws(OTLPDecodingError) {
        guard let id = TraceID(bytes: wire) else {
            throw OTLPDecodingError(path: field, reason: .wrongIDLength(expectedBytes: 16, foundBytes: wire.count))
        }
        self = id
    }

    /// An optional trace id: empty means absent, otherwise exactly 16 bytes.
    static func optional(wire: Data, field: String) throws(OTLPDecodingError) -> TraceID? {
        wire.isEmpty ? nil : try TraceID(wire: wire, field: field)
    }

    var wire: Data { Data(bytes) }
}

extension SpanID {
    /// A required span id: exactly 8 bytes.
    init(wire: Data, field: String) throws(OTLPDecodingError) {
        guard let id = SpanID(bytes: wire) else {
            throw OTLPDecodingError(path: field, reason: .wrongIDLength(expectedBytes: 8, foundBytes: wire.count))
        }
        self = id
    }

    /// An optional span id: empty means absent, otherwise exactly 8 bytes.
    static func optional(wire: Data, field: String) throws(OTLPDecodingError) -> SpanID? {
        wire.isEmpty ? nil : try SpanID(wire: wire, field: field)
    }

    var wire: Data { Data(bytes) }
}

/// Maps a generated open enum's raw value onto a model enum, or names the unknown value.
func knownEnum<Model: RawRepresentable>(
    _ rawValue: Int,
    as _: Model.Type,
    name: String,
    field: String
) throws(OTLPDecodingError) -> Model where Model.RawValue == Int32 {
    guard let value = Int32(exactly: rawValue), let model = Model(rawValue: value) else {
        throw OTLPDecodingError(path: field, reason: .unknownEnumValue(enum: name, value: Int64(rawValue)))
    }
    return model
}
