import TelemetryModel

extension JSONReader {
    mutating func attributes(_ value: JSONValue, depth: Int = 0) throws(OTLPDecodingError) -> Attributes {
        Attributes(
            try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                var key = ""
                var attributeValue = AttributeValue.empty
                for member in try reader.members(of: element, known: ["key", "value", "keyStrindex"]) {
                    switch member.key {
                    case "keyStrindex":
                        throw reader.descendError(
                            "keyStrindex",
                            .unsupportedField(
                                name: "keyStrindex",
                                why: "string tables exist only in the profiles signal"
                            )
                        )
                    case "key":
                        key = try reader.descend(.key("key")) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            try reader.string(member.value)
                        }
                    default:
                        attributeValue = try reader.descend(.key("value")) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            try reader.anyValue(member.value, depth: depth)
                        }
                    }
                }
                return Attribute(key: key, value: attributeValue)
            }
        )
    }

    private static let anyValueKeys = [
        "stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue", "stringValueStrindex",
    ]

    mutating func anyValue(_ value: JSONValue, depth: Int) throws(OTLPDecodingError) -> AttributeValue {
        guard depth < maximumAttributeValueDepth else {
            throw error(.nestingTooDeep(limit: maximumAttributeValueDepth))
        }
        let members = try members(of: value, known: Self.anyValueKeys)
        guard members.count <= 1 else {
            throw error(.multipleOneOfMembers(names: members.map(\.key)))
        }
        guard let member = members.first else { return .empty }
        return try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
            switch member.key {
            case "stringValue": return .string(try reader.string(member.value))
            case "boolValue": return .bool(try reader.bool(member.value))
            case "intValue": return .int(try reader.integer(member.value))
            case "doubleValue": return .double(try reader.double(member.value))
            case "bytesValue": return .bytes(try reader.bytes(member.value))
            case "arrayValue":
                let values = try reader.members(of: member.value, known: ["values"]).first?.value ?? .array([])
                return .array(
                    try reader.descend(.key("values")) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                        try reader.elements(of: values) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                            try reader.anyValue(element, depth: depth + 1)
                        }
                    }
                )
            case "kvlistValue":
                let values = try reader.members(of: member.value, known: ["values"]).first?.value ?? .array([])
                return .keyValueList(
                    try reader.descend(.key("values")) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                        try reader.attributes(values, depth: depth + 1)
                    }
                )
            default:
                throw reader.error(
                    .unsupportedField(
                        name: "stringValueStrindex",
                        why: "string tables exist only in the profiles signal"
                    )
                )
            }
        }
    }

    mutating func resource(_ value: JSONValue) throws(OTLPDecodingError) -> Resource {
        var resource = Resource()
        for member in try members(of: value, known: ["attributes", "droppedAttributesCount", "entityRefs"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "attributes": resource.attributes = try reader.attributes(member.value)
                case "droppedAttributesCount": resource.droppedAttributesCount = try reader.integer(member.value)
                default:
                    resource.entityReferences = try reader.elements(of: member.value) {
                        (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.entityReference(element)
                    }
                }
            }
        }
        return resource
    }

    private mutating func entityReference(_ value: JSONValue) throws(OTLPDecodingError) -> EntityReference {
        var reference = EntityReference(type: "", identifyingKeys: [])
        for member in try members(of: value, known: ["schemaUrl", "type", "idKeys", "descriptionKeys"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "schemaUrl": reference.schemaURL = try reader.string(member.value)
                case "type": reference.type = try reader.string(member.value)
                case "idKeys": reference.identifyingKeys = try reader.strings(member.value)
                default: reference.descriptiveKeys = try reader.strings(member.value)
                }
            }
        }
        return reference
    }

    mutating func strings(_ value: JSONValue) throws(OTLPDecodingError) -> [String] {
        try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in try reader.string(element) }
    }

    mutating func scope(_ value: JSONValue) throws(OTLPDecodingError) -> InstrumentationScope {
        var scope = InstrumentationScope()
        for member in try members(of: value, known: ["name", "version", "attributes", "droppedAttributesCount"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "name": scope.name = try reader.string(member.value)
                case "version": scope.version = try reader.string(member.value)
                case "attributes": scope.attributes = try reader.attributes(member.value)
                default: scope.droppedAttributesCount = try reader.integer(member.value)
                }
            }
        }
        return scope
    }
}
