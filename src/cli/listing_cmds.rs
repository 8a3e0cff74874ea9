//! The reading commands: `slots`, `bookings`, `booking`, `customer`
//! (show and edit), `events`, and `sweep`. Reads of bookings sweep lapsed
//! holds first so every status printed is current.

use super::CliResult;
use super::args::{
    BookingAction, BookingFilters, BookingsArgs, CustomerAction, CustomerArgs, CustomersArgs,
    EventsArgs, ShowArgs, SlotsArgs, TodayArgs,
};
use super::context::Context;
use super::output;
use super::run_sheet_html;
use crate::domain::run_sheet::{RunSheet, SheetFilter};
use crate::domain::{
    BookingEdit, BookingPage, BookingQuery, CustomerPatch, EventFilter, Pagination, SlotQuery,
};
use crate::domain::{BookingError, BookingId, BookingStatus, CustomerId, EventId};
use serde::Serialize;
use std::io::Write;

/// `slots`.
pub fn slots(ctx: &Context, a: &SlotsArgs) -> CliResult {
    let service = ctx.store.find_service(&a.service)?;
    let resource = a
        .resource
        .as_deref()
        .map(|r| ctx.store.find_resource(r))
        .transpose()?;
    let from = match &a.from {
        Some(d) => ctx.date(d)?,
        None => ctx.today()?,
    };
    let query = SlotQuery {
        service: Some(service.id),
        resource: resource.map(|r| r.id),
        from,
        days: a.days,
        include_unavailable: a.all,
    };
    let slots = ctx.store.slots(&query, ctx.now)?;
    if a.json {
        return output::json(&slots);
    }
    output::slots(&slots, ctx.location()?.time_zone)
}

/// `today [--date D] [--all] [--json]`: the run sheet of a day at the
/// command's clock.
pub fn today(ctx: &Context, a: &TodayArgs) -> CliResult {
    let date = match &a.date {
        Some(d) => ctx.date(d)?,
        None => ctx.today()?,
    };
    let bookings = ctx.store.bookings_between(date, date, None)?;
    let filter = SheetFilter {
        resource: None,
        show_lapsed: a.all,
    };
    let sheet = RunSheet::new(date, &bookings, filter, ctx.now)
        .with_closures(&ctx.store.closures_on(date, date)?, filter);
    if a.json {
        return output::json(&sheet);
    }
    let location = ctx.location()?;
    if let Some(path) = &a.html {
        let region = location.phone_region.clone();
        let html = run_sheet_html::page(&sheet, &location.name, location.time_zone, |p| {
            crate::domain::display_phone(p, &region)
        });
        return run_sheet_html::write(path, &html);
    }
    output::run_sheet(&sheet, location.time_zone, &location.phone_region)
}

/// `bookings`: one page of the bookings `a.filters` picks.
pub fn bookings(ctx: &mut Context, a: &BookingsArgs) -> CliResult {
    let query = BookingQuery {
        page: a.page,
        page_size: a.page_size,
        ..booking_query(ctx, &a.filters)?
    };
    let page = seen_at(ctx.store.bookings(&query)?, ctx.now);
    if a.json {
        return output::json(&page);
    }
    output::booking_page(&page, ctx.location()?.time_zone)
}

