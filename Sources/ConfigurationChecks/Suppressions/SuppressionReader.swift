import Foundation
import StackConfiguration

/// Reads suppressions: the lines of a suppressions file, and the `# otel-harness-ignore`
/// comments of YAML files. A suppression without a rule, a place or a reason is not applied and
/// becomes a `suppression/invalid` finding.
enum SuppressionReader {
    /// The comment marker of an inline suppression.
    static let marker = "otel-harness-ignore"

    /// The suppressions of a suppressions file: one `rule file[:line] reason` a line, `#`
    /// comments and blank lines ignored, paths relative to the file's folder.
    static func file(_ url: URL, findings: inout [Finding]) -> [Suppression] {
        let name = ConfigFile.displayName(for: url)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            findings.append(ConfigRules.unreadable.finding("the suppressions file \(url.path) cannot be read", in: name, at: nil))
            return []
        }
        let folder = url.deletingLastPathComponent()
        var suppressions: [Suppression] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
            guard words.count == 3, words[0].contains("/") else {
                findings.append(
                    ConfigRules.suppressionInvalid.finding(
                        "`\(line)` is not `rule file[:line] reason`: not applied",
                        in: name,
                        at: SourceLocation(line: index + 1),
                        fix: "Write the rule id, the file (with an optional :line) and why the finding is accepted."
                    )
                )
                continue
            }
            let (place, lineNumber) = Self.place(words[1])
            let path = place.hasPrefix("/") ? place : folder.appendingPathComponent(place).standardizedFileURL.path
            suppressions.append(
                Suppression(rule: words[0], path: path, line: lineNumber, reason: words[2], origin: (name, index + 1))
            )
        }
        return suppressions
    }

    /// `file:line` split; a trailing part that is not a number belongs to the path.
    private static func place(_ text: String) -> (String, Int?) {
        guard let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) else { return (text, nil) }
        return (String(text[..<colon]), line)
    }

    /// The inline suppressions of a YAML file: `# otel-harness-ignore RULE[, RULE…]: reason`, at
    /// the end of the line it silences, or alone on the line before it.
    static func inline(in url: URL, findings: inout [Finding]) -> [Suppression] {
        guard ["yaml", "yml"].contains(url.pathExtension.lowercased()), let text = try? String(contentsOf: url, encoding: .utf8),
            text.contains(marker)
        else { return [] }
        let name = ConfigFile.displayName(for: url)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var suppressions: [Suppression] = []
        for (index, line) in lines.enumerated() {
            guard let hash = line.range(of: "# " + marker) ?? line.range(of: "#" + marker) else { continue }
            let body = line[hash.upperBound...].trimmingCharacters(in: .whitespaces)
            let parts = body.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let rules = parts.first.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            guard parts.count == 2, !parts[1].isEmpty, !rules.isEmpty, rules.allSatisfy({ $0.contains("/") }) else {
                findings.append(
                    ConfigRules.suppressionInvalid.finding(
                        "`\(line.trimmingCharacters(in: .whitespaces))` is not `# \(marker) RULE: reason`: not applied",
                        in: name,
                        at: SourceLocation(line: index + 1),
                        fix: "Name the rule and say why the finding is accepted: `# \(marker) compose/unpinned-image: we follow latest on purpose`."
                    )
                )
                continue
            }
            let standsAlone = line[..<hash.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty
            let target = standsAlone ? Self.nextContentLine(after: index, in: lines) : index + 1
            for rule in rules {
                suppressions.append(
                    Suppression(rule: rule, path: url.standardizedFileURL.path, line: target, reason: parts[1], origin: (name, index + 1))
                )
            }
        }
        return suppressions
    }

    /// The 1-based number of the first line after `index` that is neither blank nor a comment.
    private static func nextContentLine(after index: Int, in lines: [String]) -> Int {
        var next = index + 1
        while next < lines.count {
            let trimmed = lines[next].trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty && !trimmed.hasPrefix("#") { break }
            next += 1
        }
        return next + 1
    }
}
