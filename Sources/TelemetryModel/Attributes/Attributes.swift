/// One key-value pair of an attribute list.
public struct Attribute: Sendable, Hashable, Codable {
    /// The attribute's key, for example `http.request.method`.
    public var key: String
    /// The attribute's value.
    public var value: AttributeValue

    /// Creates an attribute.
    public init(key: String, value: AttributeValue) {
        self.key = key
        self.value = value
    }
}

/// An ordered list of attributes, as OTLP carries them.
///
/// Order is kept so that decoding and encoding round-trip exactly. Look-up by key returns the
/// first pair with that key; OTLP requires keys to be unique, and ``duplicateKeys`` tells
/// when a producer broke that rule.
public struct Attributes: Sendable, Hashable {
    /// The pairs in the order they were produced.
    public var pairs: [Attribute]

    /// Creates a list from pairs, keeping their order.
    public init(_ pairs: [Attribute] = []) {
        self.pairs = pairs
    }

    /// The value of the first pair with `key`; setting replaces it, or appends a new pair,
    /// and setting `nil` removes every pair with that key.
    public subscript(key: String) -> AttributeValue? {
        get { pairs.first { $0.key == key }?.value }
        set {
            guard let newValue else {
                pairs.removeAll { $0.key == key }
                return
            }
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                pairs[index].value = newValue
            } else {
                pairs.append(Attribute(key: key, value: newValue))
            }
        }
    }

    /// The keys in order, duplicates included.
    public var keys: [String] { pairs.map(\.key) }

    /// Keys that occur more than once, in order of their first repetition.
    public var duplicateKeys: [String] {
        var seen = Set<String>()
        var duplicates: [String] = []
        for pair in pairs where !seen.insert(pair.key).inserted && !duplicates.contains(pair.key) {
            duplicates.append(pair.key)
        }
        return duplicates
    }

    /// The pairs sorted by key (stable for duplicates), for deterministic rendering.
    public var sortedByKey: [Attribute] {
        pairs.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }
}

extension Attributes: RandomAccessCollection, MutableCollection {
    public var startIndex: Int { pairs.startIndex }
    public var endIndex: Int { pairs.endIndex }
    public subscript(position: Int) -> Attribute {
        get { pairs[position] }
        set { pairs[position] = newValue }
    }
}

extension Attributes: ExpressibleByDictionaryLiteral {
    /// Creates a list from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements.map { Attribute(key: $0.0, value: $0.1) })
    }
}

extension Attributes: CustomStringConvertible {
    /// `{key: value, …}` in the list's own order.
    public var description: String {
        "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
}

extension Attributes: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [Attribute](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try pairs.encode(to: encoder)
    }
}
