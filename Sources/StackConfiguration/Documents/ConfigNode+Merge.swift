import Foundation

extension ConfigNode {
    /// This tree with every location (of nodes and of keys) naming `file`, so that a finding
    /// about a node of a merged configuration names the file that set it.
    package func located(in file: String) -> ConfigNode {
        var copy = self
        copy.location.file = file
        switch value {
        case .mapping(let entries):
            copy.value = .mapping(
                entries.map { entry in
                    var entry = entry
                    entry.keyLocation.file = file
                    entry.value = entry.value.located(in: file)
                    return entry
                }
            )
        case .sequence(let elements):
            copy.value = .sequence(elements.map { $0.located(in: file) })
        case .scalar, .null:
            break
        }
        return copy
    }

    /// `later` merged over this tree the way the collector merges its `--config` sources (and
    /// koanf, and Compose's override files for mappings): mappings are merged key by key, any
    /// other value (a list, a scalar) is replaced by the later one.
    package func merging(_ later: ConfigNode) -> ConfigNode {
        guard case .mapping(var entries) = value, case .mapping(let laterEntries) = later.value else { return later }
        for entry in laterEntries {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index].value = entries[index].value.merging(entry.value)
            } else {
                entries.append(entry)
            }
        }
        var merged = self
        merged.value = .mapping(entries)
        return merged
    }

    /// A mapping whose keys written as `a::b::c` (the collector's `yaml:` source syntax) are
    /// expanded into nested mappings.
    package func expandingPathKeys(separator: String = "::") -> ConfigNode {
        guard case .mapping(let entries) = value else { return self }
        var result = ConfigNode(.mapping([]), at: location)
        for entry in entries {
            let parts = entry.key.components(separatedBy: separator)
            var node = entry.value
            for key in parts.dropFirst().reversed() {
                node = ConfigNode(.mapping([Entry(key: key, keyLocation: entry.keyLocation, value: node)]), at: entry.keyLocation)
            }
            let head = ConfigNode(.mapping([Entry(key: parts[0], keyLocation: entry.keyLocation, value: node)]), at: location)
            result = result.merging(head)
        }
        return result
    }
}

extension ConfigNode {
    /// This tree with every location moved to `location` (a snippet written inside another
    /// file, whose own line numbers mean nothing there).
    package func placed(at location: SourceLocation) -> ConfigNode {
        var copy = self
        copy.location = location
        switch value {
        case .mapping(let entries):
            copy.value = .mapping(
                entries.map { Entry(key: $0.key, keyLocation: location, value: $0.value.placed(at: location)) }
            )
        case .sequence(let elements):
            copy.value = .sequence(elements.map { $0.placed(at: location) })
        case .scalar, .null:
            break
        }
        return copy
    }
}
