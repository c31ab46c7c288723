/// What the receiver's store holds and has evicted to stay within its caps
/// (``OTLPReceiverConfiguration/maximumStoredRequests``, ``OTLPReceiverConfiguration/maximumStoredItems``
/// and ``OTLPReceiverConfiguration/maximumStoredBytes``).
///
/// Every accepted item is either stored or evicted: accepted items = `storedItems + evictedItems`.
public struct ReceiverStorageUsage: Sendable, Hashable, Codable {
    /// Requests kept.
    public var storedRequests: Int
    /// Telemetry items (spans, data points, log records) kept.
    public var storedItems: Int
    /// The bytes the kept requests hold: their bodies, and their records' estimated heap bytes.
    public var storedBytes: Int
    /// Requests evicted, oldest first.
    public var evictedRequests: Int
    /// Items evicted, with their requests or alone (a request larger than a cap is kept without
    /// its telemetry).
    public var evictedItems: Int
    /// The bytes evicted, counted as they were when kept.
    public var evictedBytes: Int

    /// Usage with these counts.
    public init(storedRequests: Int, storedItems: Int, storedBytes: Int, evictedRequests: Int, evictedItems: Int, evictedBytes: Int) {
        self.storedRequests = storedRequests
        self.storedItems = storedItems
        self.storedBytes = storedBytes
        self.evictedRequests = evictedRequests
        self.evictedItems = evictedItems
        self.evictedBytes = evictedBytes
    }
}
