public import Foundation

/// Several requests sent in fixed proportions: a service is rarely one endpoint.
///
/// The order is deterministic (smooth weighted round robin: weights 3 and 1 give A A B A, A A B
/// A, …), so both arms of the overhead gate send the same sequence, and no run depends on a
/// random draw.
public struct RequestMix: Sendable {
    /// One request of the mix and how often it is sent relative to the others.
    public struct Entry: Sendable {
        /// The request.
        public var request: HTTPLoad.Request
        /// Its weight, a positive whole number.
        public var weight: Int

        /// `request`, sent `weight` times per sum of all weights.
        public init(_ request: HTTPLoad.Request, weight: Int = 1) {
            self.request = request
            self.weight = weight
        }
    }

    /// The largest weight an entry may have.
    public static let maximumWeight = 10_000
    /// The most entries a mix may have.
    public static let maximumEntries = 1_000

    /// The entries, in the order given.
    public let entries: [Entry]
    /// Indices into `entries`, one full cycle of the order.
    private let cycle: [Int]

    /// A mix of `entries`.
    ///
    /// - Throws: ``RequestMixError`` when there are no entries, too many, or a weight is not
    ///   within 1…``maximumWeight``, or a path does not start with `/`.
    public init(_ entries: [Entry]) throws(RequestMixError) {
        guard !entries.isEmpty else { throw RequestMixError(source: nil, entry: nil, problem: "the mix has no requests") }
        guard entries.count <= Self.maximumEntries else {
            throw RequestMixError(source: nil, entry: nil, problem: "the mix has \(entries.count) requests, more than \(Self.maximumEntries)")
        }
        for (index, entry) in entries.enumerated() {
            guard (1...Self.maximumWeight).contains(entry.weight) else {
                throw RequestMixError(source: nil, entry: index, problem: "weight \(entry.weight) is not within 1…\(Self.maximumWeight)")
            }
            guard entry.request.path.hasPrefix("/") else {
                throw RequestMixError(source: nil, entry: index, problem: "path \"\(entry.request.path)\" does not start with /")
            }
            guard !entry.request.method.isEmpty, entry.request.method.allSatisfy({ $0.isLetter && $0.isUppercase }) else {
                throw RequestMixError(source: nil, entry: index, problem: "method \"\(entry.request.method)\" is not an upper-case HTTP method")
            }
        }
        self.entries = entries
        self.cycle = Self.smoothWeightedRoundRobin(entries.map(\.weight))
    }

    /// A mix of one request.
    public init(single request: HTTPLoad.Request) {
        entries = [Entry(request)]
        cycle = [0]
    }

    /// The request sent as the `index`-th (0-based) of a load run.
    public func request(at index: Int) -> HTTPLoad.Request {
        entries[cycle[index % cycle.count]].request
    }

    /// One line per entry, for reports: `3 × POST /v1/pipeline, 1 × GET /health`.
    public var summary: String {
        entries.map { entries.count == 1 ? "\($0.request.method) \($0.request.path)" : "\($0.weight) × \($0.request.method) \($0.request.path)" }
            .joined(separator: ", ")
    }

    /// nginx's smooth weighted round robin: each step adds every weight to its entry's credit,
    /// picks the entry with the most credit and takes the weights' sum from it. Over one cycle
    /// (the sum of the weights) each entry is picked `weight` times, spread out.
    static func smoothWeightedRoundRobin(_ weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +)
        var credit = [Int](repeating: 0, count: weights.count)
        var cycle: [Int] = []
        cycle.reserveCapacity(total)
        for _ in 0..<total {
            for index in weights.indices { credit[index] += weights[index] }
            let chosen = credit.indices.max { credit[$0] < credit[$1] || (credit[$0] == credit[$1] && $0 > $1) }!
            credit[chosen] -= total
            cycle.append(chosen)
        }
        return cycle
    }
}

