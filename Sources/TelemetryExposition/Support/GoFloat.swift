/// Formats doubles exactly as Go's `strconv.FormatFloat` does, because the formats this module
/// imitates are written by Go programs (the collector, client_golang's expfmt, Jaeger).
///
/// The digits are the shortest that round-trip, which Swift's `description` also produces; only
/// the layout differs between the languages.
enum GoFloat {
    /// `strconv.FormatFloat(value, 'g', -1, 64)`: exponent form when the decimal exponent is
    /// below -4 or at least 6 (`1e+06`, `1.5e-05`), plain otherwise (`123456`, `0.001`).
    static func shortestG(_ value: Double) -> String {
        if let special = special(value) { return special }
        let (negative, digits, point) = decimal(value)
        let exponent = point - 1
        let body =
            exponent < -4 || exponent >= 6
            ? exponential(digits, exponent: exponent)
            : fixed(digits, point: point)
        return negative ? "-" + body : body
    }

    /// The number as Go's `encoding/json` writes a `float64` (the ES6 rule): plain between 1e-6
    /// and 1e21, exponent form outside with the exponent's leading zero removed (`1e-7`).
    static func json(_ value: Double) -> String {
        if let special = special(value) { return special }
        let magnitude = Swift.abs(value)
        let (negative, digits, point) = decimal(value)
        var body: String
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            body = exponential(digits, exponent: point - 1)
            // "e-07" -> "e-7", as encoding/json does.
            if let range = body.range(of: "e-0") { body.replaceSubrange(range, with: "e-") }
        } else {
            body = fixed(digits, point: point)
        }
        return negative ? "-" + body : body
    }

    /// The spellings Go uses for the values that have no digits.
    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        return nil
    }

    /// The shortest round-tripping decimal digits of `value` (no leading or trailing zeros) and
    /// the position of the decimal point: `value = ±0.d₁d₂… × 10^point`. Zero has no digits.
    static func decimal(_ value: Double) -> (negative: Bool, digits: [UInt8], point: Int) {
        let negative = value.sign == .minus
        guard value != 0 else { return (negative, [], 0) }
        let text = Swift.abs(value).description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1].drop { $0 == "+" }) ?? 0 : 0
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for byte in parts[0].utf8 {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(byte)
            if !seenPoint { point += 1 }
        }
        point += exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") {
            digits.removeLast()
        }
        return (negative, digits, point)
    }

    /// `d.ddde±XX`, with at least two exponent digits.
    private static func exponential(_ digits: [UInt8], exponent: Int) -> String {
        var result = String(decoding: digits.prefix(1), as: UTF8.self)
        if digits.isEmpty { result = "0" }
        if digits.count > 1 {
            result += "." + String(decoding: digits.dropFirst(), as: UTF8.self)
        }
        let magnitude = Swift.abs(exponent)
        result += exponent < 0 ? "e-" : "e+"
        result += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return result
    }

    /// Plain notation with exactly the digits needed.
    private static func fixed(_ digits: [UInt8], point: Int) -> String {
        if digits.isEmpty { return "0" }
        let text = String(decoding: digits, as: UTF8.self)
        if point <= 0 {
            return "0." + String(repeating: "0", count: -point) + text
        }
        if point >= digits.count {
            return text + String(repeating: "0", count: point - digits.count)
        }
        let index = text.index(text.startIndex, offsetBy: point)
        return String(text[..<index]) + "." + String(text[index...])
    }
}