/// The list query `f` asks for (first page, default size): dates as
/// people type them, service and resource by name, key or id.
/// Errors: a date not understood, `service not found`, `resource not
/// found`, an unknown status or payment option (exit 4 or 5).
pub fn booking_query(ctx: &Context, f: &BookingFilters) -> CliResult<BookingQuery> {
    let (from, to) = match (&f.date, &f.from, &f.to) {
        (Some(d), _, _) => {
            let d = ctx.date(d)?;
            (Some(d), Some(d))
        }
        (None, from, to) => (
            from.as_deref().map(|d| ctx.date(d)).transpose()?,
            to.as_deref().map(|d| ctx.date(d)).transpose()?,
        ),
    };
    Ok(BookingQuery {
        service: f
            .service
            .as_deref()
            .map(|s| ctx.store.find_service(s))
            .transpose()?
            .map(|s| s.id),
        resource: f
            .resource
            .as_deref()
            .map(|r| ctx.store.find_resource(r))
            .transpose()?
            .map(|r| r.id),
        from,
        to,
        status: f
            .status
            .as_deref()
            .map(|s| BookingStatus::from_words(s).map_err(BookingError::Invalid))
            .transpose()?,
        payment_option: super::booking_cmds::payment_option(f.payment_option.as_deref())?,
        customer_text: f.customer.clone(),
        ..BookingQuery::default()
    })
}

/// `requests [--json]`: the requests awaiting approval whose slot has not ended,
/// soonest first (Wix `CREATED` bookings), as the bookings list prints them.
pub fn requests(ctx: &mut Context, json: bool) -> CliResult {
    let bookings: Vec<_> = ctx
        .store
        .requests_awaiting(ctx.now)?
        .into_iter()
        .map(|b| b.as_seen_at(ctx.now))
        .collect();
    if json {
        return output::json(&bookings);
    }
    if bookings.is_empty() {
        println!("no requests awaiting approval");
        return Ok(());
    }
    let total = bookings.len() as u64;
    let page = BookingPage {
        bookings,
        pagination: Pagination {
            current_page: 1,
            total_pages: 1,
            total_count: total,
            page_size: 500,
        },
        hidden: None,
    };
    output::booking_page(&page, ctx.location()?.time_zone)
}

/// `booking ID` and `booking edit ID [--message M] [--participants N]`.
pub fn booking(ctx: &mut Context, a: &ShowArgs) -> CliResult {
    let (booking, json) = match &a.action {
        Some(BookingAction::Edit {
            id,
            message,
            participants,
            json,
        }) => {
            let id = BookingId(*id);
            // What is not given stays as it is.
            let now = ctx.store.booking(id)?;
            let edit = BookingEdit {
                message: message.clone().or(now.message),
                answers: now.answers.into_iter().map(|a| (a.name, a.value)).collect(),
                add_ons: now.add_ons.into_iter().map(|a| a.name).collect(),
                participants: *participants,
            };
            (ctx.store.edit_booking(id, &edit, ctx.now)?, *json)
        }
        None => {
            let id = a
                .id
                .ok_or_else(|| BookingError::invalid("give a booking id: slotdesk booking ID"))?;
            (
                ctx.store.booking(BookingId(id))?.as_seen_at(ctx.now),
                a.json,
            )
        }
    };
    if json {
        return output::json(&booking);
    }
    output::booking(&booking, ctx.location()?.time_zone, ctx.now)
}

/// A customer with their bookings, newest first.
#[derive(Serialize)]
struct CustomerView {
    #[serde(flatten)]
    customer: crate::domain::CustomerSummary,
    bookings: Vec<crate::domain::Booking>,
}

/// `customer ID` and `customer edit ID …`.
pub fn customer(ctx: &mut Context, a: CustomerArgs) -> CliResult {
    let (id, json) = match a.action {
        Some(CustomerAction::Edit { id, fields, json }) => {
            let patch = CustomerPatch {
                first_name: fields.first_name,
                last_name: fields.last_name,
                email: fields.email,
                phone: fields.phone,
            };
            ctx.store.edit_customer(CustomerId(id), &patch, ctx.now)?;
            (id, json)
        }
        Some(CustomerAction::Merge {
            keep,
            other,
            as_manager,
            json,
        }) => {
            let role = ctx.role(as_manager);
            ctx.store
                .merge_customers(CustomerId(keep), CustomerId(other), role, ctx.now)?;
            (keep, json)
        }
        None => {
            let id = a
                .id
                .ok_or_else(|| BookingError::invalid("give a customer id: slotdesk customer ID"))?;
            (id, a.json)
        }
    };
    let customer = ctx.store.customer(CustomerId(id))?;
    let page = seen_at(
        ctx.store.bookings(&BookingQuery {
            customer: Some(customer.id),
            descending: true,
            page_size: 500,
            ..BookingQuery::default()
        })?,
        ctx.now,
    );
    if json {
        return output::json(&CustomerView {
            customer,
            bookings: page.bookings,
        });
    }
    let tz = ctx.location()?.time_zone;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", output::customer_line(&customer))?;
    writeln!(out, "  since {}", output::local(customer.created_at, tz))?;
    writeln!(out, "  bookings ({}):", page.pagination.total_count)?;
    for b in &page.bookings {
        writeln!(
            out,
            "    {:>6}  {}  {:<28} {}",
            b.id.0,
            output::local(b.from, tz),
            output::truncate(&b.service_name, 28),
            b.status
        )?;
    }
    Ok(())
}

