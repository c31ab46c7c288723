import Foundation
public import TelemetryQueries
public import Testing

/// Compares rendered traces with a snapshot file kept in the repository.
///
/// Snapshots live next to the test file, in `__Snapshots__/<test file name>/<name>.txt`. The
/// ``SnapshotRecordMode`` in force decides which are written: by default, missing ones (not under
/// `CI=true`, where a missing snapshot fails). A difference shows line by line.
public enum TraceSnapshot {
    /// What a comparison found.
    public enum Outcome: Sendable, Equatable {
        /// The text equals the snapshot.
        case matched
        /// The snapshot was written (mode ``SnapshotRecordMode/all``, or a new one under
        /// ``SnapshotRecordMode/missing``).
        case recorded(path: String)
        /// The text differed and the snapshot was written anew (mode ``SnapshotRecordMode/failed``).
        case rerecorded(path: String, difference: String)
        /// The snapshot is missing and the mode does not write it.
        case missing(path: String)
        /// The text differs from the snapshot.
        case differs(path: String, difference: String)
        /// The name cannot be a snapshot's: it must be a plain file name.
        case invalidName(String)
        /// The snapshot should have been written, and writing it failed.
        case writeFailed(path: String, reason: String)
    }

    /// Compares `text` with the snapshot `name` of the test file at `filePath`, writing the
    /// snapshot as `mode` says.
    public static func compare(
        _ text: String,
        named name: String,
        filePath: String,
        mode: SnapshotRecordMode = .current()
    ) -> Outcome {
        guard !name.isEmpty, !name.contains("/"), !name.contains(".."), !name.hasPrefix("."), !name.contains("\0") else {
            return .invalidName(name)
        }
        let file = URL(fileURLWithPath: filePath)
        let directory = file.deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
            .appendingPathComponent(file.deletingPathExtension().lastPathComponent)
        let snapshot = directory.appendingPathComponent(name + ".txt")
        let existing = try? String(contentsOf: snapshot, encoding: .utf8)

        func write() -> String? {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: snapshot, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "\(error)"
            }
        }

        guard let existing else {
            guard mode == .all || mode == .missing else { return .missing(path: snapshot.path) }
            if let reason = write() { return .writeFailed(path: snapshot.path, reason: reason) }
            return .recorded(path: snapshot.path)
        }
        if mode == .all {
            if let reason = write() { return .writeFailed(path: snapshot.path, reason: reason) }
            return existing == text ? .matched : .recorded(path: snapshot.path)
        }
        guard existing != text else { return .matched }
        let difference = lineDifference(expected: existing, actual: text)
        guard mode == .failed else { return .differs(path: snapshot.path, difference: difference) }
        if let reason = write() { return .writeFailed(path: snapshot.path, reason: reason) }
        return .rerecorded(path: snapshot.path, difference: difference)
    }

    /// A minimal line diff: `-` lines only in the snapshot, `+` lines only in the new text.
    static func lineDifference(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        guard old.count * new.count <= 4_000_000 else {
            // Too large for the quadratic table: show where the texts part.
            let first = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
            return "texts differ from line \(first + 1) (\(old.count) lines in the snapshot, \(new.count) captured)"
        }
        // Longest common subsequence table, fine for snapshot-sized texts.
        var table = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append("  " + old[i])
                i += 1
                j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                lines.append("- " + old[i])
                i += 1
            } else {
                lines.append("+ " + new[j])
                j += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension TelemetryQueryable {
    /// Expects these traces, rendered by `renderer`, to equal the snapshot `name`; see
    /// ``TraceSnapshot`` for where snapshots live and ``SnapshotRecordMode`` for when they are
    /// written.
    public func expectTraceSnapshot(
        named name: String,
        renderer: TraceRenderer = TraceRenderer(),
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let telemetry = data
        let text = renderer.render(telemetry.traces)
        let mismatch: String
        switch TraceSnapshot.compare(text, named: name, filePath: filePath) {
        case .matched:
            return
        case .recorded(let path):
            Issue.record(Comment(rawValue: "recorded trace snapshot \(path); check it in"), severity: .warning, sourceLocation: sourceLocation)
            return
        case .rerecorded(let path, let difference):
            mismatch = "traces differed from snapshot \(path), which was written anew (- old, + new); check the change in:\n\(difference)"
        case .missing(let path):
            mismatch =
                "trace snapshot \(path) is missing and the record mode (\(SnapshotRecordMode.current().rawValue)) does not write it; captured:\n\(text)"
        case .differs(let path, let difference):
            mismatch =
                "traces differ from snapshot \(path) (- snapshot, + captured; \(SnapshotRecordMode.environmentVariable)=failed records):\n\(difference)"
        case .invalidName(let name):
            mismatch = "\"\(name)\" cannot name a trace snapshot: use a plain file name, without / or a leading dot"
        case .writeFailed(let path, let reason):
            mismatch = "could not write trace snapshot \(path): \(reason)"
        }
        FailureRecording.record(TelemetryMismatch(mismatch), telemetry: telemetry, sourceLocation: sourceLocation)
    }
}
