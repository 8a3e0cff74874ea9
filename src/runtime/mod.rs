//! The desk's runtime: terminal set-up and restore, the tokio event loop
//! (keys, a ~250 ms tick, SIGTERM), and running effects against the store.

pub mod config;
pub mod driver;
pub mod executor;

pub use driver::Driver;

use crate::app::Msg;
use crate::clock::Clock;
use crate::store::Store;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::time::Duration;

/// How the desk was opened.
pub struct DeskOptions {
    /// The time the desk runs at.
    pub clock: Clock,
    /// A note always shown in the status bar (the demo database's path).
    pub banner: Option<String>,
}

/// Runs the desk on `store` until the user quits or SIGTERM arrives. The
/// terminal is restored on every exit path; a panic is restored by the hook
/// `ratatui::init` installs.
pub fn run_desk(store: Store, options: DeskOptions) -> color_eyre::Result<()> {
    std::thread::spawn(crate::domain::customer::load_phone_metadata);
    let keymap = crate::runtime::config::load_keymap().map_err(|e| color_eyre::eyre::eyre!(e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let prefix = uuid::Uuid::new_v4().simple().to_string();
    let clock = options.clock;
    let mut driver = Driver::new(store, clock.now(), keymap, prefix);
    driver.state.banner = options.banner;
    // Signed in from the environment when both are set.
    if let (Ok(name), Ok(pin)) = (
        std::env::var("SLOTDESK_STAFF"),
        std::env::var("SLOTDESK_PIN"),
    ) {
        driver.run(vec![crate::app::Effect::SignIn { name, pin }]);
    }
    let mut terminal = ratatui::init();
    paste_as_text(true);
    let result = runtime.block_on(event_loop(&mut terminal, &mut driver, &clock));
    paste_as_text(false);
    ratatui::restore();
    result
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

async fn event_loop(
    terminal: &mut DefaultTerminal,
    driver: &mut Driver,
    clock: &Clock,
) -> color_eyre::Result<()> {
    let mut events = EventStream::new();
    let size = terminal.size()?;
    driver.send(Msg::Resized(size.width, size.height));
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    // Fault injection for the end-to-end test that a panic restores the terminal.
    let panic_on_tick = std::env::var_os("SLOTDESK_TEST_PANIC").is_some();
    loop {
        terminal.draw(|frame| crate::ui::render(frame, &driver.state))?;
        if driver.state.quit {
            return Ok(());
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => driver.send(Msg::Key(key)),
                Some(Ok(Event::Resize(width, height))) => driver.send(Msg::Resized(width, height)),
                Some(Ok(Event::Paste(text))) => driver.send(Msg::Paste(text)),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            _ = tick.tick() => {
                assert!(!panic_on_tick, "SLOTDESK_TEST_PANIC: panicking on purpose");
                driver.send(Msg::Tick(clock.now()));
            }
            _ = sigterm.recv() => return Ok(()),
        }
    }
}