/// `customers [SEARCH] [--limit N]`: the desk's customer search.
pub fn customers(ctx: &Context, a: &CustomersArgs) -> CliResult {
    let search = a.search.as_deref().unwrap_or("");
    let found = ctx
        .store
        .find_customers(search, ctx.now, a.limit as usize)?;
    if a.json {
        return output::json(&found);
    }
    let tz = ctx.location()?.time_zone;
    let mut out = std::io::stdout().lock();
    for m in &found {
        let visit = m.last_visit.map_or_else(
            || "never visited".to_owned(),
            |at| format!("last visit {}", output::local(at, tz)),
        );
        writeln!(out, "{}  · {visit}", output::customer_line(&m.customer))?;
    }
    if found.is_empty() {
        let search = search.trim();
        if search.is_empty() {
            writeln!(out, "no customers yet")?;
        } else {
            writeln!(
                out,
                "no customer matches “{}”",
                output::truncate(search, 60)
            )?;
        }
    }
    Ok(())
}

/// `events [--since ID] [--booking ID] [--customer ID] [--by NAME]`.
pub fn events(ctx: &Context, a: &EventsArgs) -> CliResult {
    let filter = EventFilter {
        booking: a.booking.map(BookingId),
        customer: a.customer.map(CustomerId),
        staff: a.by.clone(),
    };
    let events = ctx
        .store
        .events(a.since.map(EventId), &filter, a.limit as usize)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        for e in &events {
            output::json_line(&mut out, e)?;
        }
        return Ok(());
    }
    let tz = ctx.location().map_or(chrono_tz::UTC, |l| l.time_zone);
    for e in &events {
        output::event(&mut out, e, tz)?;
    }
    if events.is_empty() {
        // A name that is no one's is said so (a typo, not a quiet day).
        let known = match &a.by {
            Some(name) => ctx
                .store
                .staff()?
                .iter()
                .any(|m| m.name.to_lowercase() == name.trim().to_lowercase()),
            None => true,
        };
        match &a.by {
            Some(name) if !known => writeln!(
                out,
                "no events: no staff member is named '{}' (see `slotdesk staff list`)",
                output::truncate(name, 60)
            )?,
            _ => writeln!(out, "no events")?,
        }
    }
    Ok(())
}

/// `sweep`.
pub fn sweep(ctx: &mut Context, json: bool) -> CliResult {
    let expired = ctx.store.sweep_expired_holds(ctx.now)?;
    if json {
        return output::json(&expired);
    }
    writeln!(
        std::io::stdout().lock(),
        "{} lapsed hold(s) marked expired",
        expired.len()
    )?;
    Ok(())
}

/// A page read without a sweep (the command opens the file read-only): its
/// lapsed holds shown as the expired holds they are.
pub fn seen_at(
    mut page: crate::domain::BookingPage,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::domain::BookingPage {
    page.bookings = page
        .bookings
        .into_iter()
        .map(|b| b.as_seen_at(now))
        .collect();
    page
}
