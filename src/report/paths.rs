//! Paths as the machine formats write them (SARIF, GitLab, rdjson, GitHub
//! annotations): relative to the repository's root, whatever the scan was
//! given (`.`, a folder, an absolute path), since that is how code
//! scanning, merge requests and reviewdog place a finding. The root is
//! `GITHUB_WORKSPACE`, else `CI_PROJECT_DIR`, else the git work tree around
//! the current directory, else the current directory. A path outside the
//! root stays absolute.

use std::path::{Component, Path, PathBuf};

/// The root paths are written relative to, and the current directory.
#[derive(Debug, Clone)]
pub struct Root {
    root: Option<PathBuf>,
    here: Option<PathBuf>,
}

/// A path as a machine format writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Below the root: relative to it, `/` between its parts.
    Relative(String),
    /// Outside the root: absolute.
    Absolute(PathBuf),
}

impl Root {
    /// The root of this run, from the environment and the current
    /// directory.
    pub fn of_run() -> Root {
        let here = std::env::current_dir().ok();
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        let root = var("GITHUB_WORKSPACE")
            .or_else(|| var("CI_PROJECT_DIR"))
            .or_else(|| here.as_deref().and_then(work_tree))
            .or_else(|| here.clone());
        Root { root, here }
    }

    /// A root given outright (tests).
    pub fn at(root: &Path, here: &Path) -> Root {
        Root {
            root: Some(root.to_path_buf()),
            here: Some(here.to_path_buf()),
        }
    }

    /// The root, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// `path` (as the scan names it) relative to the root.
    pub fn show(&self, path: &Path) -> Shown {
        let absolute = match (&self.here, path.is_absolute()) {
            (_, true) => lexical(path),
            (Some(here), false) => lexical(&here.join(path)),
            (None, false) => return Shown::Relative(slashed(&lexical(path))),
        };
        let Some(root) = &self.root else {
            return Shown::Absolute(absolute);
        };
        // The root as given, or as the file system names it (a symbolic
        // link in GITHUB_WORKSPACE, /tmp on macOS).
        let canonical = root.canonicalize().ok();
        for r in std::iter::once(root).chain(canonical.as_ref()) {
            if let Ok(rel) = absolute.strip_prefix(lexical(r)) {
                return Shown::Relative(slashed(rel));
            }
        }
        Shown::Absolute(absolute)
    }

    /// `path` relative to the root as text: relative with `/`, or absolute.
    pub fn text(&self, path: &Path) -> String {
        match self.show(path) {
            Shown::Relative(s) => s,
            Shown::Absolute(p) => p.to_string_lossy().into_owned(),
        }
    }
}

/// The git work tree holding `dir`: the nearest folder with a `.git`.
fn work_tree(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `.` dropped and `..` taken back, without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A relative path with `/` between its parts, whatever the platform.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_root_however_the_scan_named_them() {
        let root = Root::at(Path::new("/repo"), Path::new("/repo/sub"));
        assert_eq!(root.text(Path::new("./x.txt")), "sub/x.txt");
        assert_eq!(root.text(Path::new("../in/a.docx")), "in/a.docx");
        assert_eq!(root.text(Path::new("/repo/in/./a.docx")), "in/a.docx");
        assert_eq!(
            root.show(Path::new("/elsewhere/a.txt")),
            Shown::Absolute(PathBuf::from("/elsewhere/a.txt"))
        );
        // A name that merely starts like the root is outside it.
        assert_eq!(
            root.text(Path::new("/repository/a.txt")),
            "/repository/a.txt"
        );
    }
}
