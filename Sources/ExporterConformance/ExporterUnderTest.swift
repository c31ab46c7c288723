import Foundation
import HarnessSupport
import Synchronization

/// The OTLP transport and encoding an exporter uses, as `OTEL_EXPORTER_OTLP_PROTOCOL` names it.
public enum OTLPTransport: String, Sendable, Hashable, CaseIterable, Codable {
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
    public var transport: OTLPTransport
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
    /// Why the exporter could not be started at all, if it could not.
    public var launchFailure: String?

    /// Creates an outcome.
    public init(took: Duration, timedOut: Bool, status: Int32? = nil, output: String = "", launchFailure: String? = nil) {
        self.took = took
        self.timedOut = timedOut
        self.status = status
        self.output = output
        self.launchFailure = launchFailure
    }
}

/// An OTLP trace exporter under test: a command that emits spans and shuts down, configured by
/// the standard `OTEL_*` environment variables, or a closure running one in-process.
public struct ExporterUnderTest: Sendable {
    /// Its name in the matrix, for example `swift-otel`.
    public var name: String
    /// The transport it is run with.
    public var transport: OTLPTransport
    /// Runs it once.
    public var run: @Sendable (ExportSettings) async -> ExporterRunOutcome

    /// The matrix column: name and transport.
    public var column: String { "\(name) \(transport.rawValue)" }

    /// Creates an exporter from a run function.
    public init(name: String, transport: OTLPTransport, run: @escaping @Sendable (ExportSettings) async -> ExporterRunOutcome) {
        self.name = name
        self.transport = transport
        self.run = run
    }

    /// A command run once per case with this process's environment minus every `OTEL_*`
    /// variable, plus the case's. `{protocol}` and `{spans}` in `arguments` are replaced. The
    /// command must emit that many spans through its exporter, shut it down (which flushes) and
    /// exit; at the case's deadline it gets SIGTERM, then SIGKILL 2 s later.
    public static func command(
        _ name: String,
        transport: OTLPTransport,
        arguments: [String],
        environment: [String: String] = [:]
    ) -> ExporterUnderTest {
        ExporterUnderTest(name: name, transport: transport) { settings in
            let words = arguments.map {
                $0.replacingOccurrences(of: "{protocol}", with: transport.rawValue).replacingOccurrences(of: "{spans}", with: String(settings.spans))
            }
            let result = await CommandRunner.run(
                words,
                environment: environment.merging(settings.environment) { $1 },
                removingPrefixes: ["OTEL_"],
                timeout: settings.deadline,
                grace: .seconds(2)
            )
            return ExporterRunOutcome(took: result.took, timedOut: result.timedOut, status: result.status, output: result.output)
        }
    }

    /// An exporter run in this process by `body`, which must configure it from the settings
    /// (endpoint, transport, `environment`), emit `spans` spans and shut it down. At the deadline
    /// the body's task is cancelled and the run counts as timed out (a body that ignores
    /// cancellation keeps running in the background).
    public static func inProcess(
        _ name: String,
        transport: OTLPTransport,
        _ body: @escaping @Sendable (ExportSettings) async throws -> Void
    ) -> ExporterUnderTest {
        ExporterUnderTest(name: name, transport: transport) { settings in
            let clock = ContinuousClock()
            let start = clock.now
            // A race the body cannot block: whichever of the body and the deadline ends first
            // resumes the continuation; the body is cancelled when it loses.
            let race = DeadlineRace()
            let (timedOut, error) = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>) in
                    race.begin(continuation)
                    let timer = Task {
                        // Cancelled when the body finishes first: then nothing is left to do.
                        guard (try? await Task.sleep(for: settings.deadline)) != nil else { return }
                        race.finish(timedOut: true, error: "")
                    }
                    race.start(
                        Task {
                            let failure: String
                            do {
                                try await body(settings)
                                failure = ""
                            } catch { failure = "\(error)" }
                            timer.cancel()
                            race.finish(timedOut: false, error: failure)
                        }
                    )
                }
            } onCancel: {
                race.finish(timedOut: true, error: "cancelled")
            }
            return ExporterRunOutcome(took: clock.now - start, timedOut: timedOut, status: nil, output: error)
        }
    }
}

/// The continuation of an in-process run, resumed once by whichever of the body, the deadline
/// and the caller's cancellation comes first; the body's task is cancelled unless it finished.
private final class DeadlineRace: Sendable {
    private struct State {
        var continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>?
        var work: Task<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<(timedOut: Bool, error: String), Never>) {
        let resumeAtOnce = state.withLock { state -> Bool in
            if state.finished { return true }
            state.continuation = continuation
            return false
        }
        if resumeAtOnce { continuation.resume(returning: (true, "cancelled")) }
    }

    func start(_ work: Task<Void, Never>) {
        let cancelAtOnce = state.withLock { state -> Bool in
            state.work = work
            return state.finished
        }
        if cancelAtOnce { work.cancel() }
    }

    func finish(timedOut: Bool, error: String) {
        let (continuation, work) = state.withLock { state -> (CheckedContinuation<(timedOut: Bool, error: String), Never>?, Task<Void, Never>?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            defer { state.continuation = nil }
            return (state.continuation, state.work)
        }
        if timedOut { work?.cancel() }
        continuation?.resume(returning: (timedOut, error))
    }
}
