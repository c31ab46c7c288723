import Tracing

/// Where a handler records: one capture, or whichever capture is current when it records.
enum CaptureTarget: Sendable {
    case fixed(TelemetryCapture)
    case current

    /// Where to record now: the current capture, or the sink for unrouted telemetry.
    var capture: TelemetryCapture {
        captureIfAny ?? ProcessWideTelemetryRouting.unrouted
    }

    /// The capture this target points at now, if any.
    var captureIfAny: TelemetryCapture? {
        switch self {
        case .fixed(let capture): capture
        case .current: TelemetryCapture.current
        }
    }
}
