//! The whole desk as one value: which screen, what each screen holds, the
//! overlays, the status line and the clock. `ui` draws it; `update` changes it.

use super::keymap::{Context, Keymap};
use super::msg::CatalogView;
use super::overlays::attention::AttentionList;
use super::overlays::closure_walk::ClosureWalk;
use super::overlays::detail::DetailState;
use super::overlays::form::{Approval, Form, KeptDetails};
use super::overlays::free_slots::FreeSlotsList;
use super::overlays::help::HelpState;
use super::overlays::messages::MessagesState;
use super::overlays::palette::PaletteState;
use super::quit::{DeskHolds, QuitPrompt};
use super::screens::activity::ActivityState;
use super::screens::board::BoardState;
use super::screens::bookings::BookingsState;
use super::screens::customers::CustomersState;
use super::screens::today::TodayState;
use crate::domain::catalog::Service;
use crate::domain::wall_clock;
use crate::domain::{
    EventId, NeedsAttention, Role, ServiceId, StaffMember, Takings, WaitlistEntry, WaitlistEntryId,
};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::VecDeque;

/// How soon after a refused form key (or after the last letter kept from
/// running) a typed letter counts as typed ahead, meant for the form: a
/// burst of typing, not a key pressed after reading the refusal.
pub const TYPE_AHEAD: chrono::Duration = chrono::Duration::seconds(1);

/// The narrowest terminal the desk draws in, in columns.
pub const MIN_WIDTH: u16 = 80;
/// The lowest terminal the desk draws in, in rows.
pub const MIN_HEIGHT: u16 = 24;

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
    /// The run sheet.
    Today,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Self; 5] = [
        Self::Board,
        Self::Bookings,
        Self::Customers,
        Self::Activity,
        Self::Today,
    ];

    /// Its tab title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Board => "Day board",
            Self::Bookings => "Bookings",
            Self::Customers => "Customers",
            Self::Activity => "Activity",
            Self::Today => "Today",
        }
    }

    /// Its keymap context.
    pub fn context(self) -> Context {
        match self {
            Self::Board => Context::Board,
            Self::Bookings => Context::Bookings,
            Self::Customers => Context::Customers,
            Self::Activity => Context::Activity,
            Self::Today => Context::Today,
        }
    }
}

/// What is drawn over the screen and takes the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help(HelpState),
    Palette(PaletteState),
    Form(Box<Form>),
    Detail(Box<DetailState>),
    /// The bookings needing attention ([`AppState::attention`]).
    Attention(AttentionList),
    /// The bookings due a reminder ([`AppState::reminders`]).
    Reminders(super::overlays::reminders::RemindersList),
    /// The requests awaiting approval ([`AppState::requests`]).
    Requests(super::overlays::requests::RequestsList),
    /// Quitting with this desk's holds live: release them first?
    Quit(QuitPrompt),
    /// The messages log ([`AppState::messages`]).
    Messages(MessagesState),
    /// Free slots found: a search's, or a full slot's nearest.
    FreeSlots(FreeSlotsList),
    /// The walk through the bookings a closure stranded
    /// ([`AppState::closure_walk`]).
    ClosureWalk,
}

/// Whether a status message reports something done or something refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

/// The status bar's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The whole message (the status bar wraps or cuts it to fit).
    pub text: String,
    /// Done or refused: how it is coloured and worded in the log.
    pub kind: MessageKind,
}

/// How many messages the log keeps: the newest 100.
pub const MESSAGE_LOG_LEN: usize = 100;

/// How far back in the log a message said again is found and counted
/// rather than logged anew.
pub const REPEATS_SEEN: usize = 3;

/// A message the status bar showed, as the messages log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    /// When it was (last) shown, UTC: the clock of the last tick.
    pub at: DateTime<Utc>,
    /// The whole text, never cut.
    pub text: String,
    /// Whether it reported something done or something refused.
    pub kind: MessageKind,
    /// How many times in a row it was shown: 1, or more for a message
    /// repeated (a fault on every tick) kept as one entry.
    pub times: u32,
}

