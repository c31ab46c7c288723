/// Writes metric families as prometheus/common's expfmt does: `MetricFamilyToText` for the
/// text format 0.0.4 and `MetricFamilyToOpenMetrics` (no `# UNIT`, no `_created` lines, as
/// promhttp's defaults) for OpenMetrics 1.0.0. No timestamps (the exporter's
/// `send_timestamps: false`).
struct PrometheusTextWriter {
    var format: PrometheusExpositionFormat

    func write(_ families: [PrometheusFamily]) -> String {
        var output = ""
        for family in families {
            write(family, to: &output)
        }
        if format == .openMetrics { output += "# EOF\n" }
        return output
    }

    private var isOpenMetrics: Bool { format == .openMetrics }

    private func write(_ family: PrometheusFamily, to output: inout String) {
        // OpenMetrics names a counter family without `_total`; its sample keeps it.
        var familyName = family.name
        if isOpenMetrics && family.type == .counter && familyName.hasSuffix("_total") {
            familyName.removeLast("_total".count)
        }
        output += "# HELP \(familyName) \(escapedHelp(family.help))\n"
        output += "# TYPE \(familyName) \(family.type.rawValue)\n"
        for sample in family.samples {
            switch sample.value {
            case .number(let value, let exemplar):
                line(family.name, "", sample.labels, value: float(value), exemplar: family.type == .counter ? exemplar : nil, to: &output)
            case .histogram(let buckets, let sampleCount, let sum):
                var sawInfinity = false
                for bucket in buckets {
                    if bucket.upperBound == .infinity { sawInfinity = true }
                    line(
                        family.name,
                        "_bucket",
                        sample.labels,
                        extra: ("le", float(bucket.upperBound)),
                        value: count(bucket.cumulativeCount),
                        exemplar: bucket.exemplar,
                        to: &output
                    )
                }
                if !sawInfinity {
                    line(family.name, "_bucket", sample.labels, extra: ("le", "+Inf"), value: count(sampleCount), to: &output)
                }
                line(family.name, "_sum", sample.labels, value: float(sum), to: &output)
                line(family.name, "_count", sample.labels, value: count(sampleCount), to: &output)
            case .summary(let quantiles, let sampleCount, let sum):
                for entry in quantiles {
                    line(family.name, "", sample.labels, extra: ("quantile", float(entry.quantile)), value: float(entry.value), to: &output)
                }
                line(family.name, "_sum", sample.labels, value: float(sum), to: &output)
                line(family.name, "_count", sample.labels, value: count(sampleCount), to: &output)
            }
        }
    }

    private func line(
        _ name: String,
        _ suffix: String,
        _ labels: [PrometheusLabel],
        extra: (String, String)? = nil,
        value: String,
        exemplar: PrometheusSample.Exemplar? = nil,
        to output: inout String
    ) {
        output += name + suffix
        output += labelSet(labels, extra: extra)
        output += " " + value
        if isOpenMetrics, let exemplar {
            output += " # " + (exemplar.labels.isEmpty ? "{}" : labelSet(exemplar.labels))
            output += " " + float(exemplar.value)
            output += " " + float(Double(exemplar.timeUnixNano) / 1e9)
        }
        output += "\n"
    }

    private func labelSet(_ labels: [PrometheusLabel], extra: (String, String)? = nil) -> String {
        var pairs = labels.map { "\($0.name)=\"\(escapedLabelValue($0.value))\"" }
        if let extra { pairs.append("\(extra.0)=\"\(extra.1)\"") }
        return pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    /// `writeFloat` (text) or `writeOpenMetricsFloat` (OpenMetrics, which adds `.0` to
    /// integral values).
    private func float(_ value: Double) -> String {
        let text =
            switch value {
            case 1: "1"
            case 0: "0"
            case -1: "-1"
            default: GoFloat.shortestG(value)
            }
        guard isOpenMetrics, value.isFinite, !text.contains("."), !text.contains("e") else { return text }
        return text + ".0"
    }

    /// Counts: a float in the text format, an integer in OpenMetrics.
    private func count(_ value: UInt64) -> String {
        isOpenMetrics ? String(value) : float(Double(value))
    }

    /// Label values escape `\`, `"` and newlines in both formats.
    private func escapedLabelValue(_ value: String) -> String {
        var result = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Help text escapes `\` and newlines; OpenMetrics also `"`.
    private func escapedHelp(_ help: String) -> String {
        var result = ""
        for character in help.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where isOpenMetrics: result += "\\\""
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
