public import Foundation
import OTLPWire
public import TelemetryModel

/// Telemetry recorded as OTLP/JSON: one export request of any signal, or JSON lines of them
/// (what `otel-harness receive --file-export` and the collector's file exporter write).
public struct OTLPJSONFile: Sendable {
    /// The spans in the file.
    public var traces = TracesData()
    /// The metrics in the file.
    public var metrics = MetricsData()
    /// The log records in the file.
    public var logs = LogsData()

    /// An empty recording.
    public init() {}

    /// Adds the telemetry of `other`.
    public mutating func append(_ other: OTLPJSONFile) {
        traces.resourceSpans += other.traces.resourceSpans
        metrics.resourceMetrics += other.metrics.resourceMetrics
        logs.resourceLogs += other.logs.resourceLogs
    }

    /// The largest file read, in bytes.
    public static let defaultSizeLimit = 256 << 20

    /// Reads `url`.
    ///
    /// - Throws: ``OTLPJSONFileError`` naming the file and line that is not an OTLP/JSON export request.
    public static func read(_ url: URL, sizeLimit: Int = defaultSizeLimit) throws(OTLPJSONFileError) -> OTLPJSONFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw OTLPJSONFileError("cannot read \(url.path)") }
        guard size <= sizeLimit else { throw OTLPJSONFileError("\(url.path) is \(size) bytes, over the limit of \(sizeLimit)") }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw OTLPJSONFileError("cannot read \(url.path)") }
        var file = OTLPJSONFile()
        let decoder = OTLPJSONDecoder(mode: .lenient)
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { ![UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }) else { continue }
            do {
                try file.add(request: Data(line), decoder: decoder)
            } catch {
                // Perhaps one pretty-printed document rather than lines.
                if let whole = try? OTLPJSONFile.document(data, decoder: decoder) { return whole }
                throw OTLPJSONFileError("\(url.path):\(number): \(error.message)")
            }
        }
        return file
    }

    private static func document(_ data: Data, decoder: OTLPJSONDecoder) throws(OTLPJSONFileError) -> OTLPJSONFile {
        var file = OTLPJSONFile()
        try file.add(request: data, decoder: decoder)
        return file
    }

    private mutating func add(request data: Data, decoder: OTLPJSONDecoder) throws(OTLPJSONFileError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw OTLPJSONFileError("not a JSON object")
        }
        do {
            if object["resourceSpans"] != nil {
                traces.resourceSpans += try decoder.decodeTraces(data).value.resourceSpans
            } else if object["resourceMetrics"] != nil {
                metrics.resourceMetrics += try decoder.decodeMetrics(data).value.resourceMetrics
            } else if object["resourceLogs"] != nil {
                logs.resourceLogs += try decoder.decodeLogs(data).value.resourceLogs
            } else {
                throw OTLPJSONFileError("not an OTLP/JSON export request (no resourceSpans, resourceMetrics or resourceLogs)")
            }
        } catch let error as OTLPJSONFileError {
            throw error
        } catch {
            throw OTLPJSONFileError("not valid OTLP/JSON: \(error)")
        }
    }
}

/// Why a file could not be read as OTLP/JSON: the file (and line) and what is wrong there.
public struct OTLPJSONFileError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, and where.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
