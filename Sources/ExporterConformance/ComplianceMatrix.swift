import Foundation

/// The verdict of every case on every exporter.
public struct ComplianceMatrix: Sendable {
    /// A case: its id and what it checks.
    public struct Row: Sendable, Hashable, Codable {
        /// The case id.
        public var id: String
        /// What the specification requires.
        public var requirement: String

        /// Creates a row.
        public init(id: String, requirement: String) {
            self.id = id
            self.requirement = requirement
        }
    }

    /// The cases, in order.
    public var cases: [Row]
    /// The exporters (name and transport), in order.
    public var columns: [String]
    /// Verdicts by case id and column; missing means not applicable.
    public var verdicts: [String: [String: CaseVerdict]]

    /// Creates a matrix.
    public init(cases: [Row], columns: [String], verdicts: [String: [String: CaseVerdict]]) {
        self.cases = cases
        self.columns = columns
        self.verdicts = verdicts
    }

    /// The verdict of a case on an exporter's column.
    public func verdict(for caseID: String, on column: String) -> CaseVerdict {
        verdicts[caseID]?[column] ?? .notApplicable
    }

    /// Whether any case failed or could not run.
    public var hasFailures: Bool {
        verdicts.values.contains { $0.values.contains { if case .pass = $0 { false } else if case .notApplicable = $0 { false } else { true } } }
    }

    /// Passes, failures and errors per column.
    public func counts(_ column: String) -> (passed: Int, failed: Int, errors: Int) {
        let all = cases.map { verdict(for: $0.id, on: column) }
        return (
            all.filter { if case .pass = $0 { true } else { false } }.count, all.filter(\.isFailure).count,
            all.filter { if case .error = $0 { true } else { false } }.count
        )
    }

    /// A terminal table of marks, then every failure and error with what was seen.
    public var text: String {
        let width = max(cases.map(\.id.count).max() ?? 0, 4)
        let columnWidth = columns.map(\.count).max().map { max($0, 3) } ?? 3
        var lines = [
            ("case".padding(toLength: width, withPad: " ", startingAt: 0)) + "  "
                + columns.map { $0.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        ]
        for row in cases {
            lines.append(
                row.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + columns.map { verdict(for: row.id, on: $0).mark.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }.joined(
                        separator: "  "
                    )
            )
        }
        lines.append("")
        for column in columns {
            let (passed, failed, errors) = counts(column)
            lines.append("\(column): \(passed) passed, \(failed) failed\(errors > 0 ? ", \(errors) could not run" : "")")
            for row in cases {
                let verdict = verdict(for: row.id, on: column)
                if verdict.isFailure || { if case .error = verdict { true } else { false } }() {
                    lines.append("  \(verdict.mark) \(row.id): \(verdict.detail)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown table with the detail of every cell, for docs and CI summaries.
    public var markdown: String {
        var lines = ["| case | requirement | " + columns.joined(separator: " | ") + " |", "|---|---|" + columns.map { _ in "---|" }.joined()]
        for row in cases {
            let cells = columns.map { column -> String in
                let verdict = verdict(for: row.id, on: column)
                let detail = verdict.detail.replacingOccurrences(of: "|", with: "\\|")
                return detail.isEmpty ? verdict.mark : "\(verdict.mark) \(detail)"
            }
            lines.append("| `\(row.id)` | \(row.requirement.replacingOccurrences(of: "|", with: "\\|")) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// `{"columns": […], "cases": [{"id", "requirement", "verdicts": {column: {"verdict", "detail"}}}]}`.
    public var json: String {
        let object: [String: Any] = [
            "columns": columns,
            "cases": cases.map { row -> [String: Any] in
                var cells: [String: Any] = [:]
                for column in columns {
                    let verdict = verdict(for: row.id, on: column)
                    let name =
                        switch verdict {
                        case .pass: "pass"
                        case .fail: "fail"
                        case .notApplicable: "not-applicable"
                        case .error: "error"
                        }
                    cells[column] = ["verdict": name, "detail": verdict.detail]
                }
                return ["id": row.id, "requirement": row.requirement, "verdicts": cells]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