/// The desk.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The clock as of the last tick, UTC; `update` never reads the time.
    pub now: DateTime<Utc>,
    /// The catalog; `None` until loaded or when the database has none.
    pub catalog: Option<CatalogView>,
    /// The database has no catalog yet (first-run screen).
    pub first_run: bool,
    /// Where the database is, for the first-run screen and the title.
    pub db_label: String,
    /// The starter catalog file the first-run screen wrote (or found) beside
    /// the database, once asked for.
    pub starter_catalog: Option<std::path::PathBuf>,
    /// A note shown in the status bar at all times (`demo database in …`).
    pub banner: Option<String>,
    pub screen: Screen,
    pub board: BoardState,
    pub bookings: BookingsState,
    pub customers: CustomersState,
    pub activity: ActivityState,
    /// The run sheet (Today).
    pub today_sheet: TodayState,
    /// At most one overlay is open; it takes the keys.
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Every message the status bar showed, newest first, at most
    /// [`MESSAGE_LOG_LEN`] (the messages log).
    pub messages: VecDeque<LoggedMessage>,
    /// Holds live at the last count (status bar).
    pub held_count: u64,
    /// The bookings a forced catalog change marked, as last loaded with the
    /// hold count, in slot order (status bar, the `A` list).
    pub attention: Vec<NeedsAttention>,
    /// The bookings due a reminder now, soonest first (loaded with the
    /// status bar's counts).
    pub reminders: Vec<crate::domain::Reminder>,
    /// The requests awaiting approval from today on, soonest first (loaded
    /// with the status bar's counts).
    pub requests: Vec<crate::domain::Booking>,
    /// The open waitlist (entries and offers on slots not yet over), as
    /// last loaded with the hold count.
    pub waitlist: Vec<WaitlistEntry>,
    /// The offers already told in the status bar; `None` before the first
    /// load (offers open then are not news).
    pub offers_told: Option<std::collections::BTreeSet<WaitlistEntryId>>,
    pub keymap: Keymap,
    /// Source of idempotency keys for forms (the runtime gives a random
    /// prefix; a counter makes each form's key unique).
    pub key_prefix: String,
    /// Forms opened so far: the counter in their idempotency keys.
    pub forms_opened: u64,
    /// The active staff, once loaded (`None` before): when there are any,
    /// someone must be signed in to use the desk.
    pub staff: Option<Vec<StaffMember>>,
    /// Who is at the desk; `None` signed out (or no staff: one anonymous
    /// manager).
    pub signed_in: Option<StaffMember>,
    /// The event of this desk's last change, which `Undo` takes back.
    pub last_change: Option<EventId>,
    /// The terminal's columns and rows, once the runtime has said.
    pub terminal_size: Option<(u16, u16)>,
    /// Set when the desk should exit; the runtime stops after the frame.
    pub quit: bool,
    /// A write is waiting for another desk's lock (status bar: "waiting
    /// for another desk…"); keys and drawing go on meanwhile.
    pub waiting: bool,
    /// Why the database can no longer be written (replaced, deleted),
    /// shown in place of every other message until the desk closes.
    pub alert: Option<String>,
    /// The outbox as the desk's deliverer last found it: the status bar
    /// says so while deliveries fail (`outbox: 3 waiting — hook failed: …`).
    pub outbox: crate::domain::outbox::OutboxStatus,
    /// A customer typed into a confirm form whose hold lapsed with its seat
    /// gone: the next new booking form fills them in.
    pub kept: Option<KeptDetails>,
    /// The holds this desk made, still held as far as it knows: quitting
    /// asks about the live ones.
    pub desk_holds: DeskHolds,
    /// When a key that opens a form was refused (no form opened): the
    /// letters typed straight after it were meant for that form, so for
    /// [`TYPE_AHEAD`] they do not run actions that change bookings.
    pub refused_at: Option<DateTime<Utc>>,
    /// The takings last loaded (`Effect::LoadTakings`), for the day they
    /// are of; `None` until asked for.
    pub takings: Option<Takings>,
    /// The walk through the bookings the last closure made here stranded,
    /// while some are left; shown whenever nothing else is on top.
    pub closure_walk: Option<ClosureWalk>,
}

