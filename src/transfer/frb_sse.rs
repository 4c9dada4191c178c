//! FRB's `sse` encode of a frame as rustc compiles it: the shape flutter_rust_bridge 2.x
//! generates for a `Vec<u8>` return value (frb_rust's `SseSerializer`, a `Cursor<Vec<u8>>` over
//! a vector that starts empty; the generated `sse_encode` of the vector writes its length as an
//! i32 with byteorder's `write_i32::<NativeEndian>`, then calls the `u8` encode once per
//! element, which is byteorder's `write_u8`, itself `write_all(&[n])`). Built by meson with
//! rustc at opt-level 3, as a Flutter release build compiles the Rust side (cargokit builds the
//! release profile), and linked into vizbench: transfer/frb_hop.c calls it for the sse codec.
//! byteorder is not a dependency here (the build has no crate registry): its two writers are
//! restated below with the crate's own bodies' shape.
//!
//! Memory: the vector's buffer comes from Rust's global allocator (the system allocator:
//! malloc and realloc, which vizbench's allocation count sees); vb_frb_sse_free_rust gives it
//! back through the same allocator.

use std::io::{Cursor, Write};

/// The C side's message (transfer/frb_hop.h, vb_sse_message): field for field.
#[repr(C)]
pub struct VbSseMessage {
    data: *mut u8,
    len: usize,
    capacity: usize,
    position: usize,
}

/// byteorder's WriteBytesExt, the two writers the generated code calls.
trait WriteBytes: Write {
    #[inline]
    fn write_u8(&mut self, n: u8) -> std::io::Result<()> {
        self.write_all(&[n])
    }
    #[inline]
    fn write_i32_native(&mut self, n: i32) -> std::io::Result<()> {
        let buf = n.to_ne_bytes();
        self.write_all(&buf)
    }
}
impl<W: Write + ?Sized> WriteBytes for W {}

/// Encodes `bytes` bytes at `frame` into a new message in `out` (which must hold none: the
/// caller frees an old one first). Returns 0, or -1 when the frame does not fit an i32 length
/// (out untouched). A failed allocation aborts, as it does in the app.
///
/// # Safety
/// `frame` points at `bytes` readable bytes (or bytes is 0); `out` points at a message.
#[no_mangle]
pub unsafe extern "C" fn vb_frb_sse_encode_rust(
    frame: *const u8,
    bytes: usize,
    out: *mut VbSseMessage,
) -> i32 {
    if bytes > i32::MAX as usize {
        return -1;
    }
    let source: &[u8] = if bytes == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(frame, bytes)
    };
    let mut cursor = Cursor::new(Vec::new());
    // Writes into a vector cannot fail but by running out of memory, which aborts.
    cursor.write_i32_native(bytes as i32).unwrap();
    for &byte in source {
        cursor.write_u8(byte).unwrap();
    }
    let position = cursor.position() as usize;
    let mut vector = std::mem::ManuallyDrop::new(cursor.into_inner());
    *out = VbSseMessage {
        data: vector.as_mut_ptr(),
        len: vector.len(),
        capacity: vector.capacity(),
        position,
    };
    0
}

/// Gives a message's buffer from vb_frb_sse_encode_rust back to Rust's allocator.
///
/// # Safety
/// `data`, `len` and `capacity` are those vb_frb_sse_encode_rust wrote, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vb_frb_sse_free_rust(data: *mut u8, len: usize, capacity: usize) {
    if !data.is_null() {
        drop(Vec::from_raw_parts(data, len, capacity));
    }
}
