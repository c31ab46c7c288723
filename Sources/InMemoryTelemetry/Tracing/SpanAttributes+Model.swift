import TelemetryModel
import Tracing

extension Attributes {
    /// Converts swift-distributed-tracing attributes, sorted by key so captures are deterministic.
    init(_ attributes: SpanAttributes) {
        guard !attributes.isEmpty else {
            self.init()
            return
        }
        var pairs: [Attribute] = []
        pairs.reserveCapacity(attributes.count)
        attributes.forEach { key, value in
            pairs.append(Attribute(key: key, value: AttributeValue(value)))
        }
        pairs.sort { $0.key < $1.key }
        self.init(pairs)
    }
}

extension AttributeValue {
    init(_ attribute: SpanAttribute) {
        switch attribute {
        case .int32(let value): self = .int(Int64(value))
        case .int64(let value): self = .int(value)
        case .int32Array(let values): self = .array(values.map { .int(Int64($0)) })
        case .int64Array(let values): self = .array(values.map { .int($0) })
        case .double(let value): self = .double(value)
        case .doubleArray(let values): self = .array(values.map { .double($0) })
        case .bool(let value): self = .bool(value)
        case .boolArray(let values): self = .array(values.map { .bool($0) })
        case .string(let value): self = .string(value)
        case .stringArray(let values): self = .array(values.map { .string($0) })
        case .stringConvertible(let value): self = .string(value.description)
        case .stringConvertibleArray(let values): self = .array(values.map { .string($0.description) })
        default: self = .string(String(describing: attribute))
        }
    }
}
