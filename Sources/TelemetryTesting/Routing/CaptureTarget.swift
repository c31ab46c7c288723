import Tracing

/// Where a handler records: one capture, or whichever capture is current when it records.
enum CaptureTarget: Sendable {
    case fixed(TelemetryCapture)
    case current

    var capture: TelemetryCapture {
        switch self {
        case .fixed(let capture): capture
        case .current: TelemetryCapture.current ?? ProcessWideTelemetryRouting.unrouted
        }
    }
}
