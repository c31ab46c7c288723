import Foundation

extension ScenarioReport {
    /// A table of the results for a terminal, then each failure's detail and saved logs.
    public var summaryTable: String {
        let rows = results.map { ($0.name, $0.status.rawValue.uppercased(), String(format: "%.1f s", $0.duration.seconds), firstLine($0.detail)) }
        let widths = (
            max(8, rows.map(\.0.count).max() ?? 0), max(6, rows.map(\.1.count).max() ?? 0), max(4, rows.map(\.2.count).max() ?? 0)
        )
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = ["\(pad("scenario", widths.0))  \(pad("result", widths.1))  \(pad("time", widths.2))  detail"]
        lines.append(String(repeating: "-", count: widths.0 + widths.1 + widths.2 + 14))
        for row in rows { lines.append("\(pad(row.0, widths.0))  \(pad(row.1, widths.1))  \(pad(row.2, widths.2))  \(row.3)") }
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        lines.append("")
        lines.append(
            String(
                format: "%@ driver: %d passed, %d failed, %d skipped; stack up in %.1f s; %.1f s in all",
                driver,
                counts[.passed] ?? 0,
                counts[.failed] ?? 0,
                counts[.skipped] ?? 0,
                startup.seconds,
                duration.seconds
            )
        )
        for result in results where result.status == .failed {
            lines.append("")
            lines.append("\(result.name) FAILED:")
            lines.append(contentsOf: result.detail.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
            if !result.savedLogs.isEmpty { lines.append("  component logs: " + result.savedLogs.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    private func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 110 ? String(line.prefix(107)) + "..." : line
    }
}
