import Foundation

/// When trace snapshots are written to disk, as swift-snapshot-testing's record modes have it.
///
/// The mode comes from, in this order: the ``Testing/Trait/recordingTraceSnapshots(_:)`` trait of
/// the test or its suite; the environment variable `OTEL_HARNESS_RECORD_SNAPSHOTS` (`all`,
/// `missing`, `failed` or `never`; `1`, `true` and `yes` mean `all`); otherwise ``missing``,
/// or ``never`` when `CI=true` (a snapshot that is not checked in tests nothing).
public enum SnapshotRecordMode: String, Sendable, CaseIterable {
    /// Writes every snapshot anew; the test passes with a warning for each one written.
    case all
    /// Writes snapshots that do not exist yet (with a warning) and compares the others.
    case missing
    /// Writes snapshots that differ, failing the test once so that the change is looked at.
    case failed
    /// Writes nothing: a missing snapshot fails the test.
    case never

    /// The environment variable that selects the mode.
    public static let environmentVariable = "OTEL_HARNESS_RECORD_SNAPSHOTS"

    /// The mode a trait sets for its test, if any.
    @TaskLocal static var traitMode: SnapshotRecordMode?

    /// The mode in force: the trait's, else the environment's, else the default.
    public static func current(environment: [String: String]? = nil) -> SnapshotRecordMode {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let traitMode { return traitMode }
        if let value = environment[environmentVariable]?.lowercased(), !value.isEmpty {
            if ["1", "true", "yes"].contains(value) { return .all }
            if let mode = SnapshotRecordMode(rawValue: value) { return mode }
        }
        return environment["CI"]?.lowercased() == "true" ? .never : .missing
    }
}
