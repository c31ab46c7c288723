/// Reads the nodes of a stack file into typed values, collecting a problem (with its line and
/// column) for every unknown key, wrong type and missing value instead of stopping at the first.
struct StackFileReader {
    let file: String
    private(set) var problems: [StackFileProblem] = []

    init(file: String) { self.file = file }

    mutating func problem(_ message: String, at location: SourceLocation?) {
        problems.append(StackFileProblem(file: file, location: location, message: message))
    }

    /// The entries of the mapping `node` (what `path` names, for messages), reporting keys not in
    /// `known` with a suggestion; `nil` when `node` is not a mapping.
    mutating func mapping(_ node: ConfigNode, _ path: String, known: [String]) -> [String: ConfigNode]? {
        guard node.isMapping || node.isNull else {
            problem("\(path) must be a mapping, not \(kind(of: node))", at: node.location)
            return nil
        }
        var values: [String: ConfigNode] = [:]
        for entry in node.entries {
            guard known.contains(entry.key) else {
                problem(
                    "unknown key `\(entry.key)` in \(path)\(Suggestion.phrase(for: entry.key, in: known)); known keys: \(known.joined(separator: ", "))",
                    at: entry.keyLocation
                )
                continue
            }
            values[entry.key] = entry.value
        }
        return values
    }

    /// The entries of a mapping whose keys are names the user chooses (services, requests), in
    /// the order written.
    mutating func namedEntries(_ node: ConfigNode, _ path: String) -> [ConfigNode.Entry] {
        guard node.isMapping || node.isNull else {
            problem("\(path) must be a mapping of names to definitions, not \(kind(of: node))", at: node.location)
            return []
        }
        return node.entries
    }

    mutating func string(_ node: ConfigNode?, _ path: String) -> String? {
        guard let node else { return nil }
        guard let text = node.string else {
            problem("\(path) must be a string, not \(kind(of: node))", at: node.location)
            return nil
        }
        return text
    }

    mutating func requiredString(_ node: ConfigNode?, _ path: String, in parent: ConfigNode) -> String? {
        guard let node else {
            problem("\(path) is missing", at: parent.location)
            return nil
        }
        return string(node, path)
    }

    mutating func int(_ node: ConfigNode?, _ path: String, range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, case .scalar(_, true) = node.value else {
            problem("\(path) must be a whole number, not \(kind(of: node))", at: node.location)
            return nil
        }
        guard range.contains(value) else {
            problem("\(path) must be between \(range.lowerBound) and \(range.upperBound), not \(value)", at: node.location)
            return nil
        }
        return value
    }

    mutating func bool(_ node: ConfigNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            problem("\(path) must be true or false, not \(kind(of: node))", at: node.location)
            return nil
        }
        return value
    }

    /// A positive number, or a percentage written `5%` (read as 0.05).
    mutating func fraction(_ node: ConfigNode?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard let text = node.string else {
            problem("\(path) must be a number or a percentage such as `5%`, not \(kind(of: node))", at: node.location)
            return nil
        }
        let value = text.hasSuffix("%") ? Double(text.dropLast().trimmingSpaces).map { $0 / 100 } : Double(text)
        guard let value, value >= 0, value.isFinite else {
            problem("\(path) must be a number or a percentage such as `5%`, not `\(text)`", at: node.location)
            return nil
        }
        return value
    }

    mutating func number(_ node: ConfigNode?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard let text = node.string, let value = Double(text), value > 0, value.isFinite else {
            problem("\(path) must be a positive number, not \(describe(node))", at: node.location)
            return nil
        }
        return value
    }

    /// A duration written with a unit: `500ms`, `10s`, `2m`.
    mutating func duration(_ node: ConfigNode?, _ path: String) -> Duration? {
        guard let node else { return nil }
        guard let text = node.string, let duration = Self.parseDuration(text) else {
            problem("\(path) must be a duration such as `500ms`, `10s` or `2m`, not \(describe(node))", at: node.location)
            return nil
        }
        return duration
    }

    /// A size written with a unit: `64MiB`, `512KiB`, or bytes.
    mutating func byteSize(_ node: ConfigNode?, _ path: String) -> Int? {
        guard let node else { return nil }
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1)]
        if let text = node.string {
            for (unit, factor) in units where text.hasSuffix(unit) {
                if let value = Int(text.dropLast(unit.count).trimmingSpaces), value >= 0 { return value * factor }
            }
            if let value = Int(text), value >= 0 { return value }
        }
        problem("\(path) must be a size such as `64MiB`, not \(describe(node))", at: node.location)
        return nil
    }

    /// A list of strings, or one string split at spaces (for commands).
    mutating func words(_ node: ConfigNode?, _ path: String) -> [String]? {
        guard let node else { return nil }
        if let text = node.string { return text.split(separator: " ").map(String.init) }
        guard node.isSequence else {
            problem("\(path) must be a list of strings or one string, not \(kind(of: node))", at: node.location)
            return nil
        }
        var words: [String] = []
        for element in node.elements {
            guard let text = element.string else {
                problem("every element of \(path) must be a string, not \(kind(of: element))", at: element.location)
                return nil
            }
            words.append(text)
        }
        return words
    }

    /// A mapping of strings to strings (environment, headers).
    mutating func stringMap(_ node: ConfigNode?, _ path: String) -> [String: String]? {
        guard let node else { return nil }
        guard node.isMapping || node.isNull else {
            problem("\(path) must be a mapping of names to strings, not \(kind(of: node))", at: node.location)
            return nil
        }
        var values: [String: String] = [:]
        for entry in node.entries {
            guard let text = entry.value.string else {
                problem("\(path).\(entry.key) must be a string, not \(kind(of: entry.value))", at: entry.value.location)
                continue
            }
            values[entry.key] = text
        }
        return values
    }

    /// One of `choices`, reporting the others with a suggestion.
    mutating func choice(_ node: ConfigNode?, _ path: String, _ choices: [String]) -> String? {
        guard let node, let text = string(node, path) else { return nil }
        guard choices.contains(text) else {
            problem(
                "\(path) must be one of \(choices.joined(separator: ", ")), not `\(text)`\(Suggestion.phrase(for: text, in: choices))",
                at: node.location
            )
            return nil
        }
        return text
    }

    func kind(of node: ConfigNode) -> String {
        switch node.value {
        case .scalar(_, false): "a quoted string"
        case .scalar(let text, true):
            if Int(text) != nil { "a number" } else if ["true", "false"].contains(text.lowercased()) { "a boolean" } else { "a string" }
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .null: "empty"
        }
    }

    func describe(_ node: ConfigNode) -> String {
        node.string.map { "`\($0)`" } ?? kind(of: node)
    }

    static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (unit, seconds) in units where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count).trimmingSpaces), value >= 0, value.isFinite else { return nil }
            return .milliseconds(Int64((value * seconds * 1000).rounded()))
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
