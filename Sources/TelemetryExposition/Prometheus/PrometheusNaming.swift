public import TelemetryModel

/// The names the OpenTelemetry Collector's prometheus exporter gives to OTLP metrics and
/// attributes, with its default settings (`add_metric_suffixes: true`, UTF-8 escaped to
/// underscores).
///
/// Followed: `github.com/prometheus/otlptranslator` `MetricNamer`/`LabelNamer` (2025, the
/// library opentelemetry-collector-contrib's `exporter/prometheusexporter` uses since v0.131.0,
/// PR #39827; it carries the rules of contrib's `pkg/translator/prometheus/normalize_name.go`):
/// - the name is split into tokens at every character outside `[a-zA-Z0-9:]` (so runs of
///   invalid characters and underscores collapse into one `_`);
/// - the unit is split at the first `/`; a part containing `{` or `}` (an annotation such as
///   `{request}`) adds nothing; the main part is mapped through the UCUM table (`s` → `seconds`,
///   `By` → `bytes`, `KiBy` → `kibibytes`, `1` → nothing, `%` → `percent`, …) and the per part
///   becomes `per_<singular>` (`s` → `per_second`); a unit word already among the tokens is not
///   added again;
/// - monotonic sums end in `_total` (an existing `total` token moves to the end), gauges with
///   unit `1` in `_ratio`; non-monotonic sums are gauges but get no `_ratio`;
/// - the namespace, when set, is the first token; a name starting with a digit gets a `_`.
public enum PrometheusNaming {
    /// The exposed name of `metric`, or `nil` when nothing valid is left of it (the exporter
    /// then drops the metric).
    public static func metricName(for metric: Metric, namespace: String = "") -> String? {
        metricName(metric.name, unit: metric.unit, type: PrometheusMetricType(metric.data), namespace: namespace)
    }

    /// The label name of an attribute key: every character outside `[a-zA-Z0-9_]` becomes `_`
    /// (one per character, no collapsing), a leading digit gets `key_` and a single leading
    /// underscore `key`. `nil` when the key is empty or the result starts with `__`, which
    /// Prometheus reserves (client_golang refuses such a label, and the exporter drops the
    /// series).
    public static func labelName(for key: String) -> String? {
        guard !key.isEmpty else { return nil }
        var name = String(String.UnicodeScalarView(key.unicodeScalars.map { isLabelCharacter($0) ? $0 : "_" }))
        if let first = name.unicodeScalars.first, isDigit(first) {
            name = "key_" + name
        } else if name.hasPrefix("_") && !name.hasPrefix("__") {
            name = "key" + name
        }
        return name.hasPrefix("__") ? nil : name
    }

    // MARK: - Internals

    static func metricName(_ name: String, unit: String, type: PrometheusMetricType, namespace: String) -> String? {
        var tokens = name.unicodeScalars
            .split(whereSeparator: { !isMetricCharacter($0) })
            .map { String(String.UnicodeScalarView($0)) }
        let (mainUnit, perUnit) = unitSuffixes(unit)
        tokens = addingUnitTokens(tokens, main: cleanedUnit(mainUnit), per: cleanedUnit(perUnit))
        if type == .monotonicCounter {
            tokens = tokens.filter { $0 != "total" } + ["total"]
        }
        if unit == "1" && type == .gauge {
            tokens = tokens.filter { $0 != "ratio" } + ["ratio"]
        }
        if !namespace.isEmpty {
            tokens.insert(escapedNamespace(namespace), at: 0)
        }
        var result = tokens.joined(separator: "_")
        if let first = result.unicodeScalars.first, isDigit(first) {
            result = "_" + result
        }
        guard !result.isEmpty else { return nil }
        if result != name && result.allSatisfy({ $0 == "_" }) { return nil }
        return result
    }

