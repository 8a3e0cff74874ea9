//! Approval on the desk: `V` on the board and Today lists the requests
//! awaiting approval (Wix `CREATED`); `a` approves the selected one (the
//! engine re-checks the room), `x` asks a reason and declines it.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::overlays::form::FieldKind;
use slotdesk::app::{Msg, Overlay};
use slotdesk::demo::DEMO_CATALOG;
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::requests::{BookRequest, InitialStatus};
use slotdesk::domain::{BookingId, BookingStatus, SlotQuery};
use slotdesk::store::Store;

/// The demo desk with Mat Pilates taking requests and two requests for
/// its next open class made at another desk (the first for the class's
/// free seats less one, the second for two).
fn desk_with_requests() -> (Desk, BookingId, BookingId) {
    requests_on(Desk::demo())
}

/// [`desk_with_requests`] on `desk`, whoever is signed in there.
fn requests_on(mut desk: Desk) -> (Desk, BookingId, BookingId) {
    let mut other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let catalog = DEMO_CATALOG.replacen(
        "capacity = 8\nhold_minutes = 10\nprice = \"14.00\"\n",
        "capacity = 8\nhold_minutes = 10\nprice = \"14.00\"\nrequires_approval = true\n",
        1,
    );
    assert!(catalog.contains("requires_approval"));
    other
        .apply_catalog(&Catalog::from_toml(&catalog).unwrap(), now())
        .unwrap();
    let pilates = other
        .services()
        .unwrap()
        .into_iter()
        .find(|s| s.key == "mat_pilates")
        .unwrap();
    let slot = other
        .slots(
            &SlotQuery {
                service: Some(pilates.id),
                resource: None,
                from: now().date_naive(),
                days: 7,
                include_unavailable: false,
            },
            now(),
        )
        .unwrap()
        .into_iter()
        .find(|s| s.available() && s.occurrence.from > now() && s.free() >= 3)
        .unwrap();
    let ask = |first: &str, seats: u32| BookRequest {
        slot: Some(slot.occurrence.slot_ref()),
        customer: CustomerInput {
            first_name: first.into(),
            last_name: "Requester".into(),
            email: None,
            phone: Some("020 7946 0018".into()),
        }
        .into(),
        participants: seats,
        status: InitialStatus::ServiceDefault,
        ..BookRequest::default()
    };
    let first = other.book(&ask("Rosa", slot.free() - 1), now()).unwrap();
    let second = other.book(&ask("Sam", 2), now()).unwrap();
    assert_eq!(first.status, BookingStatus::Requested);
    desk.driver.send(Msg::DatabaseChanged);
    (desk, first.id, second.id)
}

