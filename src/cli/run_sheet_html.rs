//! `today --html FILE`: the run sheet as one HTML page with a print
//! stylesheet (A4, the table's header repeated on each page, no colours
//! needed to read it). Every text from the database is escaped.

use super::CliResult;
use super::html::{self, text};
use super::output::clock;
use crate::domain::run_sheet::{Arrival, RunSheet};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// The run sheet's own rules, over [`html::start`]'s.
const STYLE: &str = "
tr.next td:first-child::before { content: '▸ '; }
tr.late td.state { font-weight: bold; }
tr.done, tr.cancelled { color: #666; }
";

/// The page for `sheet` of `location`, times in `tz`, phones as given.
pub fn page(sheet: &RunSheet, location: &str, tz: Tz, phone: impl Fn(&str) -> String) -> String {
    let title = format!(
        "{} · run sheet · {}",
        location,
        sheet.date.format("%a %d %b %Y")
    );
    let mut html = html::start(&title, STYLE);
    let _ = writeln!(
        html,
        "<p class=\"counts\">as of {at} · {}</p>",
        sheet.counts.words(),
        at = clock(sheet.at, tz),
    );
    for c in &sheet.closures {
        let _ = writeln!(
            html,
            "<p class=\"closed\">Closed: {}</p>",
            text(&crate::domain::run_sheet::closure_words(c))
        );
    }
    html.push_str(
        "<table><thead><tr><th>Time</th><th>Resource</th><th>Who</th><th>Phone</th>\
         <th>Service</th><th>Pax</th><th>State</th><th>Payment</th></tr></thead><tbody>\n",
    );
    for r in &sheet.rows {
        let b = &r.booking;
        let mut class = vec![match r.arrival {
            Arrival::Late => "late",
            Arrival::Done => "done",
            Arrival::Cancelled | Arrival::Lapsed => "cancelled",
            _ => "row",
        }];
        if r.next {
            class.push("next");
        }
        let who = r.who("—");
        let tel = r.phone(&phone);
        let _ = writeln!(
            html,
            "<tr class=\"{}\"><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"pax\">{}</td><td class=\"state\">{}</td><td>{}</td></tr>",
            class.join(" "),
            clock(b.from, tz),
            clock(b.to, tz),
            text(&b.resource_name),
            text(&who),
            text(&tel),
            text(&b.service_name),
            b.participants,
            r.arrival.label(),
            b.payment.status.as_str(),
        );
    }
    html.push_str("</tbody></table>\n");
    if sheet.rows.is_empty() {
        html.push_str("<p>No bookings.</p>\n");
    }
    html.push_str(html::END);
    html
}

/// Writes `html` to `path` ([`html::emit`]: atomically, mode 0600).
/// Errors: the file cannot be written.
pub fn write(path: &std::path::Path, html: &str) -> CliResult {
    html::write_or_print(Some(path), html, "run sheet")
}
