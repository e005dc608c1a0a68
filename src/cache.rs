//! The cache of per-file results, so an unchanged repository is checked
//! again without parsing: what a file's own checks found and the summary
//! the corpus rules read, keyed by the file's canonical absolute path, the
//! path as the scan shows it, and a hash of its bytes. Another folder, or
//! another spelling of this one, never shares an entry.
//!
//! A file is not even read again only when its stamp is the one recorded:
//! its size, modification time, change time, inode and device, as git
//! trusts its index. Giving a file back its old size and modification time
//! (`touch -r`, an editor or copy tool that keeps times) changes its change
//! time, which no user can set, so it is read and hashed again. Times
//! within two seconds of the run that records them are not trusted (a file
//! written twice in one clock tick keeps its times): such a file is read
//! and hashed next time.
//!
//! Files no run can use are pruned when the cache is written: temporary
//! files a killed run left (older than an hour) and cache files of other
//! builds and settings not used for 30 days.
//!
//! One cache file per context — the tool's version, the form and the
//! settings that shape per-file results — under the user's cache directory
//! (`$XDG_CACHE_HOME/dubbelkoll`), never in the scanned tree. The file
//! starts with a magic number and a checksum of the rest; a file that is
//! truncated, corrupt or of another format is ignored and written anew,
//! never trusted and never fatal. An entry that does not decode is a miss.

use std::collections::HashMap;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use crate::finding::{Arg, Finding, Location, Message, Severity};

/// The start of every cache file, with the format's version.
const MAGIC: &[u8; 8] = b"dkcache2";
/// The largest cache file read.
const MAX_BYTES: u64 = 4 << 30;

/// A file's entry as stored: its path's bytes, its content's hash, its
/// stamp, the result.
type Entry<'a> = (&'a [u8], u128, Stamp, &'a [u8]);

/// A path met this run: found again as it was (`None`), or its (hash,
/// stamp, result).
type Met = (Vec<u8>, Option<(u128, Stamp, Vec<u8>)>);

/// A file's size, modification and change times, inode and device,
/// hashed; 0: "read it to know".
pub type Stamp = u128;

/// A cache of per-file results for one context.
pub struct Cache {
    file: PathBuf,
    /// The cache file as read; `old` points into it.
    read: Vec<u8>,
    /// Path → (content hash, stamp, where the result is in `read`).
    old: HashMap<Vec<u8>, (u128, Stamp, std::ops::Range<usize>)>,
    /// Modification times from here on are too recent to trust.
    racy: std::time::SystemTime,
    /// This run's entries: the paths found again, and the new results.
    now: Mutex<Vec<Met>>,
    /// Whether an entry was added this run.
    changed: std::sync::atomic::AtomicBool,
}

