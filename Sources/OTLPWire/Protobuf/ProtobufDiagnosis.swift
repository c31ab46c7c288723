import Foundation
import SwiftProtobuf

/// Finds where undecodable protobuf bytes break, so the error can name the field.
///
/// SwiftProtobuf reports *that* bytes are malformed (truncated, bad tag, invalid UTF-8) but not
/// *where*. After a failed decode, this walks the bytes again against the OTLP schema (the
/// descriptor set generated next to the Swift types) and reports the path of the first field
/// that cannot be read, in OTLP/JSON names. It runs only on the failure path.
enum ProtobufDiagnosis {
    static func locate(_ error: any Error, in bytes: Data, root: any SwiftProtobuf.Message.Type) -> OTLPDecodingError {
        let fallback = OTLPDecodingError(reason: .invalidProtobuf(message: describe(error)))
        guard let schema = Schema.shared, let message = schema.messages[root.protoMessageName] else { return fallback }
        var walker = Walker(bytes: [UInt8](bytes), schema: schema)
        do {
            try walker.walk(message: message, range: 0..<walker.bytes.count, depth: 0)
        } catch let found {
            return found
        }
        return fallback
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case BinaryDecodingError.truncated: "the data ends inside a field"
        case BinaryDecodingError.malformedProtobuf: "malformed field tag or length"
        case BinaryDecodingError.invalidUTF8: "a string field is not valid UTF-8"
        case BinaryDecodingError.messageDepthLimit: "messages nested too deeply"
        default: String(describing: error)
        }
    }

    /// The OTLP messages by full name, read once from the generated descriptor set.
    struct Schema: Sendable {
        let messages: [String: Google_Protobuf_DescriptorProto]

        static let shared: Schema? = {
            guard let data = Data(base64Encoded: otlpFileDescriptorSetBase64, options: .ignoreUnknownCharacters),
                let set = try? Google_Protobuf_FileDescriptorSet(serializedBytes: data)
            else { return nil }
            var messages: [String: Google_Protobuf_DescriptorProto] = [:]
            func add(_ message: Google_Protobuf_DescriptorProto, prefix: String) {
                let name = prefix + "." + message.name
                messages[name] = message
                for nested in message.nestedType { add(nested, prefix: name) }
            }
            for file in set.file {
                for message in file.messageType { add(message, prefix: file.package) }
            }
            return Schema(messages: messages)
        }()
    }

    struct Walker {
        let bytes: [UInt8]
        let schema: Schema
        /// The same limit the decoder applies.
        let depthLimit = OTLPProtobuf.maximumMessageDepth

        mutating func walk(message: Google_Protobuf_DescriptorProto, range: Range<Int>, depth: Int) throws(OTLPDecodingError) {
            guard depth < depthLimit else {
                throw OTLPDecodingError(reason: .nestingTooDeep(limit: depthLimit))
            }
            var position = range.lowerBound
            var occurrences: [Int32: Int] = [:]
            while position < range.upperBound {
                let tagStart = position
                guard let tag = readVarint(&position, end: range.upperBound) else {
                    throw OTLPDecodingError(reason: .invalidProtobuf(message: "truncated field tag at byte \(tagStart)"))
                }
                let number = Int32(truncatingIfNeeded: tag >> 3)
                let wireType = Int(tag & 7)
                let field = message.field.first { $0.number == number }
                let index = occurrences[number, default: 0]
                occurrences[number] = index + 1
                let name = field.map { jsonName(of: $0) } ?? "field \(number)"
                let component = field?.label == .repeated ? "\(name)[\(index)]" : name
                guard tag <= UInt64(UInt32.max), (1...536_870_911).contains(number) else {
                    throw OTLPDecodingError(
                        reason: .invalidProtobuf(
                            message: "invalid field tag \(tag) at byte \(tagStart) (field numbers run from 1 to 536870911)"
                        )
                    )
                }
                try at(component) { () throws(OTLPDecodingError) in
                    try readValue(wireType: wireType, field: field, at: &position, end: range.upperBound, depth: depth)
                }
            }
        }

        private mutating func readValue(
            wireType: Int,
            field: Google_Protobuf_FieldDescriptorProto?,
            at position: inout Int,
            end: Int,
            depth: Int
        ) throws(OTLPDecodingError) {
            let start = position
            if let field, let expected = Self.wireType(of: field.type), wireType != expected,
                !(wireType == 2 && field.label == .repeated)
            {
                throw OTLPDecodingError(
                    reason: .invalidProtobuf(
                        message: "wire type \(wireType) at byte \(start), but the field's type needs wire type \(expected)"
                    )
                )
            }
            switch wireType {
            case 0:
                guard readVarint(&position, end: end) != nil else {
                    throw OTLPDecodingError(reason: .invalidProtobuf(message: "truncated varint at byte \(start)"))
                }
            case 1, 5:
                let width = wireType == 1 ? 8 : 4
                guard end - position >= width else {
                    throw OTLPDecodingError(
                        reason: .invalidProtobuf(
                            message: "\(width)-byte value at byte \(start) but only \(end - position) bytes remain"
                        )
                    )
                }
                position += width
            case 2:
                guard let length = readVarint(&position, end: end) else {
                    throw OTLPDecodingError(reason: .invalidProtobuf(message: "truncated length at byte \(start)"))
                }
                guard length <= UInt64(end - position) else {
                    // Truncated: name the deepest field that breaks in what is there.
                    if let field, field.type == .message,
                        let child = schema.messages[String(field.typeName.drop { $0 == "." })]
                    {
                        try walk(message: child, range: position..<end, depth: depth + 1)
                    }
                    throw OTLPDecodingError(
                        reason: .invalidProtobuf(
                            message: "length \(length) at byte \(start) but only \(end - position) bytes remain"
                        )
                    )
                }
                let body = position..<(position + Int(length))
                position = body.upperBound
                guard let field else { return }
                if field.type == .message, let child = schema.messages[String(field.typeName.drop { $0 == "." })] {
                    try walk(message: child, range: body, depth: depth + 1)
                } else if field.type == .string, String(validating: bytes[body], as: UTF8.self) == nil {
                    throw OTLPDecodingError(reason: .invalidUTF8)
                } else if field.label == .repeated {
                    try checkPacked(field.type, body)
                }
            default:
                throw OTLPDecodingError(reason: .invalidProtobuf(message: "invalid wire type \(wireType) at byte \(start)"))
            }
        }

        /// The wire type a field of `type` is written with (unpacked).
        static func wireType(of type: Google_Protobuf_FieldDescriptorProto.TypeEnum) -> Int? {
            switch type {
            case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .bool, .enum: 0
            case .double, .fixed64, .sfixed64: 1
            case .string, .bytes, .message: 2
            case .float, .fixed32, .sfixed32: 5
            default: nil
            }
        }

        /// Checks the body of a packed repeated scalar field: whole fixed-width values, complete varints.
        private func checkPacked(_ type: Google_Protobuf_FieldDescriptorProto.TypeEnum, _ body: Range<Int>) throws(OTLPDecodingError) {
            switch type {
            case .double, .fixed64, .sfixed64, .float, .fixed32, .sfixed32:
                let width = [.double, .fixed64, .sfixed64].contains(type) ? 8 : 4
                guard body.count % width == 0 else {
                    throw OTLPDecodingError(
                        reason: .invalidProtobuf(
                            message: "packed \(width)-byte values in \(body.count) bytes at byte \(body.lowerBound)"
                        )
                    )
                }
            case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .bool, .enum:
                var position = body.lowerBound
                while position < body.upperBound {
                    guard readVarint(&position, end: body.upperBound) != nil else {
                        throw OTLPDecodingError(reason: .invalidProtobuf(message: "truncated packed varint at byte \(position)"))
                    }
                }
            default:
                break
            }
        }

        private func readVarint(_ position: inout Int, end: Int) -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < end, shift < 64 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }

        private func jsonName(of field: Google_Protobuf_FieldDescriptorProto) -> String {
            field.hasJsonName ? field.jsonName : lowerCamelCase(field.name)
        }
    }
}
