//! `dubbelkoll serve`: the round as a local web page a reviewer works in.
//! One check is kept in memory and done again (through the cache) when a
//! submission comes, changes or goes, or a decision is saved; the pages
//! ([`crate::report::pages`]) follow it without a reload.
//!
//! Safe as a local server must be: it listens on loopback only; every page
//! is under a secret made for the run (`/TOKEN/…`); a request whose `Host`
//! is not this server's (DNS rebinding) is refused, and one that changes
//! something must come from this server's own pages (`Origin`,
//! `Sec-Fetch-Site`); files and findings are named by ids, never by a path
//! from the request; submissions are only read. The round's database is the
//! one thing written, as `dubbelkoll mark` writes it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use axum::extract::{Path as Id, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::check::{Options, Outcome};
use crate::decisions;
use crate::form::Form;
use crate::i18n::Lang;
use crate::letters::Letter;
use crate::report::pages::{self, LetterView, Page};

/// Where to listen, and whether to open the browser there.
pub struct Listen {
    /// A loopback address (`127.0.0.1`, `::1`) or `localhost`.
    pub bind: String,
    /// 0: any free port.
    pub port: u16,
    pub open: bool,
}

/// The address `bind` names, if it is a loopback address: the pages show
/// the round's submissions, so they are never served to the network.
pub fn loopback(bind: &str) -> Result<IpAddr, String> {
    let ip = match bind.trim() {
        b if b.eq_ignore_ascii_case("localhost") => IpAddr::V4(Ipv4Addr::LOCALHOST),
        b => b
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| {
                format!("--bind {b:?}: not an IP address (give 127.0.0.1, ::1 or localhost)")
            })?,
    };
    if ip.is_loopback() {
        Ok(ip)
    } else {
        Err(format!(
            "--bind {ip}: serve listens on loopback only (127.0.0.1, ::1): its pages hold the round's submissions"
        ))
    }
}

/// One check of the round and what is derived from it.
#[derive(Clone, Default)]
struct Snapshot {
    /// Grows with each check: the pages ask for it to know they are old.
    generation: u64,
    outcome: Arc<Outcome>,
    letters: Arc<Vec<Letter>>,
    /// The options it was checked with (the decisions as they stood).
    options: Arc<Options>,
    /// Why the last check failed, when it did: the pages show the one
    /// before and say so.
    trouble: Option<String>,
}

/// The round being served.
struct Served {
    paths: Vec<PathBuf>,
    form: Form,
    /// Locked while a check runs, so checks never overlap.
    options: Mutex<Options>,
    lang: Lang,
    /// The base of every page: `/` and the run's secret.
    base: String,
    /// The `Host` values this server answers to.
    hosts: Vec<String>,
    now: RwLock<Arc<Snapshot>>,
}

impl Served {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.now
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn options(&self) -> std::sync::MutexGuard<'_, Options> {
        self.options.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Checks the round again, with the decisions as they stand now. When
    /// the check fails, the last one stays, and the pages say why.
    fn recheck(&self) -> Result<(), String> {
        let mut options = self.options();
        let checked = options.load_decisions().and_then(|()| {
            crate::check::check_paths(&self.paths, &self.form, &options).map_err(|e| e.to_string())
        });
        let last = self.snapshot();
        let (next, result) = match checked {
            Ok(outcome) => {
                let date = crate::versions::source_date() as i64;
                let round = options.round.as_ref();
                let letters = crate::letters::letters(&outcome, round, self.lang, date);
                let next = Snapshot {
                    generation: last.generation + 1,
                    outcome: Arc::new(outcome),
                    letters: Arc::new(letters),
                    options: Arc::new(options.clone()),
                    trouble: None,
                };
                (next, Ok(()))
            }
            Err(e) => {
                let next = Snapshot {
                    generation: last.generation + 1,
                    trouble: Some(e.clone()),
                    ..(*last).clone()
                };
                (next, Err(e))
            }
        };
        *self.now.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
        result
    }

    fn page<'a>(&'a self, now: &'a Snapshot) -> Page<'a> {
        Page {
            base: &self.base,
            generation: now.generation,
            lang: self.lang,
            trouble: now.trouble.as_deref(),
        }
    }
}

