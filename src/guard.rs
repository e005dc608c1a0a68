//! Nothing is written where a scan reads. Every command that writes a file
//! or keeps a folder (reports, baselines, `compile`, `template infer`, the
//! cache) asks this one guard first; it refuses a path that is a scanned
//! file, one the next scan would read, or (for a folder) one inside a
//! scanned folder, however the path is spelled (`tree/x/../a.txt`, links).

use std::path::{Component, Path, PathBuf};

/// The paths a scan reads, and the globs it leaves out.
pub struct Scanned<'a> {
    pub roots: &'a [PathBuf],
    pub exclude: &'a globset::GlobSet,
}

impl Scanned<'_> {
    /// Refuses to write a file where the scan reads: over a submission, or
    /// into a scanned folder under a name the next scan would read as one.
    pub fn file(&self, out: &Path) -> Result<(), String> {
        // The last component is not resolved: a link there is replaced by
        // the file written, so the link's own place is what counts.
        let target = match (out.parent(), out.file_name()) {
            (Some(dir), Some(name)) => resolve(dir).join(name),
            _ => resolve(out),
        };
        let reads = self.roots.iter().any(|root| {
            let r = resolve(root);
            if r == target {
                return true;
            }
            let Ok(rel) = target.strip_prefix(&r) else {
                return false;
            };
            r.is_dir()
                && crate::source::has_known_extension(&target)
                && !rel.iter().any(|n| n.to_string_lossy().starts_with('.'))
                && !self.exclude.is_match(rel)
        });
        if reads {
            return Err(format!(
                "{}: will not write there: it is a submission or a file the scan reads \
                 (write it outside the scanned folders, or under another extension)",
                out.display()
            ));
        }
        Ok(())
    }

    /// Whether a folder lies in a scanned folder (or is one).
    pub fn holds_dir(&self, dir: &Path) -> bool {
        let target = resolve(dir);
        self.roots.iter().any(|root| {
            let r = resolve(root);
            r.is_dir() && target.starts_with(&r)
        })
    }
}

/// A path as the file system would resolve it when it is written: absolute,
/// through every link of the part that exists, and with `..` taken
/// lexically only past components that do not exist yet (which
/// `create_dir_all` would create).
pub fn resolve(p: &Path) -> PathBuf {
    let mut at = match std::env::current_dir() {
        Ok(cwd) if p.is_relative() => cwd,
        _ => PathBuf::from("/"),
    };
    for c in p.components() {
        match c {
            Component::RootDir | Component::Prefix(_) => at = PathBuf::from(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if at.exists() {
                    at = std::fs::canonicalize(at.join("..")).unwrap_or_else(|_| {
                        at.pop();
                        at.clone()
                    });
                } else {
                    at.pop();
                }
            }
            Component::Normal(name) => {
                at.push(name);
                if let Ok(real) = std::fs::canonicalize(&at) {
                    at = real;
                }
            }
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_path_in_the_tree_is_caught() {
        let d = tempfile::tempdir().unwrap();
        let tree = d.path().join("tree");
        std::fs::create_dir_all(tree.join("sub")).unwrap();
        std::fs::write(tree.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&tree, d.path().join("link")).unwrap();
        let roots = [tree.clone()];
        let exclude = globset::GlobSet::empty();
        let scan = Scanned {
            roots: &roots,
            exclude: &exclude,
        };
        for bad in [
            tree.join("a.txt"),
            tree.join("sub/../a.txt"),
            tree.join("new/../a.txt"),
            tree.join("form.docx"),
            d.path().join("link/a.txt"),
            d.path().join("link/sub/b.pdf"),
        ] {
            assert!(scan.file(&bad).is_err(), "{}", bad.display());
        }
        // A link in the tree to a file outside is replaced by what is
        // written: still the tree.
        std::fs::write(d.path().join("outside.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.path().join("outside.txt"), tree.join("evil.txt")).unwrap();
        assert!(scan.file(&tree.join("evil.txt")).is_err());
        for fine in [
            d.path().join("out.md"),
            tree.join("form.toml"),
            tree.join(".hidden/a.txt"),
        ] {
            assert!(scan.file(&fine).is_ok(), "{}", fine.display());
        }
        assert!(scan.holds_dir(&tree.join("x/..")));
        assert!(scan.holds_dir(&tree.join("new/deeper/../cache")));
        assert!(scan.holds_dir(&d.path().join("link/cache")));
        assert!(!scan.holds_dir(&d.path().join("cache")));
        assert!(!scan.holds_dir(&tree.join("../cache")));
    }
}
