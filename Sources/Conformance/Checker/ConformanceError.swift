/// Why a conformance check could not run at all (as opposed to a finding, which it reports).
public struct ConformanceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
