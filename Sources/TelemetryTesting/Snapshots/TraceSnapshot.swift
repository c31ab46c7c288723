import Foundation
public import Testing

/// Compares rendered traces with a snapshot file kept in the repository.
///
/// Snapshots live next to the test file, in `__Snapshots__/<test file name>/<name>.txt`.
/// The environment decides what happens:
/// - `OTEL_HARNESS_RECORD_SNAPSHOTS=1` (or `true`): write every snapshot anew, then pass;
/// - a missing snapshot is written and reported as a warning, except under `CI=true`, where
///   it is a failure (a snapshot that is not checked in tests nothing);
/// - otherwise the text must equal the file, and a failure shows a line-by-line difference.
public enum TraceSnapshot {
    /// What a comparison found.
    public enum Outcome: Sendable, Equatable {
        /// The text equals the snapshot.
        case matched
        /// The snapshot was written (record mode, or a new snapshot outside CI).
        case recorded(path: String)
        /// The snapshot is missing and may not be written (CI).
        case missing(path: String)
        /// The text differs from the snapshot.
        case differs(path: String, difference: String)
    }

    /// Compares `text` with the snapshot `name` of the test file at `filePath`.
    public static func compare(
        _ text: String, named name: String, filePath: String, environment: [String: String]? = nil
    ) -> Outcome {
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard !name.isEmpty, !name.contains("/"), !name.contains(".."), !name.hasPrefix(".") else {
            return .differs(path: name, difference: "a snapshot name must be a plain file name, not \"\(name)\"")
        }
        let file = URL(fileURLWithPath: filePath)
        let directory = file.deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
            .appendingPathComponent(file.deletingPathExtension().lastPathComponent)
        let snapshot = directory.appendingPathComponent(name + ".txt")
        let recordAll = ["1", "true", "yes"].contains(environment["OTEL_HARNESS_RECORD_SNAPSHOTS"]?.lowercased() ?? "")
        let existing = try? String(contentsOf: snapshot, encoding: .utf8)

        if existing == nil || recordAll {
            if existing == nil, !recordAll, environment["CI"]?.lowercased() == "true" {
                return .missing(path: snapshot.path)
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: snapshot, atomically: true, encoding: .utf8)
            } catch {
                return .differs(path: snapshot.path, difference: "could not write the snapshot: \(error)")
            }
            return .recorded(path: snapshot.path)
        }
        return existing == text ? .matched : .differs(path: snapshot.path, difference: lineDifference(expected: existing!, actual: text))
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

extension CapturedTelemetry {
    /// Expects these traces, rendered by `renderer`, to equal the snapshot `name`; see
    /// ``TraceSnapshot`` for where snapshots live and how to record them.
    public func expectTraceSnapshot(
        named name: String,
        renderer: TraceRenderer = TraceRenderer(),
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = renderer.render(traces)
        switch TraceSnapshot.compare(text, named: name, filePath: filePath) {
        case .matched:
            break
        case .recorded(let path):
            Issue.record(Comment(rawValue: "recorded trace snapshot \(path); check it in"), severity: .warning, sourceLocation: sourceLocation)
        case .missing(let path):
            recordFailure("trace snapshot \(path) is missing (CI=true does not record); captured:\n\(text)", sourceLocation: sourceLocation)
        case .differs(let path, let difference):
            recordFailure(
                "traces differ from snapshot \(path) (- snapshot, + captured; OTEL_HARNESS_RECORD_SNAPSHOTS=1 records):\n\(difference)",
                sourceLocation: sourceLocation)
        }
    }
}
