//! Reading a whole file with a cap: regular files only, and never more
//! than the cap, whatever the file's metadata says (`/dev/zero` and a FIFO
//! report size 0). Submissions, templates, configuration files and
//! baselines are all read this way.

use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Error {
    NotRegular,
    /// Over the limit: its size when the metadata said so, `None` when it
    /// grew past the limit while it was read.
    TooLarge(Option<u64>),
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotRegular => f.write_str("not a regular file"),
            Error::TooLarge(_) => f.write_str("larger than the limit"),
            Error::Io(e) => e.fmt(f),
        }
    }
}

/// The most a configuration file, template or baseline may hold.
pub const SETTINGS_MAX: u64 = 16 * 1000 * 1000;

/// Reads at most `max` bytes of a regular file; more is [`Error::TooLarge`].
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    read_with_metadata(path, max).map(|(bytes, _)| bytes)
}

/// [`read`], with the metadata the file had when it was opened. A file
/// whose metadata already says it is over `max` is not read at all.
pub fn read_with_metadata(path: &Path, max: u64) -> Result<(Vec<u8>, Metadata), Error> {
    // The path's metadata first: opening a FIFO would wait for a writer.
    let meta = std::fs::metadata(path).map_err(Error::Io)?;
    if !meta.is_file() {
        return Err(Error::NotRegular);
    }
    if meta.len() > max {
        return Err(Error::TooLarge(Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(Error::Io)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(Error::Io)?;
    if bytes.len() as u64 > max {
        return Err(Error::TooLarge(None));
    }
    Ok((bytes, meta))
}

/// Reads a settings file (configuration, template, baseline) as UTF-8.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = read(path, SETTINGS_MAX)?;
    String::from_utf8(bytes)
        .map_err(|e| Error::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}
