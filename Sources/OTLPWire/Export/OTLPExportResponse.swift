public import Foundation
import SwiftProtobuf

/// The body of a successful OTLP export answer: `Export…ServiceResponse`, with a partial
/// success when some items were rejected or the server has a warning.
public struct OTLPExportResponse: Sendable, Hashable {
    /// The signal answered.
    public var signal: OTLPSignal
    /// How many items (spans, data points, log records) were rejected; 0 with a message is a
    /// warning.
    public var rejectedCount: Int64
    /// Why items were rejected, or a warning. Empty when there is neither.
    public var errorMessage: String

    /// Creates a response; with no rejections and no message it is a full success.
    public init(signal: OTLPSignal, rejectedCount: Int64 = 0, errorMessage: String = "") {
        self.signal = signal
        self.rejectedCount = rejectedCount
        self.errorMessage = errorMessage
    }

    /// Whether the response carries a partial success (rejections or a warning).
    public var isPartialSuccess: Bool { rejectedCount != 0 || !errorMessage.isEmpty }

    /// The response in the protobuf encoding.
    public var protobuf: Data {
        switch signal {
        case .traces:
            var response = PBTracesResponse()
            if isPartialSuccess {
                response.partialSuccess = .with {
                    $0.rejectedSpans = rejectedCount
                    $0.errorMessage = errorMessage
                }
            }
            return OTLPProtobuf.serialize(response)
        case .metrics:
            var response = PBMetricsResponse()
            if isPartialSuccess {
                response.partialSuccess = .with {
                    $0.rejectedDataPoints = rejectedCount
                    $0.errorMessage = errorMessage
                }
            }
            return OTLPProtobuf.serialize(response)
        case .logs:
            var response = PBLogsResponse()
            if isPartialSuccess {
                response.partialSuccess = .with {
                    $0.rejectedLogRecords = rejectedCount
                    $0.errorMessage = errorMessage
                }
            }
            return OTLPProtobuf.serialize(response)
        }
    }

    /// The response in OTLP/JSON: `{}` for a full success, otherwise
    /// `{"partialSuccess":{"rejectedSpans":"2","errorMessage":"…"}}` (the count field named for
    /// the signal).
    public var json: Data {
        var writer = JSONWriter()
        writer.object { writer in
            guard isPartialSuccess else { return }
            writer.key("partialSuccess")
            writer.object { writer in
                if rejectedCount != 0 {
                    switch signal {
                    case .traces: writer.key("rejectedSpans")
                    case .metrics: writer.key("rejectedDataPoints")
                    case .logs: writer.key("rejectedLogRecords")
                    }
                    writer.int64String(rejectedCount)
                }
                writer.nonEmpty("errorMessage", errorMessage)
            }
        }
        return Data(writer.bytes)
    }
}
