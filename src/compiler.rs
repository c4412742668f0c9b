//! The whole pipeline in one call: director → check → lower → emit.

use std::time::Instant;

use serde::Serialize;
use thiserror::Error;

use crate::backend::{Backend, EmitError, Generic, Payload};
use crate::check::{self, CheckedStoryboard, Diagnostic};
use crate::director::{Directed, Director, DirectorError, Heuristic, Request};
use crate::ir::{KeyframePlan, Meta, Storyboard};
use crate::lower::{self, LowerError, LowerOptions};

/// Everything one compile produced.
#[derive(Debug, Clone, Serialize)]
pub struct Compiled {
    /// The checked storyboard.
    pub storyboard: CheckedStoryboard,
    /// The keyframe plan lowered for the chosen backend.
    pub plan: KeyframePlan,
    /// The chosen backend's payload.
    pub payload: Payload,
    /// Which director ran and what it cost.
    pub meta: Meta,
    /// Warnings and applied fixes.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a compile failed. Each variant keeps what was produced before the failure.
#[derive(Debug, Error)]
pub enum CompileError {
    /// The director produced no storyboard.
    #[error(transparent)]
    Director(#[from] DirectorError),
    /// The storyboard still has errors after the deterministic fixes.
    #[error("the storyboard has {} error(s); first: {}", .diagnostics.iter().filter(|d| d.is_error()).count(), .diagnostics.iter().find(|d| d.is_error()).map(|d| format!("{} at {}: {}", d.code, d.path, d.message)).unwrap_or_default())]
    Check {
        /// The storyboard as fixed.
        storyboard: Box<Storyboard>,
        /// All diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// The storyboard could not be lowered.
    #[error("lowering failed: {source}")]
    Lower {
        /// The storyboard that failed to lower.
        storyboard: Box<Storyboard>,
        /// Why.
        #[source]
        source: LowerError,
    },
    /// The backend could not emit the plan.
    #[error("emitting failed: {source}")]
    Emit {
        /// The plan that failed to emit.
        plan: Box<KeyframePlan>,
        /// Why.
        #[source]
        source: EmitError,
    },
}

/// The pipeline with its director and backend chosen. Build one with [`Compiler::builder`].
pub struct Compiler {
    director: Box<dyn Director>,
    backend: Box<dyn Backend>,
    options: LowerOptions,
}

/// Builder of a [`Compiler`].
pub struct CompilerBuilder {
    director: Option<Box<dyn Director>>,
    backend: Box<dyn Backend>,
    options: LowerOptions,
}

impl Compiler {
    /// A builder with the generic backend and default lowering options.
    pub fn builder() -> CompilerBuilder {
        CompilerBuilder {
            director: None,
            backend: Box::new(Generic),
            options: LowerOptions::default(),
        }
    }

    /// Compiles one prompt through the whole pipeline.
    pub async fn compile(&self, prompt: &str) -> Result<Compiled, CompileError> {
        self.compile_request(&Request::new(prompt)).await
    }

    /// Compiles one director request through the whole pipeline.
    ///
    /// A director returns a storyboard with the deterministic fixes applied and its
    /// diagnostics attached, so they are not run again; the storyboard is only re-checked
    /// for errors, which a director must never let through.
    pub async fn compile_request(&self, request: &Request) -> Result<Compiled, CompileError> {
        tracing::info!(
            director = self.director.name(),
            backend = self.backend.profile().name,
            prompt_chars = request.prompt.chars().count(),
            "compiling"
        );
        let started = Instant::now();
        let directed = self.director.direct(request).await.inspect_err(|e| {
            tracing::info!(code = e.code(), ms = ms(started), "director failed");
        })?;
        tracing::info!(
            director = %directed.meta.director,
            attempts = directed.meta.attempts,
            cached = directed.meta.cached,
            shots = directed.storyboard.shots.len(),
            ms = ms(started),
            "directed"
        );
        self.accept(directed)
    }

    /// Re-checks a director's answer for errors, then lowers and emits it: the second half of
    /// [`Compiler::compile_request`], for answers that came back another way (a Batch API
    /// results file).
    pub fn accept(&self, directed: Directed) -> Result<Compiled, CompileError> {
        let mut diagnostics = directed.diagnostics;
        let started = Instant::now();
        match check::accept(directed.storyboard) {
            Ok((checked, _)) => {
                tracing::info!(errors = 0, ms = ms(started), "checked");
                self.lower_and_emit(checked, directed.meta, diagnostics)
            }
            Err(rejected) => {
                let errors: Vec<Diagnostic> = (rejected.diagnostics.into_iter())
                    .filter(Diagnostic::is_error)
                    .collect();
                tracing::info!(errors = errors.len(), ms = ms(started), "checked");
                diagnostics.extend(errors);
                Err(CompileError::Check {
                    storyboard: rejected.storyboard,
                    diagnostics,
                })
            }
        }
    }

    /// Fixes, checks, lowers and emits a storyboard that came from elsewhere (a file, a
    /// batch result); `diagnostics` are earlier findings to keep with the output.
    pub fn finish(
        &self,
        mut storyboard: Storyboard,
        meta: Meta,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Compiled, CompileError> {
        diagnostics.extend(check::fix(&mut storyboard));
        match check::accept(storyboard) {
            Ok((checked, warnings)) => {
                diagnostics.extend(warnings);
                self.lower_and_emit(checked, meta, diagnostics)
            }
            Err(rejected) => {
                diagnostics.extend(rejected.diagnostics);
                Err(CompileError::Check {
                    storyboard: rejected.storyboard,
                    diagnostics,
                })
            }
        }
    }

    /// Lowers a checked storyboard for the backend and emits its payload.
    fn lower_and_emit(
        &self,
        storyboard: CheckedStoryboard,
        meta: Meta,
        diagnostics: Vec<Diagnostic>,
    ) -> Result<Compiled, CompileError> {
        let started = Instant::now();
        let plan = match lower::lower(&storyboard, &self.backend.profile(), &self.options) {
            Ok(plan) => {
                tracing::info!(
                    keyframes = plan.keyframes.len(),
                    ms = ms(started),
                    "lowered"
                );
                plan
            }
            Err(source) => {
                return Err(CompileError::Lower {
                    storyboard: Box::new(storyboard.into_storyboard()),
                    source,
                });
            }
        };
        let started = Instant::now();
        let payload = match self.backend.emit(&plan) {
            Ok(payload) => {
                tracing::info!(ms = ms(started), "emitted");
                payload
            }
            Err(source) => {
                return Err(CompileError::Emit {
                    plan: Box::new(plan),
                    source,
                });
            }
        };
        Ok(Compiled {
            storyboard,
            plan,
            payload,
            meta,
            diagnostics,
        })
    }
}

/// Milliseconds since `started`, for the stage timings in the trace.
fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

impl CompilerBuilder {
    /// Uses `director` as the front end.
    pub fn director(mut self, director: impl Director + 'static) -> Self {
        self.director = Some(Box::new(director));
        self
    }

    /// Uses an already boxed director as the front end.
    pub fn boxed_director(mut self, director: Box<dyn Director>) -> Self {
        self.director = Some(director);
        self
    }

    /// Targets `backend`.
    pub fn backend(mut self, backend: impl Backend + 'static) -> Self {
        self.backend = Box::new(backend);
        self
    }

    /// Targets an already boxed backend.
    pub fn boxed_backend(mut self, backend: Box<dyn Backend>) -> Self {
        self.backend = backend;
        self
    }

    /// Sets the lowering options.
    pub fn lower_options(mut self, options: LowerOptions) -> Self {
        self.options = options;
        self
    }

    /// Builds the compiler. Without a director, the offline [`Heuristic`] director is used.
    pub fn build(self) -> Compiler {
        Compiler {
            director: self.director.unwrap_or_else(|| Box::new(Heuristic)),
            backend: self.backend,
            options: self.options,
        }
    }
}
