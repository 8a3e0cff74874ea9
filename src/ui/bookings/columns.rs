//! The bookings table's columns, chosen for the width at hand: all of them
//! when wide, a shorter time and no resource when narrow. Pure.

use crate::app::AppState;
use crate::domain::{Booking, BookingSort};
use crate::ui::service_labels::ServiceLabels;
use crate::ui::{fit, theme};
use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

/// Below this many cells the table drops the resource and shortens times.
const WIDE: u16 = 100;

/// Column widths for one page at one width.
pub struct Columns {
    wide: bool,
    id: u16,
    when: u16,
    service: u16,
    resource: u16,
    customer: u16,
}

const PAX: u16 = 3;
const STATUS: u16 = 10;
const PAYMENT: u16 = 8;

impl Columns {
    /// Widths for a table `width` cells wide (selection mark excluded).
    pub fn for_width(width: u16, bookings: &[Booking]) -> Self {
        let id = bookings
            .iter()
            .map(|b| b.id.to_string().len() as u16 + 1)
            .max()
            .unwrap_or(2)
            .max(2);
        let wide = width >= WIDE;
        let when = if wide { 22 } else { 12 };
        let fixed = id + when + PAX + STATUS + PAYMENT;
        let gaps = if wide { 7 } else { 6 };
        let free = width.saturating_sub(fixed + gaps);
        let (service, resource, customer) = if wide {
            let s = share(free, &[40, 26, 34]);
            (s[0], s[1], s[2])
        } else {
            let s = share(free, &[1, 1]);
            (s[0], 0, s[1])
        };
        Self {
            wide,
            id,
            when,
            service,
            resource,
            customer,
        }
    }

    /// The column constraints, in order.
    pub fn widths(&self) -> Vec<Constraint> {
        let mut w = vec![self.id, self.when, self.service];
        if self.wide {
            w.push(self.resource);
        }
        w.extend([self.customer, PAX, STATUS, PAYMENT]);
        w.into_iter().map(Constraint::Length).collect()
    }

    /// The heading row, the column `sort` orders by marked ▲ or ▼ (the
    /// number for when booked: numbers are given in booking order).
    pub fn header(&self, sort: BookingSort, descending: bool) -> Row<'static> {
        let mut h = vec!["#", "When", "Service"];
        if self.wide {
            h.push("Resource");
        }
        h.extend(["Customer", "Pax", "Status", "Payment"]);
        let sorted = match sort {
            BookingSort::Created => "#",
            BookingSort::Starts => "When",
            BookingSort::Service => "Service",
            BookingSort::Customer => "Customer",
            BookingSort::Status => "Status",
        };
        let arrow = super::arrow(descending);
        Row::new(h.into_iter().map(|title| {
            if title == sorted {
                format!("{title} {arrow}")
            } else {
                title.to_owned()
            }
        }))
    }

    /// One booking's row; its service labelled to differ from the others
    /// in the column's width.
    pub fn row(&self, b: &Booking, state: &AppState) -> Row<'static> {
        let tz = state.tz();
        let when = if self.wide {
            state.when(b.from, b.to)
        } else {
            b.from.with_timezone(&tz).format("%d %b %H:%M").to_string()
        };
        let service =
            ServiceLabels::new(state).label(b.service_id, &b.service_name, self.service.into());
        let customer = match &b.customer {
            Some(c) => Span::raw(fit::truncate(&c.name, self.customer.into())),
            None => Span::styled("—", theme::DIM),
        };
        let mut cells = vec![
            Cell::from(Span::styled(format!("#{}", b.id), theme::DIM)),
            Cell::from(when),
            Cell::from(service),
        ];
        if self.wide {
            cells.push(Cell::from(fit::title(
                &b.resource_name,
                self.resource.into(),
            )));
        }
        cells.extend([
            Cell::from(customer),
            Cell::from(Span::raw(format!("{:>3}", b.participants))),
            Cell::from(theme::status_span(b.status)),
            Cell::from(Span::styled(
                b.payment.status.as_str(),
                theme::payment(b.payment.status),
            )),
        ]);
        Row::new(cells)
    }
}

/// Splits `total` cells among columns by `weights`, the remainder to the first.
fn share(total: u16, weights: &[u16]) -> Vec<u16> {
    let sum: u16 = weights.iter().sum::<u16>().max(1);
    let mut out: Vec<u16> = weights
        .iter()
        .map(|w| (u32::from(total) * u32::from(*w) / u32::from(sum)) as u16)
        .collect();
    let used: u16 = out.iter().sum();
    if let Some(first) = out.first_mut() {
        *first += total.saturating_sub(used);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_cells_are_shared_by_weight_with_the_rest_to_the_first() {
        assert_eq!(share(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(share(0, &[1, 1]), vec![0, 0]);
    }
}
