/// The process that emitted spans (`model.Process`): a service name and tags.
struct JaegerProcess: Hashable {
    var serviceName: String
    var tags: [JaegerKeyValue]

    func write(to writer: inout GoJSONWriter) {
        writer.object { writer in
            writer.key("serviceName")
            writer.string(serviceName)
            writer.key("tags")
            tags.write(to: &writer)
        }
    }
}