/// The hash a file's bytes are known by.
pub fn content_key(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// How long before the run a modification time must be to be trusted.
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

impl Cache {
    /// The cache for `context` in `dir`: its entries if the file is there
    /// and whole, none otherwise.
    pub fn open(dir: &Path, context: &str) -> Cache {
        let file = dir.join(format!("{:032x}.bin", xxh3_128(context.as_bytes())));
        let read = crate::bounded::read(&file, MAX_BYTES).unwrap_or_default();
        let at = |part: &[u8]| {
            let start = part.as_ptr() as usize - read.as_ptr() as usize;
            start..start + part.len()
        };
        let old = decode(&read)
            .map(|entries| {
                (entries.into_iter())
                    .map(|(p, k, st, v)| (p.to_vec(), (k, st, at(v))))
                    .collect()
            })
            .unwrap_or_default();
        Cache {
            file,
            read,
            old,
            racy: std::time::SystemTime::now() - RACY,
            now: Mutex::new(Vec::new()),
            changed: Default::default(),
        }
    }

    /// The stamp of a file on disk: its size, modification and change
    /// times, inode and device; 0 when a time is too recent to trust.
    pub fn stamp(&self, meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| (s as i128) * 1_000_000_000 + n as i128;
        let (mtime, ctime) = (
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
        );
        let racy = self
            .racy
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        if mtime.max(ctime) >= racy {
            return 0;
        }
        let parts = [
            meta.len() as u128,
            mtime as u128,
            ctime as u128,
            meta.ino() as u128,
            meta.dev() as u128,
        ];
        let bytes: Vec<u8> = parts.iter().flat_map(|p| p.to_le_bytes()).collect();
        xxh3_128(&bytes) | 1
    }

    /// The result stored under `entry` ([`entry`]) if its stamp is the one
    /// recorded: the file need not be read.
    pub fn get_unchanged<T: DeserializeOwned>(&self, entry: &[u8], stamp: Stamp) -> Option<T> {
        let p = entry;
        let (_, _, at) = (self.old.get(p)).filter(|(_, st, _)| stamp != 0 && *st == stamp)?;
        let value = postcard::from_bytes(&self.read[at.clone()]).ok()?;
        self.keep((p.to_vec(), None));
        Some(value)
    }

    /// The result stored under `entry` with content `key`, if it decodes;
    /// it is recorded again with the file's `stamp` now.
    pub fn get<T: DeserializeOwned>(&self, entry: &[u8], key: u128, stamp: Stamp) -> Option<T> {
        let p = entry;
        let (_, st, at) = self.old.get(p).filter(|(k, _, _)| *k == key)?;
        let bytes = &self.read[at.clone()];
        let value = postcard::from_bytes(bytes).ok()?;
        if *st == stamp {
            self.keep((p.to_vec(), None));
        } else {
            self.keep((p.to_vec(), Some((key, stamp, bytes.to_vec()))));
            (self.changed).store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Some(value)
    }

    /// Stores the result under `entry` with content `key` and `stamp` (a
    /// value that does not serialise is not stored).
    pub fn put<T: Serialize>(&self, entry: &[u8], key: u128, stamp: Stamp, value: &T) {
        if let Ok(bytes) = postcard::to_allocvec(value) {
            let p = entry.to_vec();
            self.keep((p, Some((key, stamp, bytes))));
            (self.changed).store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn keep(&self, e: Met) {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).push(e);
    }

    /// Writes this run's entries, atomically, unless they are the ones
    /// read: files gone from the scan are dropped.
    pub fn save(&self) -> std::io::Result<()> {
        let mut now = std::mem::take(&mut *self.now.lock().unwrap_or_else(|e| e.into_inner()));
        let changed = self.changed.load(std::sync::atomic::Ordering::Relaxed);
        let dir = self.file.parent().unwrap_or(Path::new("."));
        prune(dir, &self.file);
        if !changed && now.len() == self.old.len() {
            // Used: not to be pruned as stale.
            if let Ok(f) = std::fs::File::options().append(true).open(&self.file) {
                let _ = f.set_modified(std::time::SystemTime::now());
            }
            return Ok(());
        }
        now.sort_by(|a, b| a.0.cmp(&b.0));
        now.dedup_by(|a, b| a.0 == b.0);
        let entries: Vec<Entry> = (now.iter())
            .filter_map(|(p, new)| match new {
                Some((k, st, v)) => Some((p.as_slice(), *k, *st, v.as_slice())),
                None => {
                    let (k, st, at) = self.old.get(p)?;
                    Some((p.as_slice(), *k, *st, &self.read[at.clone()]))
                }
            })
            .collect();
        let payload = postcard::to_allocvec(&entries).map_err(std::io::Error::other)?;
        let mut bytes = Vec::with_capacity(payload.len() + 16);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(&self.file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// A file's entry in the cache: its canonical absolute path and its path as
/// the scan shows it (findings carry the latter).
pub fn entry(canonical: &Path, shown: &Path) -> Vec<u8> {
    let mut e = canonical.as_os_str().as_bytes().to_vec();
    e.push(0);
    e.extend_from_slice(shown.as_os_str().as_bytes());
    e
}

/// How long a cache file of another context may go unused before it is
/// removed, and a temporary file a killed run left.
const STALE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);
const LEFT_BEHIND: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes from the cache folder what no run can use: temporary files of
/// killed runs, and cache files (not `keep`) unused for [`STALE`]. Only
/// names this cache writes are touched.
fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        let is_tmp = name.starts_with(".tmp");
        let is_cache = name.len() == 36
            && name.ends_with(".bin")
            && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
        let age = (e.metadata().ok())
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok());
        let stale = match age {
            Some(a) if is_tmp => a > LEFT_BEHIND,
            Some(a) if is_cache && path != keep => a > STALE,
            _ => false,
        };
        if stale {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A cache file's entries, pointing into it, if it is whole.
fn decode(bytes: &[u8]) -> Option<Vec<Entry<'_>>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, payload) = rest.split_at_checked(8)?;
    if xxh3_64(payload).to_le_bytes() != sum {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// The path of a cache entry.
pub fn entry_path(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(OsString::from_vec(bytes))
}

/// A finding as the cache stores it: names as strings, turned back into
/// the rules' own `&'static str`s when read. Only a file's own findings
/// are cached; they carry no changes, group or answers side by side.
#[derive(Serialize, Deserialize)]
struct FindingRecord {
    rule: String,
    severity: Severity,
    path: Vec<u8>,
    line: u32,
    column: u32,
    message: String,
    question: Option<String>,
    related: Vec<Location>,
    similarity: Option<f64>,
    text: MessageRecord,
    source: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct MessageRecord {
    key: String,
    args: Vec<(String, ArgRecord)>,
}

#[derive(Serialize, Deserialize)]
enum ArgRecord {
    Text(String),
    Path(Vec<u8>),
    Number(i64),
    Count(usize),
    Line(u32),
    Peer(Vec<u8>),
    Percent { value: f64, decimals: u8 },
    List(Vec<MessageRecord>),
}

fn message_record(m: &Message) -> MessageRecord {
    let arg = |a: &Arg| match a {
        Arg::Text(t) => ArgRecord::Text(t.clone()),
        Arg::Path(p) => ArgRecord::Path(p.as_os_str().as_bytes().to_vec()),
        Arg::Number(n) => ArgRecord::Number(*n),
        Arg::Count(n) => ArgRecord::Count(*n),
        Arg::Line(n) => ArgRecord::Line(*n),
        Arg::Peer(p) => ArgRecord::Peer(p.as_os_str().as_bytes().to_vec()),
        Arg::Percent { value, decimals } => ArgRecord::Percent {
            value: *value,
            decimals: *decimals,
        },
        Arg::List(items) => ArgRecord::List(items.iter().map(message_record).collect()),
    };
    MessageRecord {
        key: m.key.to_string(),
        args: m
            .args
            .iter()
            .map(|(n, a)| (n.to_string(), arg(a)))
            .collect(),
    }
}

fn message(r: MessageRecord) -> Option<Message> {
    let arg = |a: ArgRecord| {
        Some(match a {
            ArgRecord::Text(t) => Arg::Text(t),
            ArgRecord::Path(p) => Arg::Path(entry_path(p)),
            ArgRecord::Number(n) => Arg::Number(n),
            ArgRecord::Count(n) => Arg::Count(n),
            ArgRecord::Line(n) => Arg::Line(n),
            ArgRecord::Peer(p) => Arg::Peer(entry_path(p)),
            ArgRecord::Percent { value, decimals } => Arg::Percent { value, decimals },
            ArgRecord::List(items) => {
                Arg::List(items.into_iter().map(message).collect::<Option<_>>()?)
            }
        })
    };
    let mut m = Message::new(crate::rules::static_name(&r.key)?);
    for (name, a) in r.args {
        m.args.push((crate::rules::static_name(&name)?, arg(a)?));
    }
    Some(m)
}

/// (De)serialises a file's own findings through [`FindingRecord`].
pub mod findings {
    use super::*;

    pub fn serialize<S: serde::Serializer>(fs: &[Finding], s: S) -> Result<S::Ok, S::Error> {
        let records: Option<Vec<FindingRecord>> = (fs.iter())
            .map(|f| {
                let own = f.changes.is_none() && f.group.is_none() && f.aligned.is_none();
                own.then(|| FindingRecord {
                    rule: f.rule.to_string(),
                    severity: f.severity,
                    path: f.path.as_os_str().as_bytes().to_vec(),
                    line: f.line,
                    column: f.column,
                    message: f.message.clone(),
                    question: f.question.clone(),
                    related: f.related.clone(),
                    similarity: f.similarity,
                    text: message_record(&f.text),
                    source: f.source.clone(),
                })
            })
            .collect();
        let records =
            records.ok_or_else(|| serde::ser::Error::custom("not a file's own finding"))?;
        records.serialize(s)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Finding>, D::Error> {
        let unknown = || serde::de::Error::custom("a rule or message this version does not have");
        let records = Vec::<FindingRecord>::deserialize(d)?;
        (records.into_iter())
            .map(|r| {
                let rule = crate::rules::lookup(&r.rule).ok_or_else(unknown)?;
                Ok(Finding {
                    rule: rule.code,
                    severity: r.severity,
                    path: entry_path(r.path),
                    line: r.line,
                    column: r.column,
                    message: r.message,
                    question: r.question,
                    related: r.related,
                    similarity: r.similarity,
                    changes: None,
                    group: None,
                    text: message(r.text).ok_or_else(unknown)?,
                    source: r.source,
                    aligned: None,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_a_round_trip_and_corruption_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(dir.path(), "ctx");
        let a = entry(Path::new("/d/a.txt"), Path::new("a.txt"));
        c.put(&a, 7, 5, &vec![1u32, 2, 3]);
        c.save().unwrap();
        let c = Cache::open(dir.path(), "ctx");
        assert_eq!(c.get::<Vec<u32>>(&a, 7, 5), Some(vec![1, 2, 3]));
        assert_eq!(c.get_unchanged::<Vec<u32>>(&a, 5), Some(vec![1, 2, 3]));
        // Another stamp must be read; another content, another context,
        // another folder or spelling: misses.
        assert_eq!(c.get_unchanged::<Vec<u32>>(&a, 6), None);
        assert_eq!(c.get::<Vec<u32>>(&a, 8, 5), None);
        let b = entry(Path::new("/e/a.txt"), Path::new("a.txt"));
        assert_eq!(c.get::<Vec<u32>>(&b, 7, 5), None);
        let dot = entry(Path::new("/d/a.txt"), Path::new("./a.txt"));
        assert_eq!(c.get::<Vec<u32>>(&dot, 7, 5), None);
        assert!(Cache::open(dir.path(), "other").old.is_empty());
        // One flipped byte anywhere: the whole file is ignored.
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert!(Cache::open(dir.path(), "ctx").old.is_empty());
        std::fs::write(&file, b"garbage").unwrap();
        assert!(Cache::open(dir.path(), "ctx").old.is_empty());
    }

    #[test]
    fn what_no_run_can_use_is_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = std::time::SystemTime::now() - STALE - std::time::Duration::from_secs(60);
        let aged = |name: &str, t: std::time::SystemTime| {
            std::fs::write(d.join(name), b"x").unwrap();
            let f = std::fs::File::options()
                .append(true)
                .open(d.join(name))
                .unwrap();
            f.set_modified(t).unwrap();
        };
        let stale = format!("{:032x}.bin", 1);
        let recent = format!("{:032x}.bin", 2);
        aged(&stale, old);
        aged(&recent, std::time::SystemTime::now());
        aged(".tmpAbC123", old);
        aged(".tmpNew", std::time::SystemTime::now());
        aged("notes.txt", old);
        let c = Cache::open(d, "ctx");
        c.put(&entry(Path::new("/a"), Path::new("a")), 1, 1, &1u8);
        c.save().unwrap();
        let mut left: Vec<String> = (std::fs::read_dir(d).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mine = c.file.file_name().unwrap().to_string_lossy().into_owned();
        let mut want = vec![".tmpNew".to_string(), "notes.txt".into(), recent, mine];
        want.sort();
        assert_eq!(left, want);
    }
}
