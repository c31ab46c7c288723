import StackConfiguration

/// The keys a component's configuration mapping (or one of its nested mappings) accepts, each
/// with the collector versions that have it. A key outside the schema is one the collector
/// rejects (`has invalid keys`), unless the schema is open.
struct KeySchema: Sendable {
    /// One key: the versions that accept it and, for a nested mapping, that mapping's schema.
    struct Key: Sendable {
        /// The first version that accepts the key; `nil` when every supported version does.
        var since: SemanticVersion?
        /// The first version that rejects it again; `nil` while it is current.
        var removedIn: SemanticVersion?
        /// What the replacement is, when it was removed.
        var replacement: String?
        /// The schema of its value when that is a mapping the checker knows (or of each
        /// element, for a sequence of mappings).
        var value: KeySchema?
    }

    /// The keys, by name.
    var keys: [String: Key]
    /// Whether keys outside `keys` are the user's own (a map of names to values): not reported.
    var isOpen = false

    /// A schema of keys every version accepts.
    init(_ names: Set<String>) {
        keys = Dictionary(uniqueKeysWithValues: names.map { ($0, Key()) })
    }

    /// A schema that accepts any key.
    static let open = {
        var schema = KeySchema([])
        schema.isOpen = true
        return schema
    }()

    /// This schema with `names` added.
    func adding(_ names: Set<String>) -> KeySchema {
        var copy = self
        for name in names where copy.keys[name] == nil { copy.keys[name] = Key() }
        return copy
    }

    /// This schema with `name` added, accepted from `since` (`"0.120.0"`) and until `removedIn`,
    /// holding a mapping of `value`'s keys.
    func adding(
        _ name: String,
        since: String? = nil,
        removedIn: String? = nil,
        replacement: String? = nil,
        value: KeySchema? = nil
    ) -> KeySchema {
        var copy = self
        copy.keys[name] = Key(
            since: since.flatMap(SemanticVersion.init(lenient:)),
            removedIn: removedIn.flatMap(SemanticVersion.init(lenient:)),
            replacement: replacement,
            value: value
        )
        return copy
    }

    /// This schema with the nested mappings in `nested` (key → schema of its value).
    func nesting(_ nested: [String: KeySchema]) -> KeySchema {
        var copy = self
        for (name, schema) in nested {
            var key = copy.keys[name] ?? Key()
            key.value = schema
            copy.keys[name] = key
        }
        return copy
    }

    /// This schema without `names`.
    func removing(_ names: Set<String>) -> KeySchema {
        var copy = self
        for name in names { copy.keys[name] = nil }
        return copy
    }
}
