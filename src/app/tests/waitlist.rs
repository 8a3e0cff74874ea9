//! The waitlist at the desk: `Q` on a full slot opens the join form (a
//! slot with room says to book it), its submit asks the engine; `X` names
//! who leaves; an offer made by any desk is told once in the status bar
//! with the phone to call.

use super::*;
use crate::domain::{WaitlistEntry, WaitlistEntryId, WaitlistRequest, WaitlistStatus};

/// Entry `id` on slot `time_slot`, for a customer named `first` with a
/// London phone; offered with hold `offer` when given.
pub(super) fn entry(id: i64, time_slot: i64, first: &str, offer: Option<i64>) -> WaitlistEntry {
    let s = slot(time_slot, 1, 11, 1, Some(Unavailable::Full));
    let mut customer = ada();
    customer.id = CustomerId(100 + id);
    customer.first_name = first.into();
    customer.name = format!("{first} Lovelace");
    customer.phone = Some("+442079460018".into());
    WaitlistEntry {
        id: WaitlistEntryId(id),
        time_slot_id: TimeSlotId(time_slot),
        date: day(),
        service_id: ServiceId(1),
        service_name: "Physio".into(),
        resource_id: ResourceId(1),
        resource_name: "R1".into(),
        from: s.occurrence.from,
        to: s.occurrence.to,
        customer,
        participants: 1,
        status: if offer.is_some() {
            WaitlistStatus::Offered
        } else {
            WaitlistStatus::Waiting
        },
        position: if offer.is_some() { None } else { Some(1) },
        offer_booking_id: offer.map(BookingId),
        offer_expires_at: offer.map(|_| now() + Duration::minutes(15)),
        joined_at: now() - Duration::minutes(20),
        updated_at: now(),
    }
}

#[test]
fn q_on_a_full_slot_opens_the_join_form_and_its_submit_asks_the_engine() {
    let mut s = desk();
    press(&mut s, KeyCode::Down);
    assert!(press_char(&mut s, 'Q').is_empty());
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("no form: {}", status_text(&s));
    };
    assert_eq!(form.title, "Join the waitlist");
    assert!(form.picker.is_some(), "the customer picker helps find them");
    for c in "Ada".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Tab);
    for c in "Lovelace".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    for c in "020 7946 0018".chars() {
        press_char(&mut s, c);
    }
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(Write::JoinWaitlist(request))] = effects.as_slice() else {
        panic!("{effects:?} {:?}", s.form().and_then(|f| f.error.clone()));
    };
    let WaitlistRequest {
        slot,
        customer: BookingFor::Typed(who),
        participants,
    } = request.as_ref()
    else {
        panic!("{request:?}");
    };
    assert_eq!((*slot, *participants), (slot_ref(2), 1));
    assert_eq!(who.first_name, "Ada");
    assert_eq!(who.phone.as_deref(), Some("020 7946 0018"));

    let joined = entry(5, 2, "Ada", None);
    update(
        &mut s,
        Msg::Written(
            Box::new(Write::JoinWaitlist(request.clone())),
            Ok(crate::app::msg::Written::Waitlist(Box::new(joined))),
        ),
    );
    assert!(s.overlay.is_none());
    assert_eq!(
        status_text(&s),
        "Ada Lovelace is 1st on the waitlist for Mon 23 Nov 11:00 Physio"
    );
}

#[test]
fn q_on_a_slot_with_room_says_to_book_it_and_opens_nothing() {
    let mut s = desk();
    assert!(press_char(&mut s, 'Q').is_empty());
    assert!(s.overlay.is_none());
    assert_eq!(
        status_text(&s),
        "time slot has room for 1: book it (n) instead of waiting"
    );
}

#[test]
fn x_names_who_leaves_and_submits_their_entry() {
    let mut s = desk();
    press(&mut s, KeyCode::Down);
    assert!(press_char(&mut s, 'X').is_empty());
    assert_eq!(status_text(&s), "no one is waiting for this slot");
    update(
        &mut s,
        Msg::WaitlistLoaded(vec![entry(5, 2, "Ada", None), entry(6, 2, "Bob", None)]),
    );
    // Past the type-ahead guard that follows a refusal.
    update(&mut s, Msg::Tick(now() + Duration::seconds(5)));
    press_char(&mut s, 'X');
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("no form");
    };
    assert_eq!(form.title, "Leave the waitlist");
    // The second in line leaves.
    press(&mut s, KeyCode::Right);
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Write(Write::LeaveWaitlist(WaitlistEntryId(6)))]
    );
}

#[test]
fn an_offer_made_anywhere_is_told_once_with_the_phone_to_call() {
    let mut s = desk();
    // Offers already open when the desk starts are not news.
    update(
        &mut s,
        Msg::WaitlistLoaded(vec![entry(4, 2, "Cy", Some(40))]),
    );
    assert_eq!(status_text(&s), "");
    let offered = vec![entry(4, 2, "Cy", Some(40)), entry(5, 2, "Ada", Some(41))];
    update(&mut s, Msg::WaitlistLoaded(offered.clone()));
    assert_eq!(
        status_text(&s),
        "seat free at 11:00 Physio: offered to Ada Lovelace 020 7946 0018 — call them; c confirms"
    );
    s.status = None;
    update(&mut s, Msg::WaitlistLoaded(offered));
    assert_eq!(status_text(&s), "", "told once");
    assert_eq!(
        crate::app::waitlist::offer_of(&s, BookingId(41)).map(|e| e.id),
        Some(WaitlistEntryId(5))
    );
}

#[test]
fn the_call_them_news_is_taken_back_once_the_offer_is_no_longer_open() {
    let mut s = desk();
    update(&mut s, Msg::WaitlistLoaded(Vec::new()));
    update(
        &mut s,
        Msg::WaitlistLoaded(vec![entry(5, 2, "Zoe", Some(41))]),
    );
    assert!(status_text(&s).contains("call them"), "{}", status_text(&s));
    // Another desk confirmed (or it lapsed): the offer is gone from the list.
    update(&mut s, Msg::WaitlistLoaded(Vec::new()));
    let said = status_text(&s);
    assert!(!said.contains("call them"), "{said}");
    assert!(
        said.contains("Zoe Lovelace's offer is no longer open"),
        "{said}"
    );
}

#[test]
fn another_desks_change_reloads_the_waitlist_with_the_counts() {
    let mut s = desk();
    let effects = update(&mut s, Msg::DatabaseChanged);
    assert!(effects.contains(&Effect::CountHolds), "{effects:?}");
}

#[test]
fn a_refused_leave_keeps_the_form_and_reloads_the_queue() {
    let mut s = desk();
    press(&mut s, KeyCode::Down);
    update(&mut s, Msg::WaitlistLoaded(vec![entry(5, 2, "Ada", None)]));
    press_char(&mut s, 'X');
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(write)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let gone = BookingError::NotAllowed(
        "waitlist entry 5 is left; only a waiting entry or an open offer can leave".into(),
    );
    let effects = update(
        &mut s,
        Msg::Written(Box::new(write.clone()), Err(gone.into())),
    );
    assert!(effects.contains(&Effect::CountHolds), "{effects:?}");
    assert!(s.form().is_some_and(|f| f.error.is_some()));
}
