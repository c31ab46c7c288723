public import Foundation
import Subprocess

/// The processes running on this machine, read from Linux's `/proc`.
public enum ProcessTable {
    /// The live processes (not this one) whose environment holds exactly `entry`
    /// (`NAME=VALUE`); empty where there is no `/proc`.
    public static func processes(withEnvironmentEntry entry: String) -> [Int32] {
        let needle = Array(entry.utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name in
            guard let pid = Int32(name), pid != ProcessInfo.processInfo.processIdentifier,
                let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ"),
                environment.split(separator: 0).contains(where: { $0.elementsEqual(needle) })
            else { return nil }
            return pid
        }
    }
}

extension Subprocess.Environment {
    /// Exactly the variables of `variables` (names Subprocess cannot represent are left out).
    static func exactly(_ variables: [String: String]) -> Self {
        .custom(Dictionary(uniqueKeysWithValues: variables.compactMap { name, value in Environment.Key(rawValue: name).map { ($0, value) } }))
    }
}
