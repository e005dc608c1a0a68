//! The versions of one submission, as data: which files a group holds from
//! the oldest to the newest, and why the newest counts as the newest. The
//! scan's outcome carries the groups; reports, `compile` and the DUP rules
//! read them from there, never from a message's text.

use crate::i18n::Lang;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Why one version of a group counts as the newest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum NewestBy {
    /// Every version states a date in its header; the newest states the
    /// latest (`2022-05-03`).
    Date { date: String },
    /// Every version was last modified at another time (more than a minute
    /// apart); the newest was modified last (UTC, `2022-05-03 14:02`).
    Modified { time: String },
    /// Nothing else tells: the last by file name. The reviewer should check.
    Name,
}

impl NewestBy {
    /// Why a group's newest version counts as the newest: "newest by the
    /// date in its header, 2022-05-03".
    pub fn said(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, NewestBy::Date { date }) => {
                format!("newest by the date in its header, {date}")
            }
            (Lang::En, NewestBy::Modified { time }) => {
                format!("newest by its modification time, {time} UTC")
            }
            (Lang::En, NewestBy::Name) => "newest by its file name only — check".into(),
            (Lang::Sv, NewestBy::Date { date }) => {
                format!("senaste enligt datumet i uppgifterna om avsändaren, {date}")
            }
            (Lang::Sv, NewestBy::Modified { time }) => {
                format!("senaste enligt när filen senast ändrades, {time} UTC")
            }
            (Lang::Sv, NewestBy::Name) => "senaste bara enligt filnamnet – kontrollera".into(),
        }
    }
}

/// One group of versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionGroup {
    /// A stable id, from the path of its first member in sort order (the
    /// `group` of its members' DUP001 and DUP002 findings).
    pub id: String,
    /// The files, from the oldest version to the newest.
    #[serde(serialize_with = "crate::finding::serialize_paths")]
    pub members: Vec<PathBuf>,
    /// Why the last member is the newest.
    pub newest_by: NewestBy,
    /// No header said that the members come from one sender: they are
    /// grouped by the similarity of their answers alone.
    pub by_similarity_only: bool,
}

impl VersionGroup {
    /// The newest version.
    pub fn newest(&self) -> &Path {
        self.members.last().map_or(Path::new(""), PathBuf::as_path)
    }

    /// Where a file stands among the versions, from 1 (the oldest).
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.members.iter().position(|m| m == path).map(|i| i + 1)
    }
}

/// What tells a version's age: the date its header states (yyyymmdd) and
/// when its file was last modified (seconds since the epoch).
pub struct Dated<'a> {
    pub path: &'a Path,
    pub stated: Option<u32>,
    pub modified: Option<u64>,
}

/// The members of a group (indices into `files`) from the oldest version
/// to the newest, and why: by the date each states when all state
/// different dates (a date they share, such as a deadline in the form's
/// text, tells nothing); else by modification time when all differ by
/// more than a minute (a checkout writes files within one); else by name.
pub fn order(files: &[Dated]) -> (Vec<usize>, NewestBy) {
    let mut m: Vec<usize> = (0..files.len()).collect();
    let file = |i: usize| &files[i];
    let path = |i: usize| crate::finding::path_bytes(files[i].path);
    let mut dates: Vec<Option<u32>> = files.iter().map(|f| f.stated).collect();
    dates.sort_unstable();
    let distinct = dates.windows(2).all(|w| w[0] != w[1]);
    if distinct && dates.iter().all(Option::is_some) {
        m.sort_by(|&a, &b| (file(a).stated, path(a)).cmp(&(file(b).stated, path(b))));
        let last = m.last().and_then(|&i| file(i).stated);
        return (
            m,
            NewestBy::Date {
                date: last.map(yyyymmdd).unwrap_or_default(),
            },
        );
    }
    m.sort_by(|&a, &b| path(a).cmp(path(b)));
    let times: Option<Vec<u64>> = m.iter().map(|&i| file(i).modified).collect();
    if let Some(mut t) = times {
        t.sort_unstable();
        if t.windows(2).all(|w| w[1] - w[0] > 60) {
            m.sort_by_key(|&i| file(i).modified);
            let last = t.last().copied().unwrap_or_default();
            return (
                m,
                NewestBy::Modified {
                    time: utc_minute(last),
                },
            );
        }
    }
    (m, NewestBy::Name)
}

/// A date held as yyyymmdd, written `yyyy-mm-dd`.
fn yyyymmdd(d: u32) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

/// Now, in seconds since the epoch, unless `SOURCE_DATE_EPOCH` says when:
/// a reproducible build's or a test's time, so that the same input gives
/// the same bytes.
pub fn source_date() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

/// Seconds since the epoch as a UTC date and minute: `2022-05-03 14:02`.
pub fn utc_minute(secs: u64) -> String {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_date_gives_way_to_modification_times() {
        let dated = |path: &'static str, stated, modified| Dated {
            path: Path::new(path),
            stated,
            modified,
        };
        let by_date = [
            dated("b", Some(20220503), Some(100)),
            dated("a", Some(20220520), Some(9000)),
        ];
        assert_eq!(
            order(&by_date),
            (
                vec![0, 1],
                NewestBy::Date {
                    date: "2022-05-20".into()
                }
            )
        );
        // The same date in both (a deadline in the form's text): the times.
        let tie = [
            dated("a", Some(20220615), Some(9000)),
            dated("b", Some(20220615), Some(100)),
        ];
        let (o, by) = order(&tie);
        assert_eq!(o, vec![1, 0]);
        assert!(matches!(by, NewestBy::Modified { .. }), "{by:?}");
        // Nothing tells: the name.
        let none = [dated("b", None, Some(5)), dated("a", None, Some(10))];
        assert_eq!(order(&none), (vec![1, 0], NewestBy::Name));
    }

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_115), (2022, 5, 3));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(utc_minute(1_651_586_520), "2022-05-03 14:02");
        assert_eq!(yyyymmdd(20220503), "2022-05-03");
    }
}
