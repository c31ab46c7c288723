/// Reads protobuf's wire format from a byte buffer, field by field, for the direct decoders.
///
/// Every read returns `nil` on anything it cannot read (a truncated value, a varint of more than
/// ten bytes, a wire type it does not handle): the direct decoders then give up, and the
/// generated decoder decodes the request, or names what is wrong with it.
struct ProtobufReader {
    /// The wire types a field can have.
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    private let bytes: UnsafeRawBufferPointer
    private var position: Int
    private let end: Int

    /// A reader of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    private init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type; `nil` at a malformed tag (longer than 5 bytes
    /// included) or one of an unhandled wire type (groups).
    mutating func field() -> (number: UInt32, type: WireType)? {
        // SwiftProtobuf reads a tag of at most 5 bytes (32 bits) and refuses a longer one, even
        // an over-long encoding of a small number: so does this reader (the generated path then
        // throws).
        let start = position
        guard let tag = varint(), position - start <= 5, tag >> 3 != 0, tag >> 3 <= UInt64(UInt32.max >> 3),
            let type = WireType(rawValue: UInt8(tag & 7))
        else { return nil }
        return (UInt32(tag >> 3), type)
    }

    /// A base-128 varint.
    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    /// Eight little-endian bytes.
    mutating func fixed64() -> UInt64? {
        guard end - position >= 8 else { return nil }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return value
    }

    /// Four little-endian bytes.
    mutating func fixed32() -> UInt32? {
        guard end - position >= 4 else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(bytes[position + offset]) << (8 * UInt32(offset)) }
        position += 4
        return value
    }

    /// A length-delimited value's bytes.
    mutating func lengthDelimited() -> UnsafeRawBufferPointer? {
        guard let length = varint(), length <= UInt64(end - position) else { return nil }
        let start = position
        position += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }

    /// A reader of an embedded message's bytes.
    mutating func message() -> ProtobufReader? {
        guard let length = varint(), length <= UInt64(end - position) else { return nil }
        let start = position
        position += Int(length)
        return ProtobufReader(bytes, from: start, to: position)
    }

    /// Reads a message's fields to its end: `read` reads each field numbered in `known` and
    /// returns `false` to give up (a wrong wire type, a value it rejects); other fields are
    /// skipped, as the generated decoder skips unknown fields. `false` when a field cannot be read.
    @inline(__always)
    mutating func readFields(known: ClosedRange<UInt32>, _ read: (UInt32, WireType, inout ProtobufReader) -> Bool) -> Bool {
        while !isAtEnd {
            guard let (number, type) = field() else { return false }
            if known.contains(number) {
                guard read(number, type, &self) else { return false }
            } else {
                guard skip(type) else { return false }
            }
        }
        return true
    }

    /// How many length-delimited fields numbered `number` the rest of the message holds, without
    /// reading them: the capacity to reserve, so that arrays the store keeps are no larger than
    /// their contents (growing by doubling leaves up to half of a buffer unused).
    func count(lengthDelimited number: UInt32) -> Int {
        var reader = self
        var count = 0
        while !reader.isAtEnd {
            guard let (field, type) = reader.field(), reader.skip(type) else { break }
            if field == number, type == .lengthDelimited { count += 1 }
        }
        return count
    }

    /// Skips a value of `type`; `false` when it is truncated.
    mutating func skip(_ type: WireType) -> Bool {
        switch type {
        case .varint: return varint() != nil
        case .fixed64: return fixed64() != nil
        case .fixed32: return fixed32() != nil
        case .lengthDelimited: return lengthDelimited() != nil
        }
    }
}
