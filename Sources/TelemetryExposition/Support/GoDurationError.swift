/// Why a duration did not parse, worded as Go words it.
struct GoDurationError: Error, Hashable {
    /// The message, for example `time: invalid duration "x"`.
    var message: String
}