    /// The exporter's target_info name: `target_info`, after the namespace run through the label
    /// namer.
    static func targetInfoName(namespace: String) -> String {
        guard !namespace.isEmpty, let prefix = labelName(for: namespace) else { return "target_info" }
        return prefix + "_target_info"
    }

    /// otlptranslator's `unitMap`.
    private static let unitWords: [String: String] = [
        // Time
        "d": "days", "h": "hours", "min": "minutes", "s": "seconds",
        "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds",
        // Bytes
        "By": "bytes", "KiBy": "kibibytes", "MiBy": "mebibytes", "GiBy": "gibibytes", "TiBy": "tibibytes",
        "KBy": "kilobytes", "MBy": "megabytes", "GBy": "gigabytes", "TBy": "terabytes",
        // SI
        "m": "meters", "V": "volts", "A": "amperes", "J": "joules", "W": "watts", "g": "grams",
        // Misc
        "Cel": "celsius", "Hz": "hertz", "1": "", "%": "percent",
    ]

    /// otlptranslator's `perUnitMap`.
    private static let perUnitWords: [String: String] = [
        "s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year",
    ]

    /// `buildUnitSuffixes`: the main and `per_` suffixes before character clean-up.
    private static func unitSuffixes(_ unit: String) -> (main: String, per: String) {
        let parts = unit.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var main = ""
        var per = ""
        if let first = parts.first {
            let mainUnit = first.trimmingWhitespace
            if !mainUnit.isEmpty && !mainUnit.containsBrace {
                main = unitWords[mainUnit] ?? mainUnit
            }
            if parts.count > 1 && !parts[1].isEmpty {
                let perUnit = parts[1].trimmingWhitespace
                if !perUnit.isEmpty && !perUnit.containsBrace {
                    per = perUnitWords[perUnit] ?? perUnit
                }
                if !per.isEmpty { per = "per_" + per }
            }
        }
        return (main, per)
    }

    /// `cleanUpUnit`: invalid characters become `_`, runs of `_` collapse, one leading `_` goes.
    private static func cleanedUnit(_ unit: String) -> String {
        var result = ""
        var lastWasUnderscore = false
        for scalar in unit.unicodeScalars {
            let character: Unicode.Scalar = isMetricCharacter(scalar) ? scalar : "_"
            if character == "_" {
                if lastWasUnderscore { continue }
                lastWasUnderscore = true
            } else {
                lastWasUnderscore = false
            }
            result.unicodeScalars.append(character)
        }
        if result.hasPrefix("_") { result.removeFirst() }
        return result
    }

    /// `addUnitTokens`.
    private static func addingUnitTokens(_ tokens: [String], main: String, per: String) -> [String] {
        var main = main
        var per = per
        if tokens.contains(main) { main = "" }
        if per == "per_" {
            per = ""
        } else {
            if per.hasSuffix("_") { per.removeLast() }
            if tokens.contains(per) { per = "" }
        }
        if !per.isEmpty && main.hasSuffix("_") { main.removeLast() }
        var result = tokens
        if !main.isEmpty { result.append(main) }
        if !per.isEmpty { result.append(per) }
        return result
    }

    /// The namespace with characters a metric name cannot hold replaced by `_`, which is what
    /// the exposition's underscore escaping does to the names the exporter builds from it.
    private static func escapedNamespace(_ namespace: String) -> String {
        String(String.UnicodeScalarView(namespace.unicodeScalars.map { isMetricCharacter($0) || $0 == "_" ? $0 : "_" }))
    }

    private static func isMetricCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || isDigit(scalar) || scalar == ":"
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || isDigit(scalar) || scalar == "_"
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}

extension String {
    /// Go's `strings.TrimSpace` for the ASCII cases that occur in units.
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        let trimmed = scalars.reversed().drop { $0.properties.isWhitespace }.reversed()
        return String(String.UnicodeScalarView(trimmed))
    }

    fileprivate var containsBrace: Bool { contains("{") || contains("}") }
}