/// A request mix that cannot be used, naming the file and the entry.
public struct RequestMixError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the mix came from, if it came from one.
    public var source: String?
    /// The 0-based index of the entry at fault, if one is.
    public var entry: Int?
    /// What is wrong.
    public var problem: String

    /// An error about `entry` of the mix read from `source`.
    public init(source: String?, entry: Int?, problem: String) {
        self.source = source
        self.entry = entry
        self.problem = problem
    }

    public var description: String {
        let place = [source, entry.map { "requests[\($0)]" }].compactMap { $0 }.joined(separator: ": ")
        return place.isEmpty ? problem : "\(place): \(problem)"
    }
}

extension RequestMix {
    /// The mix in a JSON file: an array of requests, or an object whose `requests` is one. Each
    /// request has a `path`, and optionally a `method` (`GET`), a `body` (a string), `headers`
    /// (an object of strings) and a `weight` (1).
    ///
    /// ```json
    /// [{"method": "POST", "path": "/v1/orders", "body": "{\"sku\": 42}",
    ///   "headers": {"content-type": "application/json"}, "weight": 3},
    ///  {"path": "/v1/orders/42"}]
    /// ```
    ///
    /// - Throws: ``RequestMixError`` naming the file, and the entry when one is at fault.
    public static func load(from url: URL, maximumBytes: Int = 16 << 20) throws(RequestMixError) -> RequestMix {
        let data: Data
        do throws(BoundedFile.Failure) {
            data = try BoundedFile.contents(of: url, maximumBytes: maximumBytes)
        } catch {
            switch error {
            case .tooLarge(let size, let limit):
                throw RequestMixError(source: url.path, entry: nil, problem: "the file has \(size) bytes, more than \(limit)")
            case .unreadable(let reason): throw RequestMixError(source: url.path, entry: nil, problem: "cannot be read: \(reason)")
            }
        }
        return try parse(data, source: url.path)
    }

    /// The mix in `data` (the format of ``load(from:maximumBytes:)``); `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws(RequestMixError) -> RequestMix {
        let decoded: [FileEntry]
        do {
            decoded = try JSONDecoder().decode(FileMix.self, from: data).requests
        } catch let DecodingError.keyNotFound(key, context) {
            throw RequestMixError(source: source, entry: entryIndex(context.codingPath), problem: "\"\(key.stringValue)\" is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw RequestMixError(
                source: source,
                entry: entryIndex(context.codingPath),
                problem: "\(fieldName(context.codingPath)): \(context.debugDescription)"
            )
        } catch let DecodingError.dataCorrupted(context) {
            throw RequestMixError(source: source, entry: entryIndex(context.codingPath), problem: "not JSON: \(context.debugDescription)")
        } catch {
            throw RequestMixError(source: source, entry: nil, problem: "not a request mix: \(error)")
        }
        do throws(RequestMixError) {
            return try RequestMix(
                decoded.map { entry in
                    Entry(
                        HTTPLoad.Request(
                            method: entry.method ?? "GET",
                            path: entry.path,
                            body: entry.body,
                            headers: (entry.headers ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
                        ),
                        weight: entry.weight ?? 1
                    )
                }
            )
        } catch {
            throw RequestMixError(source: source, entry: error.entry, problem: error.problem)
        }
    }

    /// The file's top level: the list of requests, or an object whose `requests` is the list.
    private struct FileMix: Decodable {
        var requests: [FileEntry]

        private enum CodingKeys: String, CodingKey { case requests }

        init(from decoder: any Decoder) throws {
            if var list = try? decoder.unkeyedContainer() {
                requests = []
                while !list.isAtEnd { requests.append(try list.decode(FileEntry.self)) }
            } else {
                requests = try decoder.container(keyedBy: CodingKeys.self).decode([FileEntry].self, forKey: .requests)
            }
        }
    }

    private struct FileEntry: Decodable {
        var method: String?
        var path: String
        var body: String?
        var headers: [String: String]?
        var weight: Int?
    }

    private static func entryIndex(_ path: [any CodingKey]) -> Int? {
        path.lazy.compactMap(\.intValue).first
    }

    private static func fieldName(_ path: [any CodingKey]) -> String {
        path.last(where: { $0.intValue == nil })?.stringValue ?? "the mix"
    }
}
