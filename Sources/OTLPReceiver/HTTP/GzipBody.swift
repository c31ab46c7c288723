import CompressNIO
import NIOCore

/// Inflates a gzip request body under a size limit, and checks what the inflater does not: that
/// the stream is complete (a body cut anywhere, or holding nothing but a header, is refused
/// instead of read as a shorter request) and that its CRC-32 and length trailer match.
enum GzipBody {
    enum Failure: Error, Equatable {
        /// Inflates to more than the limit.
        case tooLarge
        /// Not a complete, valid gzip stream; the reason says what is wrong.
        case invalid(String)
    }

    static func inflate(_ body: inout ByteBuffer, limit: Int) throws(Failure) -> ByteBuffer {
        let bytes = Array(body.readableBytesView)
        // A gzip member is at least a 10-byte header and an 8-byte trailer.
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B else { throw .invalid("not a gzip stream") }
        let inflated: ByteBuffer
        do {
            // compress-nio throws bufferOverflow when the output reaches maxSize, so allow one
            // byte more and compare: a body that inflates to exactly the limit is accepted.
            inflated = try body.decompress(with: .gzip(), maxSize: limit == Int.max ? limit : limit + 1)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw .tooLarge
        } catch {
            throw .invalid("\(error)")
        }
        guard inflated.readableBytes <= limit else { throw .tooLarge }
        let trailer = bytes.suffix(8)
        let storedCRC = trailer.prefix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let storedSize = trailer.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let data = Array(inflated.readableBytesView)
        guard storedSize == UInt32(truncatingIfNeeded: data.count), storedCRC == CRC32.checksum(data) else {
            throw .invalid("the stream is truncated or its trailer does not match the data")
        }
        return inflated
    }
}

/// CRC-32 (IEEE 802.3), as gzip's trailer carries it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