impl AppState {
    /// A desk at `now` with `keymap`, before anything is loaded.
    pub fn new(now: DateTime<Utc>, keymap: Keymap, db_label: String, key_prefix: String) -> Self {
        Self {
            now,
            catalog: None,
            first_run: false,
            db_label,
            starter_catalog: None,
            banner: None,
            screen: Screen::Board,
            board: BoardState::default(),
            bookings: BookingsState::default(),
            customers: CustomersState::default(),
            activity: ActivityState::default(),
            today_sheet: TodayState::default(),
            overlay: None,
            status: None,
            messages: VecDeque::with_capacity(MESSAGE_LOG_LEN),
            held_count: 0,
            attention: Vec::new(),
            reminders: Vec::new(),
            requests: Vec::new(),
            waitlist: Vec::new(),
            offers_told: None,
            keymap,
            key_prefix,
            forms_opened: 0,
            staff: None,
            signed_in: None,
            last_change: None,
            terminal_size: None,
            quit: false,
            waiting: false,
            alert: None,
            outbox: crate::domain::outbox::OutboxStatus::default(),
            kept: None,
            desk_holds: DeskHolds::new(),
            refused_at: None,
            takings: None,
            closure_walk: None,
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

    /// Whether slots of service `id` take a hold (`r`): not a course's
    /// session (booked whole) nor a service that takes requests (a hold
    /// would skip the approval). Unknown services do, as the engine decides.
    pub fn takes_holds(&self, id: ServiceId) -> bool {
        self.service(id)
            .is_none_or(|s| s.course.is_none() && !s.requires_approval)
    }

    /// `Mon 23 Nov 09:00–10:00` for an interval, in the location's zone;
    /// an end in the repeated hour of a daylight-saving day names its zone
    /// (`Sun 25 Oct 01:00 BST–01:00 GMT`).
    pub fn when(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
        let tz = self.tz();
        format!(
            "{}–{}",
            wall_clock::format_local(from, tz, "%a %d %b %H:%M"),
            wall_clock::clock(to, tz)
        )
    }

    /// A fresh idempotency key for a new form.
    pub fn next_key(&mut self) -> String {
        self.forms_opened += 1;
        format!("{}-{}", self.key_prefix, self.forms_opened)
    }

    /// Sets an information message, and logs it.
    pub fn info(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageKind::Info);
    }

    /// Sets an error message, and logs it.
    pub fn error(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageKind::Error);
    }

    /// Shows `text` in the status bar and puts it first in the log (the
    /// same message again while it is among the last [`REPEATS_SEEN`] —
    /// two faults taking turns at every poll — counts once more and comes
    /// first instead), dropping the oldest beyond [`MESSAGE_LOG_LEN`].
    fn say(&mut self, text: String, kind: MessageKind) {
        let again = self
            .messages
            .iter()
            .take(REPEATS_SEEN)
            .position(|m| m.text == text && m.kind == kind);
        match again.and_then(|at| self.messages.remove(at)) {
            Some(mut last) => {
                last.times = last.times.saturating_add(1);
                last.at = self.now;
                self.messages.push_front(last);
            }
            None => {
                self.messages.push_front(LoggedMessage {
                    at: self.now,
                    text: text.clone(),
                    kind,
                    times: 1,
                });
                self.messages.truncate(MESSAGE_LOG_LEN);
            }
        }
        self.status = Some(Status { text, kind });
    }

    /// Whether the terminal is below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: the desk
    /// then shows only that, and keys other than quit do nothing, since
    /// nobody can see what they would act on.
    pub fn too_small(&self) -> bool {
        self.terminal_size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Whether the desk waits for someone to sign in: there are staff and
    /// nobody is signed in.
    pub fn signed_out(&self) -> bool {
        self.signed_in.is_none() && self.staff.as_ref().is_some_and(|s| !s.is_empty())
    }

    /// How a manager-only change is approved here: a signed-in manager's
    /// role, a manager's PIN at a clerk's desk, or (no staff) say-so.
    pub fn approval(&self) -> Approval {
        match &self.signed_in {
            Some(m) if m.role == Role::Manager => Approval::SignedIn,
            Some(_) => Approval::ManagerPin(
                self.staff
                    .iter()
                    .flatten()
                    .filter(|m| m.role == Role::Manager)
                    .map(|m| m.name.clone())
                    .collect(),
            ),
            None => Approval::SaysSo,
        }
    }

    /// The keymap table that takes the next key: the open overlay's (the
    /// discard prompt's while a form asks), the customer search box's while
    /// typing there, else the screen's.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Form(f)) if f.confirm_discard => Context::Discard,
            Some(Overlay::Form(f)) if f.picker_open() => Context::Picker,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Palette(_)) => Context::Palette,
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Detail(_)) => Context::Detail,
            Some(Overlay::Attention(_)) => Context::Attention,
            Some(Overlay::Reminders(_)) => Context::Reminders,
            Some(Overlay::Requests(_)) => Context::Requests,
            Some(Overlay::FreeSlots(_)) => Context::FreeSlots,
            Some(Overlay::Quit(_)) => Context::Quit,
            Some(Overlay::Messages(_)) => Context::Messages,
            Some(Overlay::ClosureWalk) => Context::ClosureWalk,
            None if self.first_run => Context::FirstRun,
            None if self.screen == Screen::Customers && self.customers.searching => Context::Search,
            None => self.screen.context(),
        }
    }

    /// The open detail, if the top overlay is one.
    pub fn detail(&self) -> Option<&DetailState> {
        match &self.overlay {
            Some(Overlay::Detail(d)) => Some(d),
            _ => None,
        }
    }

    /// The open form, if the top overlay is one.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }
}
