import Testing

@testable import TelemetryExposition

@Suite("Go number and duration formatting")
struct GoFormattingTests {
    @Test(
        "strconv 'g' shortest, as Prometheus text writes values",
        arguments: [
            (1e6, "1e+06"), (123_456, "123456"), (1_234_567, "1.234567e+06"), (0.0001, "0.0001"),
            (0.00001, "1e-05"), (2.3, "2.3"), (-0.5, "-0.5"), (1e21, "1e+21"), (5e-324, "5e-324"),
            (0.1 + 0.2, "0.30000000000000004"), (100, "100"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
        ] as [(Double, String)]
    )
    func shortestG(value: Double, expected: String) {
        #expect(GoFloat.shortestG(value) == expected)
    }

    @Test(
        "encoding/json floats",
        arguments: [
            (1e-7, "1e-7"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (72.5, "72.5"),
            (0.000001, "0.000001"), (1, "1"), (-2.5e-10, "-2.5e-10"), (1.5e300, "1.5e+300"),
        ] as [(Double, String)]
    )
    func json(value: Double, expected: String) {
        #expect(GoFloat.json(value) == expected)
    }

    @Test(
        "time.ParseDuration",
        arguments: [
            ("10ms", Int64(10_000_000)), ("1.5s", 1_500_000_000), ("1h2m", 3_720_000_000_000), ("0", 0),
            ("250us", 250_000), ("3µs", 3_000), ("-2s", -2_000_000_000), (".5m", 30_000_000_000),
        ] as [(String, Int64)]
    )
    func parseDuration(text: String, nanoseconds: Int64) {
        #expect(GoDuration.nanoseconds(text) == .success(nanoseconds))
    }

    @Test("time.ParseDuration errors")
    func parseDurationErrors() {
        #expect(GoDuration.nanoseconds("abc") == .failure(GoDurationError(message: #"time: invalid duration "abc""#)))
        #expect(GoDuration.nanoseconds("10") == .failure(GoDurationError(message: #"time: missing unit in duration "10""#)))
        #expect(GoDuration.nanoseconds("3d") == .failure(GoDurationError(message: #"time: unknown unit "d" in duration "3d""#)))
    }

    @Test(
        "time.Duration.String",
        arguments: [
            (Int64(0), "0s"), (999, "999ns"), (1_500, "1.5µs"), (1_500_000, "1.5ms"), (2_000_000_000, "2s"),
            (3_723_500_000_000, "1h2m3.5s"), (-1_500_000, "-1.5ms"), (60_000_000_000, "1m0s"),
        ] as [(Int64, String)]
    )
    func durationString(nanoseconds: Int64, expected: String) {
        #expect(GoDuration.string(nanoseconds: nanoseconds) == expected)
    }

    @Test("RFC 3339 timestamps in nanoseconds")
    func rfc3339() {
        #expect(RFC3339.unixNanoseconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339.unixNanoseconds("2023-11-14T22:13:20.000000001Z") == 1_700_000_000_000_000_001)
        #expect(RFC3339.unixNanoseconds("2023-11-15T00:13:20.5+02:00") == 1_700_000_000_500_000_000)
        #expect(RFC3339.unixNanoseconds("2023-11-14 22:13:20Z") == nil)
        #expect(RFC3339.unixNanoseconds("yesterday") == nil)
    }
}

@Suite("Go JSON string escaping")
struct GoJSONEscapingTests {
    /// encoding/json's escaping written scalar by scalar, the reference the byte-level writer must
    /// match.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += #"\""#
            case "\\": out += #"\\"#
            case "\n": out += #"\n"#
            case "\r": out += #"\r"#
            case "\t": out += #"\t"#
            case "\u{08}": out += #"\b"#
            case "\u{0C}": out += #"\f"#
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            case _ where scalar.value < 0x20:
                out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test(
        "strings are escaped as encoding/json escapes them, runs of plain bytes copied whole",
        arguments: [
            "", "plain ascii", "a \"quoted\" \\ path\\", "<script>&amp;</script>", "line\nfeed\rtab\tbell\u{07}",
            "\u{08}\u{0C}\u{00}\u{1F}\u{7F}", "sep\u{2028}ara\u{2029}tors", "\u{2027}\u{202A} near the separators",
            "é日本語 😀 mixed \u{2028}", "\u{2028}", "ends with E2 80 \u{2020}", String(repeating: "x", count: 5_000) + "<",
        ]
    )
    func escaping(text: String) {
        var writer = GoJSONWriter()
        writer.string(text)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == Self.reference(text))
    }

    @Test("every scalar below U+0080, and the two separators, alone and between letters")
    func everyASCIIScalar() {
        for value in Array(0..<0x80) + [0x2028, 0x2029] {
            let text = "a" + String(Unicode.Scalar(UInt32(value))!) + "b"
            var writer = GoJSONWriter()
            writer.string(text)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == Self.reference(text), "U+\(String(value, radix: 16))")
        }
    }
}