#[test]
fn v_lists_the_requests_a_approves_one_and_one_that_no_longer_fits_stays() {
    let (mut desk, first, second) = desk_with_requests();
    desk.press(KeyCode::Char('V'));
    assert!(
        matches!(desk.driver.state.overlay, Some(Overlay::Requests(_))),
        "{:?} {:?}",
        desk.driver.state.overlay,
        desk.driver.state.status
    );
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Requests awaiting approval"), "{screen}");
    assert!(screen.contains("Rosa Requester"), "{screen}");
    assert!(screen.contains("020 7946 0018"), "{screen}");
    insta::assert_snapshot!("requests_list_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("requests_list_120x40", desk.draw(120, 40).backend());
    assert_eq!(desk.driver.state.requests[0].id, first);
    desk.press(KeyCode::Char('a'));
    assert!(
        desk.driver.state.requests.iter().all(|b| b.id != first),
        "approved, it leaves the list"
    );
    // Sam's two seats no longer fit: refused with the reason, still waiting.
    assert!(matches!(
        desk.driver.state.overlay,
        Some(Overlay::Requests(_))
    ));
    desk.press(KeyCode::Char('a'));
    let status = format!("{:?}", desk.driver.state.status);
    assert!(status.contains("time slot is full"), "{status}");
    assert!(desk.driver.state.requests.iter().any(|b| b.id == second));
}

#[test]
fn x_asks_a_reason_and_declines_the_request() {
    let (mut desk, first, _) = desk_with_requests();
    desk.press(KeyCode::Char('V')).press(KeyCode::Char('x'));
    assert!(desk.driver.state.form().is_some());
    desk.type_text("Instructor away\u{7}");
    desk.press(KeyCode::Enter);
    let other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let status = format!("{:?}", desk.driver.state.status);
    assert!(status.contains("control character"), "{status}");
    assert_eq!(
        other.booking(first).unwrap().status,
        BookingStatus::Requested
    );
    // The form stays open with what was typed: typed again, it declines.
    assert!(desk.driver.state.form().is_some());
    desk.press_with(KeyCode::Char('u'), crossterm::event::KeyModifiers::CONTROL)
        .type_text("Instructor away")
        .press(KeyCode::Enter);
    let b = other.booking(first).unwrap();
    assert_eq!(
        b.status,
        BookingStatus::Declined,
        "{:?}",
        desk.driver.state.status
    );
    assert_eq!(b.decline_reason.as_deref(), Some("Instructor away"));
}

#[test]
fn a_class_that_takes_requests_offers_no_hold_and_r_says_to_book_a_request() {
    let (mut desk, _, _) = desk_with_requests();
    desk.press(KeyCode::Char('g'))
        .type_text("2027-01-14")
        .press(KeyCode::Enter);
    desk.select_slot("free Mat Pilates", |s, _| {
        s.service_name == "Mat Pilates" && s.available() && s.taken == 0
    });
    let panel = desk.screen(120, 40);
    // The slot panel says so and offers booking only, as the key bar does.
    assert!(
        panel.contains("Mat Pilates · Studio · bookings need approval"),
        "{panel}"
    );
    assert!(panel.contains("No bookings · n book  "), "{panel}");
    let keys = panel.lines().last().unwrap();
    assert!(keys.trim_start().starts_with("n book"), "{keys}");
    desk.press(KeyCode::Char('r'));
    assert!(desk.driver.state.form().is_none(), "no hold form opens");
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(
        status.contains("Mat Pilates takes requests for approval, not holds"),
        "{status}"
    );
    assert!(status.contains("n books a request"), "{status}");
    // Once the error has been read, n opens the form as a request.
    desk.tick(2).press(KeyCode::Char('n'));
    let form = desk.driver.state.form().unwrap();
    assert_eq!(form.value("Status"), "requested");
}

/// The new-booking form of a free Mat Pilates class (taking requests) in
/// January, with Zed Quill typed in.
fn request_form(desk: &mut Desk) {
    desk.press(KeyCode::Char('g'))
        .type_text("2027-01-14")
        .press(KeyCode::Enter);
    desk.select_slot("free Mat Pilates", |s, _| {
        s.service_name == "Mat Pilates" && s.available() && s.taken == 0
    });
    desk.press(KeyCode::Char('n'))
        .type_zed_quill()
        .press(KeyCode::Tab)
        .type_text("1");
}

#[test]
fn a_manager_at_the_desk_may_book_a_request_taking_class_confirmed_and_a_clerk_may_not() {
    let (mut clerk, _, _) = {
        let mut d = Desk::demo_signed_out();
        d.sign_in("Dana Reception", "1111");
        requests_on(d)
    };
    request_form(&mut clerk);
    let Some(FieldKind::Choice(options)) = clerk
        .driver
        .state
        .form()
        .unwrap()
        .kind_of("Status")
        .cloned()
    else {
        panic!("no status choice");
    };
    assert_eq!(options, ["requested"]);

    let (mut manager, _, _) = desk_with_requests();
    request_form(&mut manager);
    let form = manager.driver.state.form().unwrap();
    assert_eq!(
        form.value("Status"),
        "requested",
        "a request unless the manager says"
    );
    let Some(FieldKind::Choice(options)) = form.kind_of("Status").cloned() else {
        panic!("no status choice");
    };
    assert_eq!(options, ["requested", "confirmed"]);
    let Some(Overlay::Form(form)) = &mut manager.driver.state.overlay else {
        panic!("no form");
    };
    let status = form
        .fields
        .iter_mut()
        .find(|f| f.label == "Status")
        .unwrap();
    status.set_value("confirmed");
    manager.press(KeyCode::Enter);
    let said = manager.driver.state.status.clone().unwrap().text;
    assert!(said.contains("for Zed Quill (confirmed)"), "{said}");
}
