public import Testing

/// A Swift Testing trait that sets the ``SnapshotRecordMode`` of the trace snapshots its test
/// (or every test of its suite) compares, over the environment's.
///
/// ```swift
/// @Test(.recordingTraceSnapshots(.failed)) func checkoutTrace() async throws { … }
/// ```
public struct RecordingTraceSnapshotsTrait: TestTrait, SuiteTrait, TestScoping {
    /// The mode.
    public var mode: SnapshotRecordMode

    /// Applies to every test of a suite it is attached to.
    public var isRecursive: Bool { true }

    /// Runs the test with ``mode`` in force.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await SnapshotRecordMode.$traitMode.withValue(mode) { try await function() }
    }
}

extension Trait where Self == RecordingTraceSnapshotsTrait {
    /// Compares and records trace snapshots in `mode`.
    public static func recordingTraceSnapshots(_ mode: SnapshotRecordMode) -> Self {
        RecordingTraceSnapshotsTrait(mode: mode)
    }
}
