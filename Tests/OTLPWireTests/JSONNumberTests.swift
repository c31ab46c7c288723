import Foundation
import OTLPWire
import Testing

/// Numbers must be decimal JSON numbers: nothing Swift's `Double(_:)` accepts beyond that.
@Suite("OTLP/JSON numbers")
struct JSONNumberTests {
    static func logs(body: String) -> Data {
        Data(#"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":\#(body)}]}]}]}"#.utf8)
    }

    @Test(
        "hex, infinity words and out-of-range numbers are rejected",
        arguments: [
            #"{"intValue":"0x10"}"#, #"{"intValue":"inf"}"#, #"{"doubleValue":"0x1p3"}"#, #"{"doubleValue":1e400}"#,
            #"{"doubleValue":"inf"}"#, #"{"intValue":"1e400"}"#,
        ]
    )
    func rejected(body: String) {
        #expect(throws: OTLPDecodingError.self) { try OTLPJSONDecoder().decodeLogs(Self.logs(body: body)) }
    }

    @Test("exponent notation of an exact integer is accepted")
    func exponent() throws {
        let decoded = try OTLPJSONDecoder().decodeLogs(Self.logs(body: #"{"intValue":"1e3"}"#))
        #expect(decoded.value.logRecords.first?.body == .int(1000))
    }

    @Test("keyStrindex belongs to profiles, in JSON as in protobuf")
    func keyStrindex() {
        let body = #"{"kvlistValue":{"values":[{"keyStrindex":3,"value":{"intValue":"1"}}]}}"#
        #expect(throws: OTLPDecodingError.self) { try OTLPJSONDecoder().decodeLogs(Self.logs(body: body)) }
    }
}
