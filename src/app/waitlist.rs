//! The desk's waitlist: the open entries as last loaded, a slot's queue, the
//! offer a hold is, the forms that join and leave a queue, and the status
//! bar's news when a seat freed somewhere (at this desk or another) was
//! offered to someone to call. Pure.

use super::effect::Effect;
use super::overlays::form::Form;
use super::state::{AppState, Overlay, Screen};
use crate::domain::customer::display_phone;
use crate::domain::waitlist::ordinal;
use crate::domain::wall_clock;
use crate::domain::{
    BookingId, SlotRef, Unavailable, WaitlistEntry, WaitlistEntryId, WaitlistStatus,
};

/// Takes the open waitlist as loaded; each offer not seen before is told in
/// the status bar with the phone to call (not on the first load: those
/// offers are not news).
pub fn loaded(state: &mut AppState, list: Vec<WaitlistEntry>) {
    let offers: Vec<&WaitlistEntry> = list
        .iter()
        .filter(|e| e.status == WaitlistStatus::Offered)
        .collect();
    let told = state
        .offers_told
        .get_or_insert_with(|| offers.iter().map(|e| e.id).collect());
    let news: Vec<WaitlistEntry> = offers
        .iter()
        .filter(|e| told.insert(e.id))
        .map(|e| (*e).clone())
        .collect();
    // Ids are never reused: an offer no longer open need not be remembered.
    let closed: Vec<WaitlistEntryId> = told
        .iter()
        .filter(|id| !offers.iter().any(|e| e.id == **id))
        .copied()
        .collect();
    told.retain(|id| offers.iter().any(|e| e.id == *id));
    // A "call them" still on the status bar for an offer no longer open
    // would have someone ring a customer about a seat already settled.
    let stale: Vec<WaitlistEntry> = state
        .waitlist
        .iter()
        .filter(|e| closed.contains(&e.id))
        .filter(|e| {
            state
                .status
                .as_ref()
                .is_some_and(|s| s.text == offer_news(state, e))
        })
        .cloned()
        .collect();
    state.waitlist = list;
    for e in stale {
        state.info(format!(
            "{}'s offer is no longer open (confirmed, released or lapsed): no need to call",
            e.customer.name
        ));
    }
    for e in news {
        let text = offer_news(state, &e);
        state.info(text);
    }
}

/// `seat free at 12:15 Mat Pilates: offered to Ada Lovelace 020 7946 0018
/// — call them; c confirms` (the key from the live keymap).
pub fn offer_news(state: &AppState, e: &WaitlistEntry) -> String {
    let tz = state.tz();
    let at = if e.from.with_timezone(&tz).date_naive() == state.today() {
        wall_clock::clock(e.from, tz)
    } else {
        wall_clock::format_local(e.from, tz, "%a %d %b %H:%M")
    };
    let confirm = state
        .keymap
        .key_for(
            crate::app::keymap::Context::Board,
            crate::app::Action::Confirm,
        )
        .map_or_else(String::new, |k| format!("; {k} confirms"));
    format!(
        "seat free at {at} {}: offered to {} — call them{confirm}",
        e.service_name,
        who(state, e)
    )
}

/// `Ada Lovelace 020 7946 0018` (the phone as the desk shows it, else the
/// email).
pub fn who(state: &AppState, e: &WaitlistEntry) -> String {
    let contact = e
        .customer
        .phone
        .as_deref()
        .map(|p| display_phone(p, state.phone_region()))
        .or_else(|| e.customer.email.clone());
    match contact {
        Some(c) => format!("{} {c}", e.customer.name),
        None => e.customer.name.clone(),
    }
}

/// `slot`'s open queue as last loaded: open offers first, then those
/// waiting, in order.
pub fn queue(state: &AppState, slot: SlotRef) -> Vec<&WaitlistEntry> {
    state
        .waitlist
        .iter()
        .filter(|e| e.slot_ref() == slot)
        .collect()
}

/// The open offer whose hold is `booking`, if it is one.
pub fn offer_of(state: &AppState, booking: BookingId) -> Option<&WaitlistEntry> {
    state
        .waitlist
        .iter()
        .find(|e| e.status == WaitlistStatus::Offered && e.offer_booking_id == Some(booking))
}

/// `Q`: the join form for the selected slot, when it is full (or blocked);
/// a slot with room says to book it instead.
pub fn join(state: &mut AppState) -> Vec<Effect> {
    let Some(slot) = selected_slot(state) else {
        return Vec::new();
    };
    match &slot.unavailable {
        Some(Unavailable::Full | Unavailable::Blocked { .. }) => {}
        Some(other) => {
            state.error(other.to_error().to_string());
            return Vec::new();
        }
        None => {
            let book = state
                .keymap
                .key_for(
                    crate::app::keymap::Context::Board,
                    crate::app::Action::NewBooking,
                )
                .map_or_else(String::new, |k| format!(" ({k})"));
            state.error(format!(
                "time slot has room for {}: book it{book} instead of waiting",
                slot.free()
            ));
            return Vec::new();
        }
    }
    let Some(service) = state.service(slot.occurrence.service_id).cloned() else {
        return Vec::new();
    };
    let when = state.when(slot.occurrence.from, slot.occurrence.to);
    let waiting = queue(state, slot.occurrence.slot_ref()).len();
    let key = state.next_key();
    let form = Form::join_waitlist(&slot, &service, &when, waiting, key);
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// `X`: the leave form for the selected slot's queue (who leaves).
pub fn leave(state: &mut AppState) -> Vec<Effect> {
    let Some(slot) = selected_slot(state) else {
        return Vec::new();
    };
    let queue: Vec<WaitlistEntry> = queue(state, slot.occurrence.slot_ref())
        .into_iter()
        .cloned()
        .collect();
    if queue.is_empty() {
        state.error("no one is waiting for this slot");
        return Vec::new();
    }
    let when = state.when(slot.occurrence.from, slot.occurrence.to);
    let key = state.next_key();
    let form = Form::leave_waitlist(&slot, &queue, &when, key);
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

fn selected_slot(state: &mut AppState) -> Option<crate::domain::Slot> {
    if state.screen != Screen::Board {
        state.error("pick a slot on the day board (1) first");
        return None;
    }
    let slot = state.board.selected_slot().cloned();
    if slot.is_none() {
        state.error("no slot selected");
    }
    slot
}

/// The status bar's words for a waitlist change made here.
pub fn written_message(state: &AppState, e: &WaitlistEntry) -> String {
    let tz = state.tz();
    let at = wall_clock::format_local(e.from, tz, "%a %d %b %H:%M");
    match e.status {
        WaitlistStatus::Waiting => format!(
            "{} is {} on the waitlist for {at} {}",
            e.customer.name,
            ordinal(e.position.unwrap_or(1)),
            e.service_name
        ),
        _ => format!(
            "{} left the waitlist for {at} {}",
            e.customer.name, e.service_name
        ),
    }
}
