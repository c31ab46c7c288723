import Foundation
import ObservabilityStack
import Synchronization

/// The OTLP transport an exporter uses, as `OTEL_EXPORTER_OTLP_PROTOCOL` names it.
public enum ExporterProtocol: String, Sendable, Hashable, CaseIterable, Codable {
    /// OTLP/gRPC.
    case grpc
    /// OTLP/HTTP with protobuf bodies.
    case httpProtobuf = "http/protobuf"
    /// OTLP/HTTP with JSON bodies.
    case httpJSON = "http/json"

    /// Whether it is one of the HTTP transports.
    public var isHTTP: Bool { self != .grpc }
}

/// What one run of an exporter under test is given: where to send, over what, how many spans,
/// and the `OTEL_*` environment a user would set for the case.
public struct ExportSettings: Sendable {
    /// The receiver's base URL (`http://127.0.0.1:PORT`), gRPC or HTTP by the protocol.
    public var endpoint: String
    /// The transport.
    public var transport: ExporterProtocol
    /// How many spans to emit before shutting down.
    public var spans: Int
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`, `…_PROTOCOL`, and the case's own variables.
    public var environment: [String: String]
    /// When the run is stopped if it has not finished.
    public var deadline: Duration
}

/// How a run of an exporter ended.
public struct ExporterRunOutcome: Sendable {
    /// How long it ran, from start to exit (or to the deadline).
    public var took: Duration
    /// Whether the deadline stopped it.
    public var timedOut: Bool
    /// The exit status of a command (`nil` for in-process runs and signals).
    public var status: Int32?
    /// What a command printed.
    public var output: String

    /// Creates an outcome.
    public init(took: Duration, timedOut: Bool, status: Int32? = nil, output: String = "") {
        self.took = took
        self.timedOut = timedOut
        self.status = status
        self.output = output
    }
}

/// An OTLP trace exporter under test: a command that emits spans and shuts down, configured by
/// the standard `OTEL_*` environment variables, or a closure running one in-process.
public struct ExporterUnderTest: Sendable {
    /// Its name in the matrix, for example `swift-otel`.
    public var name: String
    /// The transport it is run with.
    public var transport: ExporterProtocol
    /// Runs it once.
    public var run: @Sendable (ExportSettings) async -> ExporterRunOutcome

    /// The matrix column: name and transport.
    public var column: String { "\(name) \(transport.rawValue)" }

    /// Creates an exporter from a run function.
    public init(name: String, transport: ExporterProtocol, run: @escaping @Sendable (ExportSettings) async -> ExporterRunOutcome) {
        self.name = name
        self.transport = transport
        self.run = run
    }

    /// A command run once per case with this process's environment minus every `OTEL_*`
    /// variable, plus the case's. `{protocol}` and `{spans}` in `arguments` are replaced. The
    /// command must emit that many spans through its exporter, shut it down (which flushes) and
    /// exit; at the case's deadline it gets SIGTERM, then SIGKILL 2 s later.
    public static func command(_ name: String, transport: ExporterProtocol, arguments: [String], environment: [String: String] = [:]) -> ExporterUnderTest {
        ExporterUnderTest(name: name, transport: transport) { settings in
            let words = arguments.map {
                $0.replacingOccurrences(of: "{protocol}", with: transport.rawValue).replacingOccurrences(of: "{spans}", with: String(settings.spans))
            }
            do {
                let result = try await CommandRunner.run(
                    words, environment: environment.merging(settings.environment) { $1 }, removingPrefixes: ["OTEL_"],
                    timeout: settings.deadline, grace: .seconds(2))
                return ExporterRunOutcome(took: result.took, timedOut: result.timedOut, status: result.status, output: result.output)
            } catch {
                return ExporterRunOutcome(took: .zero, timedOut: false, status: nil, output: "could not start \(words.joined(separator: " ")): \(error)")
            }
        }
    }

    /// An exporter run in this process by `body`, which must configure it from the settings
    /// (endpoint, transport, `environment`), emit `spans` spans and shut it down. At the deadline
    /// the body's task is cancelled and the run counts as timed out (a body that ignores
    /// cancellation keeps running in the background).
    public static func inProcess(_ name: String, transport: ExporterProtocol, _ body: @escaping @Sendable (ExportSettings) async throws -> Void) -> ExporterUnderTest {
        ExporterUnderTest(name: name, transport: transport) { settings in
            let clock = ContinuousClock()
            let start = clock.now
            // A race the body cannot block: whichever of the body and the deadline ends first
            // resumes the continuation; the body is cancelled when it loses.
            let race = DeadlineRace()
            let (timedOut, error) = await withCheckedContinuation { (continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>) in
                race.begin(continuation)
                let timer = Task {
                    try? await Task.sleep(for: settings.deadline)
                    race.finish(timedOut: true, error: "")
                }
                race.setWork(Task {
                    let failure: String
                    do { try await body(settings); failure = "" } catch { failure = "\(error)" }
                    timer.cancel()
                    race.finish(timedOut: false, error: failure)
                })
            }
            return ExporterRunOutcome(took: clock.now - start, timedOut: timedOut, status: nil, output: error)
        }
    }
}

/// The continuation of an in-process run, resumed once by whichever of the body and the
/// deadline ends first.
private final class DeadlineRace: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>?, work: Task<Void, Never>?)>((nil, nil))

    func begin(_ continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func setWork(_ work: Task<Void, Never>) {
        state.withLock { $0.work = work }
    }

    func finish(timedOut: Bool, error: String) {
        let (continuation, work) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, state.work)
        }
        guard let continuation else { return }
        if timedOut { work?.cancel() }
        continuation.resume(returning: (timedOut, error))
    }
}
