//! The whole desk as one value: which screen, what each screen holds, the
//! overlays, the status line and the clock. `ui` draws it; `update` changes it.

use super::board::BoardState;
use super::form::Form;
use super::keymap::{Context, Keymap};
use super::lists::{ActivityState, BookingsState, CustomersState};
use super::msg::CatalogView;
use crate::domain::ServiceId;
use crate::domain::catalog::Service;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The four screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Day board (home).
    #[default]
    Board,
    /// Bookings list.
    Bookings,
    /// Customers.
    Customers,
    /// Event log.
    Activity,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Self; 4] = [Self::Board, Self::Bookings, Self::Customers, Self::Activity];

    /// Its tab title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Board => "Day board",
            Self::Bookings => "Bookings",
            Self::Customers => "Customers",
            Self::Activity => "Activity",
        }
    }

    /// Its keymap context.
    pub fn context(self) -> Context {
        match self {
            Self::Board => Context::Board,
            Self::Bookings => Context::Bookings,
            Self::Customers => Context::Customers,
            Self::Activity => Context::Activity,
        }
    }
}

/// What is drawn over the screen and takes the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help.
    Help,
    /// The command palette with its filter and selection.
    Palette {
        /// Typed filter.
        filter: String,
        /// Selected row of the filtered list.
        selected: usize,
    },
    /// A form.
    Form(Box<Form>),
    /// The booking detail (Bookings, Enter).
    Detail,
}

/// How the status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something done.
    Info,
    /// Something refused or failed.
    Error,
}

/// The status bar's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Its tone.
    pub tone: Tone,
}

/// The desk.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The clock (last tick), UTC.
    pub now: DateTime<Utc>,
    /// The catalog; `None` until loaded or when the database has none.
    pub catalog: Option<CatalogView>,
    /// The database has no catalog yet (first-run screen).
    pub first_run: bool,
    /// Where the database is, for the first-run screen and the title.
    pub db_label: String,
    /// A note shown in the status bar at all times (`demo database in …`).
    pub banner: Option<String>,
    /// The screen shown.
    pub screen: Screen,
    /// The day board.
    pub board: BoardState,
    /// The bookings list.
    pub bookings: BookingsState,
    /// The customers screen.
    pub customers: CustomersState,
    /// The activity log.
    pub activity: ActivityState,
    /// The topmost overlay.
    pub overlay: Option<Overlay>,
    /// The last message.
    pub status: Option<Status>,
    /// Live holds now.
    pub held_count: u64,
    /// The key tables.
    pub keymap: Keymap,
    /// Source of idempotency keys for forms (the runtime gives a random
    /// prefix; a counter makes each form's key unique).
    pub key_prefix: String,
    /// Forms opened so far.
    pub forms_opened: u64,
    /// Set when the desk should exit.
    pub quit: bool,
}

impl AppState {
    /// A desk at `now` with `keymap`, before anything is loaded.
    pub fn new(now: DateTime<Utc>, keymap: Keymap, db_label: String, key_prefix: String) -> Self {
        Self {
            now,
            catalog: None,
            first_run: false,
            db_label,
            banner: None,
            screen: Screen::Board,
            board: BoardState::default(),
            bookings: BookingsState::default(),
            customers: CustomersState::default(),
            activity: ActivityState::default(),
            overlay: None,
            status: None,
            held_count: 0,
            keymap,
            key_prefix,
            forms_opened: 0,
            quit: false,
        }
    }

    /// The location's zone (UTC until the catalog loads).
    pub fn tz(&self) -> Tz {
        self.catalog
            .as_ref()
            .map_or(chrono_tz::UTC, |c| c.location.time_zone)
    }

    /// The location's phone region (`GB` until the catalog loads).
    pub fn phone_region(&self) -> &str {
        self.catalog
            .as_ref()
            .map_or("GB", |c| c.location.phone_region.as_str())
    }

    /// Today at the location.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.tz()).date_naive()
    }

    /// A catalog service by id.
    pub fn service(&self, id: ServiceId) -> Option<&Service> {
        self.catalog.as_ref()?.services.iter().find(|s| s.id == id)
    }

    /// `Mon 23 Nov 09:00–10:00` for an interval, in the location's zone.
    pub fn when(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
        let tz = self.tz();
        format!(
            "{}–{}",
            from.with_timezone(&tz).format("%a %d %b %H:%M"),
            to.with_timezone(&tz).format("%H:%M")
        )
    }

    /// A fresh idempotency key for a new form.
    pub fn next_key(&mut self) -> String {
        self.forms_opened += 1;
        format!("{}-{}", self.key_prefix, self.forms_opened)
    }

    /// Sets an information message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Info,
        });
    }

    /// Sets an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Error,
        });
    }

    /// The open form, if the top overlay is one.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }
}
