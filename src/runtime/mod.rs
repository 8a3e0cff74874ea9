//! The desk's runtime: terminal set-up and restore, the tokio event loop
//! (keys, a ~250 ms tick, SIGTERM), and running effects against the store.

pub mod config;
pub mod driver;
pub mod executor;
mod maintenance;
mod outbox;
pub mod starter;
pub mod worker;

pub use driver::Driver;

use crate::app::{AppState, Msg, update};
use crate::clock::Clock;
use crate::hooks::Hooks;
use crate::store::Store;
use crossterm::event::{Event, EventStream, KeyEventKind};
use executor::Executor;
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::time::Duration;
use worker::Workers;

/// How the desk was opened.
pub struct DeskOptions {
    /// The time the desk runs at.
    pub clock: Clock,
    /// A note always shown in the status bar (the demo database's path).
    pub banner: Option<String>,
    /// The keymap and theme, from the config file (read before the
    /// database is opened, so a bad file stops the desk first).
    pub config: config::DeskConfig,
    /// Said on the status bar (and kept in the message log) as the desk
    /// opens: a config file others may read holding the database password.
    pub warnings: Vec<String>,
}

/// Runs the desk on `store` until the user quits or a signal ends it
/// (SIGTERM, SIGINT, SIGHUP, SIGQUIT). The terminal is restored on every
/// exit path; a panic is restored by the hook `ratatui::init` installs.
/// The store's work runs on worker threads: the loop only draws and
/// dispatches.
/// Errors: the desk's claim on the file (a restore in progress), a second
/// (read-only) connection that cannot be opened, the terminal's I/O.
pub fn run_desk(mut store: Store, options: DeskOptions) -> color_eyre::Result<Ended> {
    store.claim_desk()?;
    let reader = Store::open_read(store.path())?;
    std::thread::spawn(crate::domain::customer::load_phone_metadata);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let prefix = uuid::Uuid::new_v4().simple().to_string();
    let outbox_owner = format!("desk-{}-{prefix}", std::process::id());
    let clock = options.clock;
    let path = store.path().to_owned();
    let config::DeskConfig {
        keymap,
        theme,
        hooks,
    } = options.config;
    let mut driver = Driver::new(store, clock.now(), keymap, prefix);
    let keep_backups = options.banner.is_none();
    driver.state.banner = options.banner;
    for warning in options.warnings {
        driver.state.error(format!("warning: {warning}"));
    }
    // Signed in from the environment when both are set.
    if let (Ok(name), Ok(pin)) = (
        std::env::var("SLOTDESK_STAFF"),
        std::env::var("SLOTDESK_PIN"),
    ) {
        driver.run(vec![crate::app::Effect::SignIn { name, pin }]);
    }
    let Driver {
        mut state,
        executor,
    } = driver;
    let mut workers = Workers::start(executor, Executor::new(reader));
    maintenance::start(&path, clock.now(), keep_backups, workers.background());
    // The demo's made-up history is never sent to a real hook.
    outbox::start(
        &path,
        if keep_backups {
            hooks
        } else {
            Hooks::default()
        },
        clock.clone(),
        outbox_owner,
        workers.background(),
    );
    // crossterm opens its keyboard reader once; one that cannot be opened
    // (no file handles left) would panic later, inside the loop.
    ratatui::crossterm::event::poll(Duration::ZERO)
        .map_err(|e| color_eyre::eyre::eyre!("cannot read the keyboard: {e}"))?;
    // crossterm drops every colour under NO_COLOR by itself; a theme that
    // is not monochrome here was named in the config, which overrides it.
    ratatui::crossterm::style::force_color_output(
        theme.name != crate::ui::theme::ThemeName::Monochrome,
    );
    let mut terminal = ratatui::try_init()?;
    paste_as_text(true);
    let result = runtime.block_on(event_loop(
        &mut terminal,
        &mut state,
        &mut workers,
        &clock,
        &theme,
    ));
    paste_as_text(false);
    ratatui::restore();
    workers.shut_down();
    result
}

/// How the desk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The clerk quit (or the terminal closed its input).
    Quit,
    /// A signal ended it: its number (2 for SIGINT, 15 for SIGTERM, …); the
    /// process exits with 128 + that, as a shell expects.
    Signal(u8),
}

