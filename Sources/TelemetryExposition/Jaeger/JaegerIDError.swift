/// Why a trace id did not parse, worded as Jaeger words it.
struct JaegerIDError: Error, Hashable {
    var message: String
}
