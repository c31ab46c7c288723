#if canImport(Glibc)
import Glibc
#endif

/// Gives memory that was freed back to the system.
///
/// glibc's allocator keeps freed memory inside its arenas (one per thread that allocates, up to
/// eight per core) resident until told otherwise; `malloc_trim(0)` releases the free pages of
/// every arena. `malloc.h` is not part of Swift's Glibc module, so the function is looked up by
/// name; elsewhere, or without it, this does nothing.
enum FreedMemory {
    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    #endif

    /// Releases the free pages of every malloc arena; takes a few milliseconds after large frees.
    static func giveBack() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
