import Foundation
import TelemetryModel

/// Writes JSON text into a byte buffer. Objects are written member by member; the writer
/// inserts commas itself.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member or element in the innermost container needs a comma first.
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":` in an object; the value follows with one of the other calls.
    mutating func key(_ key: String) {
        separate()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
    }

    /// A number written bare (32-bit integers).
    mutating func number(_ value: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: Array(String(value).utf8))
    }

    /// A 64-bit integer written as a decimal string, as the protobuf JSON mapping does.
    mutating func int64String(_ value: some BinaryInteger) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: Array(String(value).utf8))
        bytes.append(UInt8(ascii: "\""))
    }

    /// A double; NaN and the infinities as the strings the mapping defines.
    mutating func double(_ value: Double) {
        if value.isNaN {
            string("NaN")
        } else if value.isInfinite {
            string(value > 0 ? "Infinity" : "-Infinity")
        } else {
            separate()
            bytes.append(contentsOf: Array(value.description.utf8))
        }
    }

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
