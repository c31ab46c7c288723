import Foundation

/// Memory sizes of a Linux process, from `/proc/<pid>/status`.
public enum ProcessMemory {
    /// The size `key` (for example `VmRSS`, the resident memory, or `VmHWM`, its high-water
    /// mark) of process `pid`, in bytes; `nil` when the process or the file does not exist.
    public static func size(_ key: String, ofProcess pid: Int32) -> Int? {
        size(key, inStatusFile: "/proc/\(pid)/status")
    }

    /// The size `key` of this process, in bytes; `nil` where `/proc` does not exist.
    public static func ownSize(_ key: String) -> Int? {
        size(key, inStatusFile: "/proc/self/status")
    }

    private static func size(_ key: String, inStatusFile path: String) -> Int? {
        guard let status = try? String(contentsOfFile: path, encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