/// A secret for the run's links: 128 random bits, in hex.
fn token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for the page's secret: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `dubbelkoll serve`: checks the round under `paths`, serves its pages on
/// loopback and prints their address; runs until stopped.
pub fn run(
    paths: Vec<PathBuf>,
    form: Form,
    mut options: Options,
    listen: &Listen,
    lang: Lang,
) -> Result<(), String> {
    let ip = loopback(&listen.bind)?;
    options.cache_dir = crate::check::cache_dir(&paths, None, false)?;
    // Every finding has an id, so that it has a page and a decision.
    let root = decisions::root(options.ignores_base.as_deref());
    options.round_root.get_or_insert(root);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, listen.port))
            .await
            .map_err(|e| format!("cannot listen on {ip} port {}: {e}", listen.port))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot listen: {e}"))?;
        let port = addr.port();
        let served = Arc::new(Served {
            paths,
            form,
            options: Mutex::new(options),
            lang,
            base: format!("/{}", token()?),
            // The address it listens on, and the name every system gives
            // loopback.
            hosts: vec![addr.to_string(), format!("localhost:{port}")],
            now: RwLock::new(Arc::new(Snapshot::default())),
        });
        let first = served.clone();
        tokio::task::spawn_blocking(move || first.recheck())
            .await
            .map_err(|e| e.to_string())??;
        if let Some(why) = served.snapshot().outcome.nothing_checked() {
            eprintln!("dubbelkoll: {why}; the page shows the round as files arrive");
        }
        watch(served.clone())?;
        let url = format!("http://{addr}{}/", served.base);
        println!("dubbelkoll: the round is at {url} (Ctrl-C stops)");
        if listen.open {
            open(&url);
        }
        axum::serve(listener, routes(served))
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}

/// Starts the system's browser on `url`; says so when it cannot.
fn open(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("dubbelkoll: cannot start the browser ({opener}: {e}): open {url}");
    }
}

/// Watches the round's folders and checks again when a submission comes,
/// changes or goes: after 200 ms without another change, so that a file
/// being copied is read once it is whole. Changes in the round's own
/// `.dubbelkoll` folder (its database) are not the round's. A folder
/// replaced by another of its name (a sync tool, an archive unpacked
/// again) is watched anew: each second, each path is looked up again.
fn watch(served: Arc<Served>) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut _watching = watcher(&served.paths, tx.clone())?;
    std::thread::spawn(move || {
        let mut seen = identities(&served.paths);
        loop {
            let changed = match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(()) => {
                    while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
                    true
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => false,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            };
            let now = identities(&served.paths);
            let replaced = now != seen;
            if replaced {
                seen = now;
                match self::watcher(&served.paths, tx.clone()) {
                    Ok(w) => _watching = w,
                    Err(e) => eprintln!("dubbelkoll: {e}"),
                }
            }
            if changed || replaced {
                if let Err(e) = served.recheck() {
                    eprintln!("dubbelkoll: {e}");
                }
            }
        }
    });
    Ok(())
}

