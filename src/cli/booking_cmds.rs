//! The writing commands: hold, book, confirm, cancel, lifecycle steps, extend,
//! move, pay, refund, delete. Each prints the resulting booking.

use super::CliResult;
use super::args::{BookArgs, Command, CustomerFields, MethodArg, StatusArg};
use super::context::Context;
use super::course_output;
use super::output;
use crate::domain::PaymentOption;
use crate::domain::choices::parse_pair;
use crate::domain::customer::CustomerInput;
use crate::domain::money::parse_amount;
use crate::domain::{
    BookRequest, BookingFor, ConfirmRequest, CustomerId, HoldRequest, InitialStatus, PaymentInput,
    WalkInRequest,
};
use crate::domain::{
    Booking, BookingError, BookingId, CancelRequest, EventId, PaymentMethod, Role, SlotRef,
    Transition,
};
use std::io::Write;

/// Runs a writing command and prints its booking.
pub fn run(ctx: &mut Context, command: Command) -> CliResult {
    let now = ctx.now;
    // Read before the write: once it is made, only printing may fail.
    let location = ctx.location()?;
    let tz = location.time_zone;
    let before = super::waitlist_cmds::last_event(ctx)?;
    let (booking, json) = match command {
        Command::Hold(a) => {
            let req = HoldRequest {
                slot: a.slot.parse()?,
                participants: a.participants,
                idempotency_key: a.idempotency_key,
            };
            (ctx.store.hold(&req, now)?, a.json)
        }
        Command::Book(a) => {
            let req = book_request(&a, ctx.role(a.as_manager))?;
            let booked = ctx.store.book(&req, now)?;
            if course_output::is_course(&booked) && !a.json {
                let all = match booked.series_id {
                    Some(series) => ctx.store.series_bookings(series)?,
                    None => Vec::new(),
                };
                print(tz, &booked, false, now)?;
                return course_output::booked(&all, tz);
            }
            (booked, a.json)
        }
        Command::WalkIn(a) => {
            let req = WalkInRequest {
                service: ctx.store.find_service(&a.service)?.id,
                slot: a.slot.as_deref().map(str::parse).transpose()?,
                first_name: a.first_name,
                last_name: a.last_name,
                phone: a.phone,
                participants: a.participants,
                idempotency_key: a.idempotency_key,
            };
            (ctx.store.walk_in(&req, now)?, a.json)
        }
        Command::Confirm(a) => {
            let request = ConfirmRequest {
                customer: booking_for(a.customer_id, &a.customer),
                answers: answers(&a.answers)?,
                add_ons: a.add_ons.clone(),
                choices: choice_flags(&a.choices)?,
                message: a.message.clone(),
                notify: a.notify.clone(),
                idempotency_key: a.idempotency_key.clone(),
            };
            (
                ctx.store.confirm_with(BookingId(a.id), &request, now)?,
                a.json,
            )
        }
        Command::Cancel(a) => {
            let request = CancelRequest {
                reason: a.reason,
                idempotency_key: a.idempotency_key,
                only_hold: false,
            };
            let mut cancelled = ctx
                .store
                .cancel_course_aware(BookingId(a.id), &request, now)?
                .into_iter();
            let Some(first) = cancelled.next() else {
                return Err(BookingError::BookingNotFound.into());
            };
            if !a.json {
                print(tz, &first, false, now)?;
                course_output::also_cancelled(&cancelled.collect::<Vec<_>>(), tz)?;
                return super::waitlist_cmds::print_offers(ctx, before, tz, &location.phone_region);
            }
            (first, a.json)
        }
        Command::Decline(a) => (
            ctx.store
                .decline(BookingId(a.id), a.reason.as_deref(), now)?,
            a.json,
        ),
        Command::Approve(a) => (
            ctx.store
                .confirm_with(BookingId(a.id), &ConfirmRequest::default(), now)?,
            a.json,
        ),
        Command::CheckIn(a) => (
            ctx.store
                .transition(BookingId(a.id), Transition::CheckIn, now)?,
            a.json,
        ),
        Command::NoShow(a) => (
            ctx.store
                .transition(BookingId(a.id), Transition::NoShow, now)?,
            a.json,
        ),
        Command::Complete(a) => (
            ctx.store
                .transition(BookingId(a.id), Transition::Complete, now)?,
            a.json,
        ),
        Command::Extend(a) => (ctx.store.extend_hold(BookingId(a.id), now)?, a.json),
        Command::Move(a) => {
            let to: SlotRef = a.slot.parse()?;
            (ctx.store.move_booking(BookingId(a.id), to, now)?, a.json)
        }
        Command::Pay(a) => {
            let id = BookingId(a.id);
            let currency = ctx.store.booking(id)?.payment.currency;
            let payment = PaymentInput {
                amount: parse_amount(&a.amount, &currency)?,
                method: method(a.method),
                reference: a.reference,
                idempotency_key: a.idempotency_key,
            };
            (ctx.store.pay(id, &payment, now)?, a.json)
        }
        Command::Refund(a) => (
            ctx.store
                .refund(BookingId(a.id), ctx.role(a.as_manager), now)?,
            a.json,
        ),
        Command::Undo(a) => (ctx.store.undo(EventId(a.event), now)?, a.json),
        Command::ForceStatus(a) => {
            let status = crate::domain::BookingStatus::from_words(&a.status)
                .map_err(BookingError::Invalid)?;
            let role = ctx.role(a.as_manager);
            let forced = ctx
                .store
                .force_status(BookingId(a.id), status, &a.reason, role, now)?;
            (forced, a.json)
        }
        Command::Delete(a) => {
            let last = ctx
                .store
                .delete(BookingId(a.id), ctx.role(a.as_manager), now)?;
            if !a.json {
                writeln!(
                    std::io::stdout().lock(),
                    "deleted booking {} (its last state is kept in the event log)",
                    last.id
                )?;
                return Ok(());
            }
            (last, true)
        }
        _ => return Err(BookingError::invalid("not a booking command").into()),
    };
    print(tz, &booking, json, now)?;
    if json {
        return Ok(());
    }
    // A seat this change freed went to the waitlist: say who to call.
    super::waitlist_cmds::print_offers(ctx, before, tz, &location.phone_region)
}

