//! A content-addressed response cache around any director: the key hashes (blake3) what
//! decides the answer — model, prompt version, template and schema hashes, options — and the
//! request, so a repeated compile makes no call. Only successes are cached.

use std::path::{Path, PathBuf};
use std::time::Instant;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{Directed, Director, DirectorError, Request};
use crate::check::Diagnostic;
use crate::ir::{Meta, Storyboard};

/// Cache entry format version (part of the key).
const ENTRY_FORMAT: &str = "scenec-cache-1";

#[derive(Serialize, Deserialize)]
struct Entry {
    storyboard: Storyboard,
    meta: Meta,
    diagnostics: Vec<Diagnostic>,
}

/// Wraps a director with the response cache in `dir`.
pub struct CachedDirector {
    inner: Box<dyn Director>,
    dir: PathBuf,
}

impl CachedDirector {
    /// Caches `inner`'s answers under `dir` (created on the first write).
    pub fn new(inner: Box<dyn Director>, dir: impl Into<PathBuf>) -> Self {
        Self {
            inner,
            dir: dir.into(),
        }
    }

    /// The default cache folder: `$SCENEC_CACHE_DIR`, else `$XDG_CACHE_HOME/scenec/responses`,
    /// else `~/.cache/scenec/responses`, else a folder in the temporary directory.
    pub fn default_dir() -> PathBuf {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(dir) = var("SCENEC_CACHE_DIR") {
            return dir;
        }
        var("XDG_CACHE_HOME")
            .or_else(|| var("HOME").map(|h| h.join(".cache")))
            .unwrap_or_else(std::env::temp_dir)
            .join("scenec")
            .join("responses")
    }

    fn path(&self, identity: &str, request: &Request) -> PathBuf {
        let mut hasher = blake3::Hasher::new();
        for part in [ENTRY_FORMAT, identity, &request.prompt] {
            hasher.update(part.as_bytes());
            hasher.update(b"\0");
        }
        hasher.update(format!("{:?}", request.duration_s).as_bytes());
        self.dir
            .join(format!("{}.json", hasher.finalize().to_hex()))
    }
}

fn read(path: &Path) -> Option<Entry> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn write(path: &Path, entry: &Entry) -> Result<(), DirectorError> {
    let io = |path: &Path, source| DirectorError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let text = serde_json::to_string(entry).unwrap_or_default();
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| io(path, e))
}

#[async_trait]
impl Director for CachedDirector {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn cache_identity(&self) -> Option<String> {
        self.inner.cache_identity()
    }

    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        let Some(identity) = self.inner.cache_identity() else {
            return self.inner.direct(request).await;
        };
        let started = Instant::now();
        let path = self.path(&identity, request);
        if let Some(entry) = read(&path) {
            tracing::debug!(path = %path.display(), "response cache hit");
            let mut meta = entry.meta;
            meta.cached = true;
            meta.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            return Ok(Directed {
                storyboard: entry.storyboard,
                meta,
                diagnostics: entry.diagnostics,
            });
        }
        tracing::debug!(path = %path.display(), "response cache miss");
        let directed = self.inner.direct(request).await?;
        write(
            &path,
            &Entry {
                storyboard: directed.storyboard.clone(),
                meta: directed.meta.clone(),
                diagnostics: directed.diagnostics.clone(),
            },
        )?;
        Ok(directed)
    }
}
