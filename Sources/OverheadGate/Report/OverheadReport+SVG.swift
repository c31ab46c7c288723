import Foundation

extension OverheadReport {
    /// An SVG plot: on the left each arm's latency by percentile (log scale of 1/(1−p), as HDR
    /// plots do), on the right each round's ratio against the budget line, with the final
    /// interval as a band.
    public var svg: String {
        let width = 960.0
        let height = 380.0
        let margin = 56.0
        let gap = 72.0
        let panelWidth = (width - 2 * margin - gap) / 2
        let panelHeight = height - 2 * margin
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="380" viewBox="0 0 960 380" font-family="sans-serif" font-size="12">"#
        svg += #"<rect width="960" height="380" fill="white"/>"#
        svg += text(width / 2, 20, "Overhead gate: \(verdict?.rawValue ?? "NONE")", anchor: "middle", size: 15, weight: "bold")

        // Left: latency by percentile.
        let colors = [Arm.baseline.rawValue: "#1f77b4", Arm.instrumented.rawValue: "#d62728"]
        let points = arms.mapValues { $0.distribution.map { (x: log10(1 / max(1e-4, 1 - $0[0] / 100)), y: $0[1] * 1e3) } }
        let maxY = max(0.001, points.values.flatMap { $0.map(\.y) }.max() ?? 1) * 1.1
        let maxX = 4.0
        let left = margin
        let top = margin
        svg += axes(left, top, panelWidth, panelHeight)
        for (index, label) in ["0%", "90%", "99%", "99.9%", "99.99%"].enumerated() {
            let x = left + Double(index) / maxX * panelWidth
            svg += line(x, top + panelHeight, x, top + panelHeight + 4, "#333")
            svg += text(x, top + panelHeight + 18, label, anchor: "middle")
        }
        for tick in 0...4 {
            let value = maxY * Double(tick) / 4
            let y = top + panelHeight - Double(tick) / 4 * panelHeight
            svg += line(left - 4, y, left, y, "#333") + text(left - 6, y + 4, String(format: "%.2f", value), anchor: "end")
        }
        svg += text(left + panelWidth / 2, height - 12, "percentile", anchor: "middle")
        svg += text(left + panelWidth / 2, top - 8, "latency (ms) by percentile, all segments", anchor: "middle")
        for (arm, series) in points.sorted(by: { $0.key < $1.key }) {
            let path = series.map {
                String(format: "%.1f,%.1f", left + min($0.x, maxX) / maxX * panelWidth, top + panelHeight - $0.y / maxY * panelHeight)
            }
            svg += "<polyline fill=\"none\" stroke=\"\(colors[arm] ?? "#000")\" stroke-width=\"2\" points=\"\(path.joined(separator: " "))\"/>"
        }
        for (index, arm) in Arm.allCases.enumerated() {
            let y = top + 14 + Double(index) * 16
            svg += line(left + 10, y - 4, left + 30, y - 4, colors[arm.rawValue] ?? "#000", width: 2) + text(left + 36, y, arm.rawValue)
        }

        // Right: per-round ratios and the budget.
        let rightLeft = margin + panelWidth + gap
        let ratios = rounds.map { exp($0.logRatio) }.filter(\.isFinite)
        let budgetLine = 1 + settings.budget
        var low = min(ratios.min() ?? 1, 1, finalInterval?.ratioInterval.lowerBound ?? 1)
        var high = max(ratios.max() ?? 1, budgetLine, finalInterval?.ratioInterval.upperBound ?? 1)
        let pad = (high - low) * 0.1 + 0.005
        low -= pad
        high += pad
        func yOf(_ ratio: Double) -> Double { top + panelHeight - (ratio - low) / (high - low) * panelHeight }
        let maxRound = Double(max(settings.plan.maximumRounds, rounds.count, 1))
        func xOf(_ round: Int) -> Double { rightLeft + Double(round) / (maxRound + 1) * panelWidth }
        svg += axes(rightLeft, top, panelWidth, panelHeight)
        if let interval = finalInterval {
            let band = interval.ratioInterval
            svg += String(
                format: ##"<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#999" fill-opacity="0.25"/>"##,
                rightLeft,
                yOf(band.upperBound),
                panelWidth,
                max(1, yOf(band.lowerBound) - yOf(band.upperBound))
            )
            svg += line(rightLeft, yOf(interval.ratio), rightLeft + panelWidth, yOf(interval.ratio), "#555", dash: "2,3")
        }
        svg += line(rightLeft, yOf(budgetLine), rightLeft + panelWidth, yOf(budgetLine), "#d62728", width: 1.5, dash: "6,4")
        svg += text(rightLeft + panelWidth - 4, yOf(budgetLine) - 5, String(format: "budget %.3f", budgetLine), anchor: "end", color: "#d62728")
        svg += line(rightLeft, yOf(1), rightLeft + panelWidth, yOf(1), "#999", dash: "1,3")
        for round in rounds where exp(round.logRatio).isFinite {
            svg += String(format: ##"<circle cx="%.1f" cy="%.1f" r="3.5" fill="#1f77b4"/>"##, xOf(round.round), yOf(exp(round.logRatio)))
        }
        for tick in 0...4 {
            let value = low + (high - low) * Double(tick) / 4
            svg +=
                line(rightLeft - 4, yOf(value), rightLeft, yOf(value), "#333")
                + text(rightLeft - 6, yOf(value) + 4, String(format: "%.3f", value), anchor: "end")
        }
        for look in settings.plan.looks {
            svg +=
                line(xOf(look), top + panelHeight, xOf(look), top + panelHeight + 4, "#333")
                + text(xOf(look), top + panelHeight + 18, "\(look)", anchor: "middle")
        }
        svg += text(rightLeft + panelWidth / 2, height - 12, "round (ticks at the looks)", anchor: "middle")
        svg += text(
            rightLeft + panelWidth / 2,
            top - 8,
            "p\(OverheadBenchmark.format(settings.percentile * 100)) ratio per round; band: final interval",
            anchor: "middle"
        )
        svg += "</svg>\n"
        return svg
    }

    private func axes(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> String {
        line(x, y, x, y + height, "#333") + line(x, y + height, x + width, y + height, "#333")
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String, width: Double = 1, dash: String? = nil) -> String {
        String(
            format: #"<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%@" stroke-width="%.1f"%@/>"#,
            x1,
            y1,
            x2,
            y2,
            color,
            width,
            dash.map { #" stroke-dasharray="\#($0)""# } ?? ""
        )
    }

    private func text(
        _ x: Double,
        _ y: Double,
        _ content: String,
        anchor: String = "start",
        size: Double = 12,
        weight: String = "normal",
        color: String = "#222"
    ) -> String {
        let escaped = content.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">",
            with: "&gt;"
        )
        return String(
            format: #"<text x="%.1f" y="%.1f" text-anchor="%@" font-size="%.0f" font-weight="%@" fill="%@">%@</text>"#,
            x,
            y,
            anchor,
            size,
            weight,
            color,
            escaped
        )
    }
}
