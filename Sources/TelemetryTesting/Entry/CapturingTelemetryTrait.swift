public import InMemoryTelemetry
public import Testing

/// A Swift Testing trait that runs each test it applies to inside
/// `withCapturedTelemetry(configuration:routingProcessWideSystems:_:)` (InMemoryTelemetry).
///
/// ```swift
/// @Test(.capturingTelemetry) func checkoutIsTraced() async throws {
///     try await checkout(cart)
///     let telemetry = try #require(TelemetryCapture.current)
///     try await telemetry.requireTrace {
///         ExpectedSpan("checkout", kind: .server) { ExpectedSpan("charge card") }
///     }
/// }
/// ```
///
/// Applied to a suite, it gives every test in the suite (and every argument of a parameterised
/// test) a capture of its own.
public struct CapturingTelemetryTrait: TestTrait, SuiteTrait, TestScoping {
    /// How each test's capture is configured.
    public var configuration: CaptureConfiguration
    /// Whether the process-wide systems are bootstrapped to route to the capture.
    public var routingProcessWideSystems: Bool

    /// Applies to every test of a suite it is attached to.
    public var isRecursive: Bool { true }

    /// Runs each test case inside its own capture.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        // A suite's own scope adds nothing: each test case gets its capture.
        guard testCase != nil else { return try await function() }
        try await withCapturedTelemetry(configuration: configuration, routingProcessWideSystems: routingProcessWideSystems) { _ in
            try await function()
        }
    }
}

extension Trait where Self == CapturingTelemetryTrait {
    /// Captures each test's telemetry with the default configuration.
    public static var capturingTelemetry: Self {
        CapturingTelemetryTrait(configuration: CaptureConfiguration(), routingProcessWideSystems: true)
    }

    /// Captures each test's telemetry with `configuration`.
    public static func capturingTelemetry(
        _ configuration: CaptureConfiguration,
        routingProcessWideSystems: Bool = true
    ) -> Self {
        CapturingTelemetryTrait(configuration: configuration, routingProcessWideSystems: routingProcessWideSystems)
    }
}