/// Turns the terminal's bracketed paste on or off: while on, a paste
/// arrives as one `Event::Paste` instead of keys, so pasted text can never
/// run shortcuts. Turning it on also hooks panics to turn it off again
/// before `ratatui`'s hook restores the rest of the terminal.
fn paste_as_text(on: bool) {
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    use ratatui::crossterm::execute;
    let mut out = std::io::stdout();
    // A terminal that ignores the request only loses the protection.
    let _ = if on {
        execute!(out, EnableBracketedPaste)
    } else {
        execute!(out, DisableBracketedPaste)
    };
    if on {
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableBracketedPaste);
            restore(info);
        }));
    }
}

/// How long a write may wait for another desk's lock before the status
/// bar says so.
const WAIT_SHOWN_AFTER: Duration = Duration::from_millis(400);

/// Applies `msg` and hands what it asks for to the workers.
fn dispatch(state: &mut AppState, workers: &mut Workers, msg: Msg) {
    for effect in update(state, msg) {
        workers.submit(effect, state.now);
    }
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    state: &mut AppState,
    workers: &mut Workers,
    clock: &Clock,
    theme: &crate::ui::theme::Theme,
) -> color_eyre::Result<Ended> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut events = EventStream::new();
    let size = terminal.size()?;
    dispatch(state, workers, Msg::Resized(size.width, size.height));
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigquit = signal(SignalKind::quit())?;
    // Fault injection for the end-to-end test that a panic restores the terminal.
    let panic_on_tick = std::env::var_os("SLOTDESK_TEST_PANIC").is_some();
    // What the last frame showed of the clock: a tick that changes nothing
    // on screen writes nothing to the terminal.
    let mut drawn_second = None;
    let mut dirty = true;
    loop {
        let second = state.now.timestamp();
        if dirty || drawn_second != Some(second) {
            let frame = terminal.draw(|frame| crate::ui::draw(frame, state, theme))?;
            let area = frame.area;
            drawn_second = Some(second);
            dirty = false;
            sync_scroll_room(state, area);
        }
        if state.quit {
            return Ok(Ended::Quit);
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                    dispatch(state, workers, Msg::Key(key));
                    dirty = true;
                }
                Some(Ok(Event::Resize(width, height))) => {
                    dispatch(state, workers, Msg::Resized(width, height));
                    dirty = true;
                }
                Some(Ok(Event::Paste(text))) => {
                    dispatch(state, workers, Msg::Paste(text));
                    dirty = true;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(Ended::Quit),
            },
            done = workers.next() => {
                let Some(done) = done else { return Ok(Ended::Quit) };
                if done.failed {
                    return Err(color_eyre::eyre::eyre!(
                        "the desk's store stopped on an internal error (reported above); \
                         what it had confirmed is saved: open the desk again"
                    ));
                }
                dirty |= !done.msgs.is_empty();
                for msg in done.msgs {
                    dispatch(state, workers, msg);
                }
                dirty |= sync_waiting(state, workers);
            }
            _ = tick.tick() => {
                assert!(!panic_on_tick, "SLOTDESK_TEST_PANIC: panicking on purpose");
                dispatch(state, workers, Msg::Tick(clock.now()));
                dirty |= sync_waiting(state, workers);
            }
            _ = sigterm.recv() => return Ok(Ended::Signal(15)),
            _ = sigint.recv() => return Ok(Ended::Signal(2)),
            _ = sighup.recv() => return Ok(Ended::Signal(1)),
            _ = sigquit.recv() => return Ok(Ended::Signal(3)),
        }
    }
}

/// Tells the overlay on top how far it scrolls at the size just drawn,
/// when that changed, so its keys stop at its ends. The frame drawn already
/// kept its place within them: nothing to draw again.
fn sync_scroll_room(state: &mut AppState, area: ratatui::layout::Rect) {
    let Some(room) = crate::ui::scroll_room(state, area) else {
        return;
    };
    if crate::app::overlays::scroll::room(state) != Some(room) {
        // Only the overlay's scroll changes: this message asks for no effects.
        let _ = update(state, Msg::ScrollRoom(room));
    }
}

/// Tells the state whether a write has waited long for another desk's
/// lock; `true` when that changed what is shown.
fn sync_waiting(state: &mut AppState, workers: &Workers) -> bool {
    let waiting = workers
        .writer_busy_since()
        .is_some_and(|since| since.elapsed() >= WAIT_SHOWN_AFTER);
    if waiting == state.waiting {
        return false;
    }
    // Only the flag changes: this message asks for no effects.
    let _ = update(state, Msg::StoreWaiting(waiting));
    true
}
