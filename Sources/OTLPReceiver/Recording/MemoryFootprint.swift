import Foundation
import OTLPWire
import TelemetryModel

/// An estimate of the heap bytes decoded telemetry holds, for the byte cap: what a request whose
/// telemetry was set by hand (a test's own record) holds when kept.
///
/// It counts what Swift allocates: a value's own layout where it is stored inline (in an
/// array's buffer), an array's buffer (a 32-byte header and its elements), a string's buffer when
/// it is too long to be stored inline (more than 15 UTF-8 bytes), and `Data` beyond 14 bytes.
/// Allocator rounding and capacity beyond the count are not counted, and a string that many
/// values share (the decoder shares a request's repeated keys and values) is counted for each:
/// an upper estimate, 1,145 bytes per realistic span that holds 721 (measured, in the receiver's
/// documentation), so a cap evicts early rather than late.
protocol MemoryFootprint {
    /// The heap bytes this value holds beyond its own inline layout.
    var heapBytes: Int { get }
}

/// The sizes the estimate is made of.
enum HeapSize {
    /// A heap object's header (isa and reference counts) plus an array's count and capacity.
    static let arrayHeader = 32
    /// A heap object's header.
    static let objectHeader = 16

    /// A string's heap buffer: none when it is stored inline.
    static func of(_ string: String) -> Int {
        let count = string.utf8.count
        return count <= 15 ? 0 : objectHeader + 16 + roundedUp(count + 1)
    }

    /// `Data`'s heap buffer: none when it is stored inline.
    static func of(_ data: Data) -> Int {
        data.count <= 14 ? 0 : objectHeader + 16 + roundedUp(data.count)
    }

    /// An array's buffer and what its elements hold.
    static func of<Element: MemoryFootprint>(_ array: [Element]) -> Int {
        array.isEmpty ? 0 : arrayHeader + array.count * MemoryLayout<Element>.stride + array.reduce(0) { $0 + $1.heapBytes }
    }

    /// An array of plain values' buffer.
    static func ofPlain<Element>(_ array: [Element]) -> Int {
        array.isEmpty ? 0 : arrayHeader + array.count * MemoryLayout<Element>.stride
    }

    /// An array of strings' buffer and the strings' buffers.
    static func of(_ strings: [String]) -> Int {
        ofPlain(strings) + strings.reduce(0) { $0 + of($1) }
    }

    private static func roundedUp(_ count: Int) -> Int { (count + 15) & ~15 }
}

extension OTLPPayload {
    /// The heap bytes the decoded telemetry holds.
    var heapBytes: Int {
        switch self {
        case .traces(let traces): HeapSize.of(traces.resourceSpans)
        case .metrics(let metrics): HeapSize.of(metrics.resourceMetrics)
        case .logs(let logs): HeapSize.of(logs.resourceLogs)
        }
    }
}

extension Attribute: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(key) + value.heapBytes }
}

extension Attributes: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(pairs) }
}

extension AttributeValue: MemoryFootprint {
    /// Values are stored inline (the enum is not indirect: its recursive cases hold arrays).
    var heapBytes: Int {
        switch self {
        case .empty, .bool, .int, .double: 0
        case .string(let string): HeapSize.of(string)
        case .bytes(let data): HeapSize.of(data)
        case .array(let values): HeapSize.of(values)
        case .keyValueList(let attributes): attributes.heapBytes
        }
    }
}

extension Resource: MemoryFootprint {
    var heapBytes: Int { attributes.heapBytes + HeapSize.of(entityReferences) }
}

extension EntityReference: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(schemaURL) + HeapSize.of(type) + HeapSize.of(identifyingKeys) + HeapSize.of(descriptiveKeys) }
}

extension InstrumentationScope: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(name) + HeapSize.of(version) + attributes.heapBytes }
}

extension ResourceSpans: MemoryFootprint {
    var heapBytes: Int { resource.heapBytes + HeapSize.of(scopeSpans) + HeapSize.of(schemaURL) }
}

extension ScopeSpans: MemoryFootprint {
    var heapBytes: Int { scope.heapBytes + HeapSize.of(spans) + HeapSize.of(schemaURL) }
}

extension Span: MemoryFootprint {
    var heapBytes: Int {
        HeapSize.of(traceState) + HeapSize.of(name) + attributes.heapBytes + HeapSize.of(events) + HeapSize.of(links)
            + HeapSize.of(status.message)
    }
}

extension SpanEvent: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(name) + attributes.heapBytes }
}

extension SpanLink: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(traceState) + attributes.heapBytes }
}

extension ResourceLogs: MemoryFootprint {
    var heapBytes: Int { resource.heapBytes + HeapSize.of(scopeLogs) + HeapSize.of(schemaURL) }
}

extension ScopeLogs: MemoryFootprint {
    var heapBytes: Int { scope.heapBytes + HeapSize.of(logRecords) + HeapSize.of(schemaURL) }
}

extension LogRecord: MemoryFootprint {
    var heapBytes: Int { HeapSize.of(severityText) + (body?.heapBytes ?? 0) + attributes.heapBytes + HeapSize.of(eventName) }
}

extension ResourceMetrics: MemoryFootprint {
    var heapBytes: Int { resource.heapBytes + HeapSize.of(scopeMetrics) + HeapSize.of(schemaURL) }
}

extension ScopeMetrics: MemoryFootprint {
    var heapBytes: Int { scope.heapBytes + HeapSize.of(metrics) + HeapSize.of(schemaURL) }
}

extension Metric: MemoryFootprint {
    var heapBytes: Int {
        let points =
            switch data {
            case .gauge(let points): HeapSize.of(points)
            case .sum(let sum): HeapSize.of(sum.dataPoints)
            case .histogram(let histogram): HeapSize.of(histogram.dataPoints)
            case .exponentialHistogram(let histogram): HeapSize.of(histogram.dataPoints)
            case .summary(let points): HeapSize.of(points)
            }
        return HeapSize.of(name) + HeapSize.of(description) + HeapSize.of(unit) + metadata.heapBytes + points
    }
}

extension NumberDataPoint: MemoryFootprint {
    var heapBytes: Int { attributes.heapBytes + HeapSize.of(exemplars) }
}

extension HistogramDataPoint: MemoryFootprint {
    var heapBytes: Int { attributes.heapBytes + HeapSize.ofPlain(bucketCounts) + HeapSize.ofPlain(explicitBounds) + HeapSize.of(exemplars) }
}

extension ExponentialHistogramDataPoint: MemoryFootprint {
    var heapBytes: Int {
        attributes.heapBytes + HeapSize.ofPlain(positive.bucketCounts) + HeapSize.ofPlain(negative.bucketCounts) + HeapSize.of(exemplars)
    }
}

extension SummaryDataPoint: MemoryFootprint {
    var heapBytes: Int { attributes.heapBytes + HeapSize.ofPlain(quantileValues) }
}

extension Exemplar: MemoryFootprint {
    var heapBytes: Int { filteredAttributes.heapBytes }
}
