/// The answer of `GET /storage`: ``ReceiverStorageUsage``'s counts, and the export requests in
/// flight with their bytes (what ``OTLPReceiverConfiguration/maximumConcurrentExports`` and
/// ``OTLPReceiverConfiguration/maximumInFlightBytes`` limit), in one JSON object.
struct StorageAnswer: Encodable {
    var usage: ReceiverStorageUsage
    var inFlightRequests: Int
    var inFlightBytes: Int

    private enum CodingKeys: String, CodingKey {
        case inFlightRequests, inFlightBytes
    }

    func encode(to encoder: any Encoder) throws {
        try usage.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inFlightRequests, forKey: .inFlightRequests)
        try container.encode(inFlightBytes, forKey: .inFlightBytes)
    }
}
