#ifndef OTEL_HARNESS_CZLIB_SHIM_H
#define OTEL_HARNESS_CZLIB_SHIM_H

// zlib (Debian's zlib1g-dev) for the receiver's gzip inflater. inflateInit2 is a macro, which
// Swift cannot call; this wrapper can.
#include <zlib.h>

/// Starts `stream` for gzip (a gzip header and trailer, checked by zlib) with a 32 KiB window.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}

/// Starts `stream` for the zlib format (RFC 1950: a 2-byte header and an Adler-32 trailer, checked
/// by zlib), gRPC's `deflate` message encoding, with a 32 KiB window.
static inline int czlib_inflate_init_zlib(z_streamp stream) {
    return inflateInit2(stream, MAX_WBITS);
}

#endif
