//! Ctrl-C and SIGTERM for `scenec batch`: a flag the signal handler itself sets, so that
//! the batch sees a stop at once, before it starts another line, even while every runtime
//! thread is busy; and a future that completes on it, for the engine to wait on.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

/// Whether Ctrl-C or SIGTERM has arrived since [`Stop::install`].
#[derive(Debug, Clone)]
pub struct Stop {
    flag: Arc<AtomicBool>,
}

impl Stop {
    /// Installs the handlers: from now on Ctrl-C and SIGTERM no longer end the process but
    /// raise the flag. Call it before touching the output, so an early signal cannot leave
    /// a truncated file behind.
    pub fn install() -> Result<Self, String> {
        let flag = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(signal, Arc::clone(&flag))
                .map_err(|e| format!("cannot watch for signals: {e}"))?;
        }
        Ok(Self { flag })
    }

    /// Whether a stop signal has arrived.
    pub fn raised(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Completes once a stop signal has arrived (at once if one already has). Needs a tokio
    /// runtime: its signal streams wake the waiting task; the flag decides.
    pub fn signalled(&self) -> Result<impl Future<Output = ()> + use<>, String> {
        let flag = Arc::clone(&self.flag);
        let raised = std::future::poll_fn(move |_| {
            if flag.load(Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        });
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let install = |kind| signal(kind).map_err(|e| format!("cannot watch for signals: {e}"));
            let mut interrupt = install(SignalKind::interrupt())?;
            let mut terminate = install(SignalKind::terminate())?;
            Ok(async move {
                tokio::select! {
                    () = raised => {}
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            })
        }
        #[cfg(not(unix))]
        {
            Ok(async move {
                tokio::select! {
                    () = raised => {}
                    Ok(()) = tokio::signal::ctrl_c() => {}
                }
            })
        }
    }
}
