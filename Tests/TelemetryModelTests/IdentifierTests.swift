import Foundation
import TelemetryModel
import Testing

@Suite("Trace and span ids")
struct IdentifierTests {
    @Test("hex round trip, lowercase output, case-insensitive input")
    func hex() {
        let id = TraceID(hex: "0AF7651916CD43DD8448EB211C80319C")
        #expect(id?.hex == "0af7651916cd43dd8448eb211c80319c")
        #expect(id == TraceID(hex: "0af7651916cd43dd8448eb211c80319c"))
        #expect(SpanID(hex: "B7AD6B7169203331")?.description == "b7ad6b7169203331")
    }

    @Test("bytes are big-endian and lengths are exact")
    func bytes() {
        let id = TraceID(bytes: Array(1...16))
        #expect(id?.hex == "0102030405060708090a0b0c0d0e0f10")
        #expect(id?.bytes == Array(1...16))
        #expect(TraceID(bytes: Array(1...15)) == nil)
        #expect(SpanID(bytes: [1, 2, 3, 4, 5, 6, 7, 8])?.hex == "0102030405060708")
        #expect(SpanID(bytes: [1, 2, 3]) == nil)
    }

    @Test(
        "malformed hex is rejected",
        arguments: ["", "xyz", "0af7651916cd43dd8448eb211c80319", "0af7651916cd43dd8448eb211c80319cc", "0af7651916cd43dd8448eb211c80319g"]
    )
    func malformedHex(_ text: String) {
        #expect(TraceID(hex: text) == nil)
    }

    @Test("Codable writes hex strings")
    func codable() throws {
        let span = SpanID(0xDEAD_BEEF)
        let data = try JSONEncoder().encode([span])
        #expect(String(decoding: data, as: UTF8.self) == #"["00000000deadbeef"]"#)
        #expect(try JSONDecoder().decode([SpanID].self, from: data) == [span])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TraceID].self, from: Data(#"["nothex"]"#.utf8)) }
    }
}
