package import Foundation

/// Compose's variable interpolation, as `docker compose` applies it before it reads a file:
/// `${VAR}`, `$VAR`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
/// `${VAR:?message}` and `${VAR?message}` (required), `${VAR:+other}` and `$$` (a literal `$`).
///
/// Variables come from the `.env` file beside the compose file (Compose's default project
/// environment), not from the checker's own environment, so that a check reads the same on every
/// machine. A variable that is unset there and has no default may still come from the shell that
/// runs Compose: it stays as written (`${CHECKOUT_IMAGE}`), a value the checker does not know.
package struct ComposeInterpolation: Sendable {
    /// The variables, from `.env`.
    package var variables: [String: String]

    /// Interpolation with `variables`.
    package init(variables: [String: String]) {
        self.variables = variables
    }

    /// The variables of the `.env` file in `folder`, when there is one: `NAME=value` lines,
    /// `#` comments and blank lines skipped, `export ` allowed, single or double quotes removed.
    package init(environmentFileIn folder: URL) {
        var variables: [String: String] = [:]
        let file = folder.appendingPathComponent(".env")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            for rawLine in text.split(whereSeparator: \.isNewline) {
                var line = rawLine.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
                if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
                guard let separator = line.firstIndex(of: "=") ?? Optional(equals) else { continue }
                let name = line[..<separator].trimmingCharacters(in: .whitespaces)
                var value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                    value = String(value.dropFirst().dropLast())
                } else if let comment = value.range(of: " #") {
                    value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
                }
                if !name.isEmpty { variables[name] = value }
            }
        }
        self.init(variables: variables)
    }

    /// `text` with every variable replaced, and the names of required variables that are unset.
    package func interpolate(_ text: String) -> (text: String, missing: [String]) {
        guard text.contains("$") else { return (text, []) }
        var result = ""
        var missing: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else {
                result.append("$")
                break
            }
            if text[next] == "$" {
                result.append("$")
                index = text.index(after: next)
            } else if text[next] == "{", let close = Self.matchingBrace(in: text, from: next) {
                let expression = String(text[text.index(after: next)..<close])
                let (value, unset) = evaluate(expression)
                result += value ?? String(text[index...close])
                missing += unset
                index = text.index(after: close)
            } else if text[next] == "_" || text[next].isLetter {
                var end = next
                while end < text.endIndex, text[end] == "_" || text[end].isLetter || text[end].isNumber { end = text.index(after: end) }
                result += variables[String(text[next..<end])] ?? String(text[index..<end])
                index = end
            } else {
                result.append("$")
                index = next
            }
        }
        return (result, missing)
    }

    /// One `${…}` expression: its value (`nil` when it depends on a variable `.env` does not set),
    /// and the required variables that were unset.
    private func evaluate(_ expression: String) -> (String?, [String]) {
        guard let operatorIndex = expression.firstIndex(where: { [":", "-", "?", "+"].contains($0) }) else {
            return (variables[expression], [])
        }
        let name = String(expression[..<operatorIndex])
        var rest = expression[operatorIndex...]
        let colon = rest.first == ":"
        if colon { rest = rest.dropFirst() }
        guard let op = rest.first else { return (variables[name], []) }
        let argument = interpolate(String(rest.dropFirst())).text
        let value = variables[name]
        let isSet = colon ? !(value ?? "").isEmpty : value != nil
        switch op {
        case "-": return (isSet ? value! : argument, [])
        case "+": return (isSet ? argument : (value == nil ? nil : ""), [])
        case "?": return isSet ? (value!, []) : (nil, [name])
        default: return (value, [])
        }
    }

    /// The `}` closing the `{` at `open`, counting nested `${…}`.
    private static func matchingBrace(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `node` with every scalar interpolated (keys too), locations kept.
    package func interpolate(_ node: ConfigNode) -> ConfigNode {
        switch node.value {
        case .scalar(let text, let isPlain):
            return ConfigNode(.scalar(interpolate(text).text, isPlain: isPlain), at: node.location)
        case .mapping(let entries):
            return ConfigNode(
                .mapping(entries.map { ConfigNode.Entry(key: interpolate($0.key).text, keyLocation: $0.keyLocation, value: interpolate($0.value)) }),
                at: node.location
            )
        case .sequence(let elements):
            return ConfigNode(.sequence(elements.map { interpolate($0) }), at: node.location)
        case .null:
            return node
        }
    }
}
