//! Standard output for every command. A reader that stops early (`headroom report … |
//! head`) closes the pipe: the command then stops writing and exits as it would have,
//! quietly, as git and coreutils do, rather than panicking or reporting an error.

use std::io::{self, Write};

use anyhow::{Context, Result};

/// Writes `text` to standard output, flushed.
pub fn print(text: &str) -> Result<()> {
    write_with(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` against a buffered standard output and flushes it; a closed pipe is not
/// an error.
pub fn write_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            // What is still buffered has nowhere to go; dropping it must not retry.
            let _ = out.into_parts();
            Ok(())
        }
        other => other.context("cannot write to standard output"),
    }
}
