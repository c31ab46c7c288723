public import Foundation
import HarnessSupport

/// The file a benchmark run by ``CommandWorkload`` writes: one latency per line, a number in
/// the configured unit. Blank lines and lines starting with `#` are skipped; anything else is an
/// error naming the line, never a silently dropped value.
public enum LatencyFile {
    /// The unit of the numbers.
    public enum Unit: String, Sendable, CaseIterable, Codable {
        /// Seconds.
        case seconds = "s"
        /// Milliseconds.
        case milliseconds = "ms"
        /// Microseconds.
        case microseconds = "us"
        /// Nanoseconds.
        case nanoseconds = "ns"

        /// Seconds per unit.
        public var seconds: Double {
            switch self {
            case .seconds: 1
            case .milliseconds: 1e-3
            case .microseconds: 1e-6
            case .nanoseconds: 1e-9
            }
        }
    }

    /// The latencies in `file`, in seconds.
    ///
    /// - Throws: ``LatencyFileError`` when the file is missing, larger than `maximumBytes`, or
    ///   has a line that is not a finite, non-negative number.
    public static func read(_ file: URL, unit: Unit, maximumBytes: Int = 256 << 20) throws(LatencyFileError) -> [Double] {
        let data: Data
        do throws(BoundedFile.Failure) {
            data = try BoundedFile.contents(of: file, maximumBytes: maximumBytes)
        } catch {
            switch error {
            case .tooLarge(let size, let limit):
                throw LatencyFileError(source: file.path, line: nil, problem: "has \(size) bytes, more than \(limit)")
            case .unreadable(let reason):
                throw LatencyFileError(source: file.path, line: nil, problem: "was not written or cannot be read (\(reason))")
            }
        }
        return try parse(String(decoding: data, as: UTF8.self), unit: unit, source: file.path)
    }

    /// The latencies in `text`, in seconds; `source` names it in errors.
    public static func parse(_ text: String, unit: Unit, source: String) throws(LatencyFileError) -> [Double] {
        var latencies: [Double] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let value = Double(trimmed), value.isFinite, value >= 0 else {
                throw LatencyFileError(
                    source: source,
                    line: number,
                    problem: "\"\(trimmed.prefix(80))\" is not a latency (a non-negative number in \(unit.rawValue))"
                )
            }
            latencies.append(value * unit.seconds)
        }
        return latencies
    }
}

/// A latencies file that cannot be used, naming the file and the line.
public struct LatencyFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file.
    public var source: String
    /// The 1-based line at fault, if one is.
    public var line: Int?
    /// What is wrong.
    public var problem: String

    /// An error about `line` of `source`.
    public init(source: String, line: Int?, problem: String) {
        self.source = source
        self.line = line
        self.problem = problem
    }

    public var description: String {
        "\(source)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}
