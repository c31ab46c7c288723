import Foundation
import TelemetryModel
import Testing

@Suite("Attributes")
struct AttributesTests {
    @Test("look-up returns the first pair; order and duplicates are kept")
    func lookUp() {
        var attributes = Attributes([
            Attribute(key: "a", value: 1), Attribute(key: "b", value: "x"), Attribute(key: "a", value: 2),
        ])
        #expect(attributes["a"] == 1)
        #expect(attributes.duplicateKeys == ["a"])
        #expect(attributes.keys == ["a", "b", "a"])
        attributes["b"] = "y"
        attributes["c"] = true
        #expect(attributes.keys == ["a", "b", "a", "c"])
        attributes["a"] = nil
        #expect(attributes == ["b": "y", "c": true])
        #expect(attributes.sortedByKey.map(\.key) == ["b", "c"])
    }

    @Test("Codable round trip of every value kind")
    func codable() throws {
        let attributes: Attributes = [
            "s": "text", "b": true, "i": .int(Int64.min), "d": 2.5, "bytes": .bytes(Data([0, 255])),
            "array": ["x", 1, false], "list": .keyValueList(["nested": .array([])]), "empty": .empty,
        ]
        let decoded = try JSONDecoder().decode(Attributes.self, from: JSONEncoder().encode(attributes))
        #expect(decoded == attributes)
    }

    @Test("description is compact and unambiguous")
    func description() {
        let attributes: Attributes = ["k": "v", "n": 1, "raw": .bytes(Data([0x0A, 0xFF])), "a": [true, 1.5]]
        #expect(attributes.description == #"{k: "v", n: 1, raw: 0x0aff, a: [true, 1.5]}"#)
        let awkward = AttributeValue.string("line\nbreak \"quoted\" back\\slash \u{1}")
        #expect(awkward.description == #""line\nbreak \"quoted\" back\\slash \u{1}""#)
    }
}