/// A watcher of the paths that exist, telling `tx` of each change.
fn watcher(
    paths: &[PathBuf],
    tx: std::sync::mpsc::Sender<()>,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::event::{AccessKind, AccessMode, EventKind};
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        let Ok(e) = e else { return };
        let changes = matches!(
            e.kind,
            EventKind::Create(_)
                | EventKind::Modify(_)
                | EventKind::Remove(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        let own = |p: &PathBuf| p.components().any(|c| c.as_os_str() == ".dubbelkoll");
        if changes && !e.paths.iter().all(own) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch the round's folders: {e}"))?;
    for p in paths.iter().filter(|p| p.exists()) {
        watcher
            .watch(p, notify::RecursiveMode::Recursive)
            .map_err(|e| format!("{}: cannot watch: {e}", p.display()))?;
    }
    Ok(watcher)
}

/// What each path is on disk now (absent: `None`): a folder replaced by
/// another of its name is another.
fn identities(paths: &[PathBuf]) -> Vec<Option<(u64, u64)>> {
    let id = |p: &PathBuf| {
        let m = std::fs::metadata(p).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some((m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            let made = m
                .created()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some((made.as_secs(), u64::from(made.subsec_nanos())))
        }
    };
    paths.iter().map(id).collect()
}

fn routes(served: Arc<Served>) -> Router {
    let at = |p: &str| format!("{}{p}", served.base);
    Router::new()
        .route(&at("/"), get(senders))
        .route(&at("/file/{id}"), get(submission))
        .route(&at("/finding/{id}"), get(finding).post(decide))
        .route(&at("/letter/{id}"), get(letter))
        .route(&at("/letter/{id}/eml"), get(letter_file))
        .route(&at("/compiled.docx"), get(compiled_docx))
        .route(&at("/compiled.xlsx"), get(compiled_xlsx))
        .route(&at("/generation"), get(generation))
        .route(&at("/app.js"), get(script))
        .route(&at("/style.css"), get(style))
        .route(&served.base, get(to_base))
        .fallback(nowhere)
        .layer(axum::middleware::from_fn_with_state(served.clone(), guard))
        .with_state(served)
}

/// Refuses what is not for this server, and says how every answer may be
/// used: no framing, no referrer to another site (the secret is in the
/// address), no caching, nothing loaded from elsewhere.
async fn guard(State(s): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let ours = |host: &str| s.hosts.iter().any(|h| h.eq_ignore_ascii_case(host));
    // One Host, this server's, and no other named in the request line.
    let hosts = headers.get_all("host").iter().count();
    let named = request.uri().authority().is_none_or(|a| ours(a.as_str()));
    if hosts != 1 || !value("host").is_some_and(ours) || !named {
        return (StatusCode::MISDIRECTED_REQUEST, "not this server\n").into_response();
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let from_us = value("origin")
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(ours);
        let site = value("sec-fetch-site").is_none_or(|v| v == "same-origin");
        if !(from_us && site) {
            return (
                StatusCode::FORBIDDEN,
                "only this server's pages change things\n",
            )
                .into_response();
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        // Not `no-referrer`: with it a browser sends `Origin: null` on a
        // form's post, and the post could not be told from a foreign one.
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, v) in fixed {
        h.insert(name, HeaderValue::from_static(v));
    }
    response
}

fn html(page: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

fn not_found(s: &Served) -> Response {
    let now = s.snapshot();
    let page = pages::not_found(&s.page(&now));
    (StatusCode::NOT_FOUND, html(page)).into_response()
}

/// The secret without its slash: the senders page.
async fn to_base(State(s): State<Arc<Served>>) -> Response {
    Redirect::to(&format!("{}/", s.base)).into_response()
}

/// Any other address: where to look instead, and nothing of the round.
async fn nowhere() -> Response {
    let text = "dubbelkoll serve: no page here. Open the address dubbelkoll printed when it started (it holds a secret part).\ndubbelkoll serve: ingen sida här. Öppna adressen som dubbelkoll skrev ut när den startade (den har en hemlig del).\n";
    (StatusCode::NOT_FOUND, text).into_response()
}

/// Runs `work` off the server's thread (it reads files or checks).
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response())
}

/// The letters as the pages name them: by their sender's part of the file
/// name (`farsta`, not `03-farsta.eml`), which stays when other letters
/// come or go; by the whole name when two senders share the part.
fn views(letters: &[Letter]) -> Vec<LetterView<'_>> {
    fn part(l: &Letter) -> &str {
        let name = l.name.trim_end_matches(".eml");
        name.split_once('-').map_or(name, |(_, rest)| rest)
    }
    let shared = |p: &str| letters.iter().filter(|l| part(l) == p).count() > 1;
    (letters.iter())
        .map(|l| LetterView {
            id: if shared(part(l)) { &l.name } else { part(l) },
            sender: &l.sender,
            to: l.to.as_deref(),
            subject: &l.subject,
            body: &l.body,
        })
        .collect()
}

async fn senders(State(s): State<Arc<Served>>) -> Response {
    let now = s.snapshot();
    html(pages::senders(
        &s.page(&now),
        &now.outcome,
        &views(&now.letters),
    ))
}

async fn submission(State(s): State<Arc<Served>>, Id(id): Id<String>) -> Response {
    blocking(move || {
        let now = s.snapshot();
        let Some(file) = (now.outcome.files.iter()).find(|f| pages::file_id(&f.path) == id) else {
            return not_found(&s);
        };
        let form = now.outcome.learned.as_deref().unwrap_or(&s.form);
        let answers = match crate::check::read_named(&file.path, form, &now.options.read) {
            Ok(parsed) => {
                let shown = crate::report::show::answers_html(&parsed, form, s.lang);
                (shown, crate::report::show::render(&parsed, form, s.lang))
            }
            Err(e) => (String::new(), e),
        };
        let page = s.page(&now);
        html(pages::submission(&page, &now.outcome, &file.path, &answers))
    })
    .await
}

/// The finding a whole id names in a check.
fn named<'a>(outcome: &'a Outcome, id: &str) -> Option<&'a crate::finding::Finding> {
    let ids = outcome.ids.as_ref()?;
    outcome.findings.iter().find(|f| ids.of(f) == id)
}