fn print(
    tz: chrono_tz::Tz,
    booking: &Booking,
    json: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> CliResult {
    if json {
        return output::json(booking);
    }
    output::booking(booking, tz, now)
}

fn method(m: MethodArg) -> PaymentMethod {
    match m {
        MethodArg::Cash => PaymentMethod::Cash,
        MethodArg::Card => PaymentMethod::Card,
        MethodArg::Voucher => PaymentMethod::Voucher,
        MethodArg::Other => PaymentMethod::Other,
    }
}

/// The customer given by flags, if any flag was given: `--customer ID`, or
/// the typed details.
fn booking_for(picked: Option<i64>, f: &CustomerFields) -> Option<BookingFor> {
    if let Some(id) = picked {
        return Some(BookingFor::Picked(CustomerId(id)));
    }
    if f.first_name.is_none() && f.last_name.is_none() && f.email.is_none() && f.phone.is_none() {
        return None;
    }
    Some(BookingFor::Typed(CustomerInput {
        first_name: f.first_name.clone().unwrap_or_default(),
        last_name: f.last_name.clone().unwrap_or_default(),
        email: f.email.clone(),
        phone: f.phone.clone(),
    }))
}

pub(super) fn book_request(a: &BookArgs, role: Role) -> CliResult<BookRequest> {
    let answers = answers(&a.answers)?;
    let choices = choice_flags(&a.choices)?;
    let summed = choices
        .iter()
        .fold(0_u32, |sum, (_, n)| sum.saturating_add(*n));
    let participants = a
        .participants
        .unwrap_or(if choices.is_empty() { 1 } else { summed });
    Ok(BookRequest {
        slot: Some(a.slot.parse()?),
        customer: match a.customer {
            Some(id) => BookingFor::Picked(CustomerId(id)),
            None => BookingFor::Typed(CustomerInput {
                first_name: a.first_name.clone().unwrap_or_default(),
                last_name: a.last_name.clone().unwrap_or_default(),
                email: a.email.clone(),
                phone: a.phone.clone(),
            }),
        },
        participants,
        message: a.message.clone(),
        notify: a.notify.clone(),
        answers,
        add_ons: a.add_ons.clone(),
        choices,
        payment_option: payment_option(a.payment_option.as_deref())?,
        status: match a.status {
            Some(StatusArg::Pending) => InitialStatus::Pending,
            Some(StatusArg::Confirmed) => InitialStatus::Confirmed,
            Some(StatusArg::Requested) => InitialStatus::Requested,
            None => InitialStatus::ServiceDefault,
        },
        role,
        idempotency_key: a.idempotency_key.clone(),
    })
}

/// A `--payment-option` word. Errors (invalid, exit 5): the words it takes.
pub(super) fn payment_option(typed: Option<&str>) -> CliResult<Option<PaymentOption>> {
    typed
        .map(|t| {
            t.parse()
                .map_err(|e: String| BookingError::invalid(e).into())
        })
        .transpose()
}

/// `'KEY=COUNT'` flags as pairs. Errors (invalid, exit 5): a flag not of
/// that form or a count that is not a whole number.
fn choice_flags(flags: &[String]) -> CliResult<Vec<(String, u32)>> {
    flags
        .iter()
        .map(|f| parse_pair(f).map_err(|e| BookingError::invalid(e).into()))
        .collect()
}

/// `'QUESTION=ANSWER'` flags as pairs.
fn answers(flags: &[String]) -> CliResult<Vec<(String, String)>> {
    flags
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .map(|(q, v)| (q.trim().to_owned(), v.trim().to_owned()))
                .ok_or_else(|| {
                    BookingError::invalid(format!(
                        "answer `{pair}` is not of the form 'QUESTION=ANSWER'"
                    ))
                    .into()
                })
        })
        .collect()
}
