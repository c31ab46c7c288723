/// Parses durations as Go's `time.ParseDuration` does (`"10ms"`, `"1.5s"`, `"1h2m"`), which is
/// what Jaeger's query parameters `minDuration`, `maxDuration` and `query.duration_min` accept.
enum GoDuration {
    private static let units: [String: Double] = [
        "ns": 1,
        "us": 1_000, "µs": 1_000, "μs": 1_000,
        "ms": 1_000_000,
        "s": 1_000_000_000,
        "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    /// The duration in nanoseconds, or the error message Go gives for the text.
    static func nanoseconds(_ text: String) -> Result<Int64, GoDurationError> {
        let original = text
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .success(0) }
        guard !rest.isEmpty else { return .failure(.init(message: "time: invalid duration \(quoted(original))")) }
        var total: Double = 0
        while !rest.isEmpty {
            guard let first = rest.first, first == "." || first.isASCIIDigit else {
                return .failure(.init(message: "time: invalid duration \(quoted(original))"))
            }
            let integerDigits = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(integerDigits.count)
            var fractionDigits: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fractionDigits = rest.prefix(while: \.isASCIIDigit)
                rest = rest.dropFirst(fractionDigits.count)
            }
            guard !integerDigits.isEmpty || !fractionDigits.isEmpty else {
                return .failure(.init(message: "time: invalid duration \(quoted(original))"))
            }
            let unitText = rest.prefix { $0 != "." && !$0.isASCIIDigit }
            rest = rest.dropFirst(unitText.count)
            guard !unitText.isEmpty else {
                return .failure(.init(message: "time: missing unit in duration \(quoted(original))"))
            }
            guard let unit = units[String(unitText)] else {
                return .failure(.init(message: "time: unknown unit \(quoted(String(unitText))) in duration \(quoted(original))"))
            }
            let number =
                Double(String(integerDigits.isEmpty ? "0" : integerDigits) + "." + String(fractionDigits.isEmpty ? "0" : fractionDigits)) ?? 0
            total += number * unit
        }
        guard total <= Double(Int64.max) else {
            return .failure(.init(message: "time: invalid duration \(quoted(original))"))
        }
        let value = Int64(total)
        return .success(negative ? -value : value)
    }

    /// `time.Duration.String()`: `1.5ms`, `500µs`, `2h3m4.5s`, `0s`.
    static func string(nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var value = nanoseconds.magnitude
        var result: String
        if value < 1_000_000_000 {
            switch value {
            case 0: return "0s"
            case ..<1_000: result = "\(value)ns"
            case ..<1_000_000: result = fraction(value, digits: 3) + "µs"
            default: result = fraction(value, digits: 6) + "ms"
            }
        } else {
            result = fraction(value % 60_000_000_000, digits: 9) + "s"
            value /= 60_000_000_000
            if value > 0 {
                result = "\(value % 60)m" + result
                value /= 60
                if value > 0 { result = "\(value)h" + result }
            }
        }
        return negative ? "-" + result : result
    }

    /// `value / 10^digits` with the fraction's trailing zeros (and a bare point) left out.
    private static func fraction(_ value: UInt64, digits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        var fractionText = String(value % scale)
        fractionText = String(repeating: "0", count: digits - fractionText.count) + fractionText
        while fractionText.hasSuffix("0") { fractionText.removeLast() }
        return String(value / scale) + (fractionText.isEmpty ? "" : "." + fractionText)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text + "\""
    }
}
