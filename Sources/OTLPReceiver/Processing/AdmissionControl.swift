import OTLPWire
import Synchronization

/// Limits on the export work in flight, the receiver's counterpart of the collector's
/// `memory_limiter`: how many export requests are being received, inflated or decoded at once, and
/// how many bytes they hold (bodies as received, plus what inflating them has produced so far).
/// What decoding is expected to hold is counted too, until it is freed after the request is
/// recorded, but only for the store's byte cap: it never refuses a request, so that bodies that
/// fail to decode at their first byte (a bomb of zeros) do not shut out small exports.
/// Past either limit a request is refused with the answer an OTLP exporter retries after a
/// pause: HTTP 503 with `Retry-After`, gRPC `RESOURCE_EXHAUSTED` with `RetryInfo`.
final class AdmissionControl: Sendable {
    /// Why a request was not admitted, and what to answer.
    enum Refusal: Error, Equatable {
        /// As many requests as allowed are in flight.
        case requests(limit: Int)
        /// The bytes in flight would pass the limit.
        case bytes(limit: Int)

        /// How long the client is asked to wait before it retries.
        static let retryDelay = Duration.seconds(1)

        /// HTTP 503.
        var httpStatus: Int { 503 }

        /// `Retry-After`, in seconds.
        var retryAfter: String { "1" }

        /// `RESOURCE_EXHAUSTED` with a retry delay (gRPC's `RetryInfo`).
        var status: OTLPStatus {
            switch self {
            case .requests(let limit):
                OTLPStatus(
                    code: .resourceExhausted,
                    message: "the receiver is at its limit of \(limit) export requests in flight; retry later",
                    retryDelay: Self.retryDelay
                )
            case .bytes(let limit):
                OTLPStatus(
                    code: .resourceExhausted,
                    message: "the receiver is at its limit of \(limit) bytes of export requests in flight; retry later",
                    retryDelay: Self.retryDelay
                )
            }
        }
    }

    /// One admitted request's share of the limits. Its bytes are given back once what decoding
    /// its body produced has been freed (``releaseBytes()``), its place among the requests in
    /// flight once it has been answered: when its last reference goes away, however the request
    /// ends.
    final class Admission: Sendable {
        private let control: AdmissionControl
        private let reserved = Atomic<Int>(0)
        private let held = Atomic<Int>(0)

        fileprivate init(control: AdmissionControl) {
            self.control = control
        }

        deinit {
            control.release(bytes: reserved.load(ordering: .acquiring), held: held.load(ordering: .acquiring), request: true)
        }

        /// Gives back the bytes counted so far: the request has been recorded or refused, and
        /// what it held has been freed.
        func releaseBytes() {
            control.release(
                bytes: reserved.exchange(0, ordering: .acquiringAndReleasing),
                held: held.exchange(0, ordering: .acquiringAndReleasing),
                request: false
            )
        }

        /// The refusal for bytes past the limit.
        var bytesRefusal: Refusal { .bytes(limit: control.maximumBytes) }

        /// Counts `bytes` more against the limit; `false` (and nothing counted) when they would
        /// pass it.
        func reserve(_ bytes: Int) -> Bool {
            guard control.reserve(bytes) else { return false }
            _ = reserved.add(bytes, ordering: .acquiringAndReleasing)
            return true
        }

        /// Counts `bytes` more held (fewer when negative), for the store's byte cap only: what the
        /// request holds while and once its body is decoded (the decoded telemetry and the copy of
        /// the body kept), until it is freed.
        func hold(_ bytes: Int) {
            control.hold(bytes)
            _ = held.add(bytes, ordering: .acquiringAndReleasing)
        }
    }

    private struct InFlight {
        var requests = 0
        /// Bodies and inflated output, counted against ``maximumBytes``.
        var bytes = 0
        /// What decoding holds, for the store's byte cap.
        var held = 0
    }

    /// The most export requests in flight.
    let maximumRequests: Int
    /// The most bytes they may hold.
    let maximumBytes: Int
    private let inFlight = Mutex(InFlight())
    /// Told all the bytes in flight (held ones included) each time they grow, so that the store
    /// can make room for them.
    private let growth: @Sendable (_ inFlightBytes: Int) -> Void

    init(maximumRequests: Int, maximumBytes: Int, growth: @escaping @Sendable (_ inFlightBytes: Int) -> Void = { _ in }) {
        self.maximumRequests = max(1, maximumRequests)
        self.maximumBytes = max(1, maximumBytes)
        self.growth = growth
    }

    /// Admits a request, or says why not.
    func admit() -> Result<Admission, Refusal> {
        let admitted = inFlight.withLock { inFlight in
            guard inFlight.requests < maximumRequests else { return false }
            inFlight.requests += 1
            return true
        }
        return admitted ? .success(Admission(control: self)) : .failure(.requests(limit: maximumRequests))
    }

    /// Admits a request whose body is `bytes` long, counting them at once, or says why not.
    func admit(reserving bytes: Int) -> Result<Admission, Refusal> {
        admit().flatMap { admitted in admitted.reserve(bytes) ? .success(admitted) : .failure(admitted.bytesRefusal) }
    }

    /// The requests in flight now, and the bytes of their bodies and inflated output.
    var current: (requests: Int, bytes: Int) {
        inFlight.withLock { ($0.requests, $0.bytes) }
    }

    /// All the bytes in flight now, what decoding holds included: what the store leaves room for.
    var totalBytes: Int {
        inFlight.withLock { $0.bytes + $0.held }
    }

    private func reserve(_ bytes: Int) -> Bool {
        let total = inFlight.withLock { inFlight -> Int? in
            guard bytes <= maximumBytes - inFlight.bytes else { return nil }
            inFlight.bytes += bytes
            return inFlight.bytes + inFlight.held
        }
        guard let total else { return false }
        growth(total)
        return true
    }

    private func hold(_ bytes: Int) {
        let total = inFlight.withLock { inFlight in
            inFlight.held += bytes
            return inFlight.bytes + inFlight.held
        }
        growth(total)
    }

    private func release(bytes: Int, held: Int, request: Bool) {
        inFlight.withLock { inFlight in
            if request { inFlight.requests -= 1 }
            inFlight.bytes -= bytes
            inFlight.held -= held
        }
    }
}