async fn finding(
    State(s): State<Arc<Served>>,
    Id(id): Id<String>,
    uri: axum::http::Uri,
) -> Response {
    blocking(move || {
        let now = s.snapshot();
        let saved = uri.query() == Some("saved");
        match named(&now.outcome, &id) {
            Some(f) => html(pages::finding(&s.page(&now), &now.outcome, f, &id, saved)),
            None => not_found(&s),
        }
    })
    .await
}

/// What the decision form sends.
#[derive(serde::Deserialize)]
struct Decide {
    state: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    by: String,
}

/// Records a decision on a finding, checks again and shows the finding.
async fn decide(
    State(s): State<Arc<Served>>,
    Id(id): Id<String>,
    axum::Form(d): axum::Form<Decide>,
) -> Response {
    blocking(move || {
        let Some(state) = decisions::State::parse(&d.state) else {
            return (StatusCode::BAD_REQUEST, "no such decision\n").into_response();
        };
        let now = s.snapshot();
        let (Some(f), Some(ids)) = (named(&now.outcome, &id), now.outcome.ids.as_ref()) else {
            return not_found(&s);
        };
        let note = Some(d.note.trim()).filter(|n| !n.is_empty());
        let by = Some(d.by.trim()).filter(|n| !n.is_empty());
        let at = crate::versions::utc_minute(crate::versions::source_date());
        let recorded = decisions::Book::create(&decisions::book_path(Some(&ids.root)))
            .and_then(|book| book.record(f, ids, state, note, &decisions::who(by), &at))
            .and_then(|()| s.recheck());
        match recorded {
            Ok(()) => Redirect::to(&format!("{}/finding/{id}?saved", s.base)).into_response(),
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
        }
    })
    .await
}

async fn letter(State(s): State<Arc<Served>>, Id(id): Id<String>) -> Response {
    let now = s.snapshot();
    let views = views(&now.letters);
    match views.iter().find(|l| l.id == id) {
        Some(l) => html(pages::letter(&s.page(&now), l)),
        None => not_found(&s),
    }
}

async fn letter_file(State(s): State<Arc<Served>>, Id(id): Id<String>) -> Response {
    let now = s.snapshot();
    let Some(i) = views(&now.letters).iter().position(|l| l.id == id) else {
        return not_found(&s);
    };
    let l = &now.letters[i];
    // The generated file name: letters, digits and '-' only.
    let disposition = format!("attachment; filename=\"{}\"", l.name);
    let headers = [
        (header::CONTENT_TYPE, "message/rfc822".to_string()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, l.eml.clone()).into_response()
}

/// The round compiled into a document of `kind`, as a download.
async fn compiled(s: Arc<Served>, kind: crate::compile::Kind, name: &'static str) -> Response {
    blocking(move || {
        let options = s.snapshot().options.clone();
        let request = crate::compile::Request {
            pick: &[],
            lang: s.lang,
            clean: false,
        };
        let document = crate::compile::compile(&s.paths, &s.form, &options, &request)
            .and_then(|c| kind.write(&c));
        match document {
            Ok(bytes) => {
                let headers = [
                    (header::CONTENT_TYPE, kind.media_type()),
                    (
                        header::CONTENT_DISPOSITION,
                        &format!("attachment; filename=\"{name}\""),
                    ),
                ];
                (headers, bytes).into_response()
            }
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
        }
    })
    .await
}

async fn compiled_docx(State(s): State<Arc<Served>>) -> Response {
    compiled(s, crate::compile::Kind::Docx, "sammanstallning.docx").await
}

async fn compiled_xlsx(State(s): State<Arc<Served>>) -> Response {
    compiled(s, crate::compile::Kind::Xlsx, "sammanstallning.xlsx").await
}

async fn generation(State(s): State<Arc<Served>>) -> Response {
    let g = s.snapshot().generation.to_string();
    ([(header::CONTENT_TYPE, "text/plain")], g).into_response()
}

async fn script() -> Response {
    let js = "text/javascript; charset=utf-8";
    ([(header::CONTENT_TYPE, js)], pages::SCRIPT).into_response()
}

async fn style() -> Response {
    let css = "text/css; charset=utf-8";
    ([(header::CONTENT_TYPE, css)], pages::STYLE).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_served_on() {
        assert!(loopback("127.0.0.1").is_ok());
        assert!(loopback("::1").is_ok());
        assert!(loopback("[::1]").is_ok());
        assert!(loopback("localhost").is_ok());
        for far in ["0.0.0.0", "::", "192.168.1.10", "example.org"] {
            assert!(loopback(far).is_err(), "{far}");
        }
    }

    #[test]
    fn the_secret_is_new_each_run() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
