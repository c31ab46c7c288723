import Dispatch
import Foundation
import Logging

/// Ends the process a fixed time after SIGTERM or SIGINT, so that a graceful shutdown that
/// cannot finish (an exporter stuck on an unresponsive collector) cannot keep the service alive.
enum ShutdownDeadline {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func arm(after seconds: Double, logger: Logger) {
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    logger.error("graceful shutdown did not finish within \(seconds) s; exiting without flushing telemetry")
                    exit(0)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
