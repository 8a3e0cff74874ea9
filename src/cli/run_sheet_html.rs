//! `today --html FILE`: the run sheet as one HTML page with a print
//! stylesheet (A4, the table's header repeated on each page, no colours
//! needed to read it). Every text from the database is escaped.

use super::CliResult;
use super::output::clock;
use crate::domain::run_sheet::{Arrival, RunSheet};
use chrono_tz::Tz;
use html_escape::encode_text;
use std::fmt::Write as _;

const STYLE: &str = "
body { font: 11pt/1.35 system-ui, sans-serif; margin: 1.5em; color: #111; }
h1 { font-size: 15pt; margin: 0 0 .2em; }
p.counts { margin: 0 0 .8em; }
p.closed { margin: 0 0 .4em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #bbb; vertical-align: top; }
th { border-bottom: 2px solid #333; }
td.pax { text-align: right; }
tr.next td:first-child::before { content: '▸ '; }
tr.late td.state { font-weight: bold; }
tr.done, tr.cancelled { color: #666; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
}
";

/// The page for `sheet` of `location`, times in `tz`, phones as given.
pub fn page(sheet: &RunSheet, location: &str, tz: Tz, phone: impl Fn(&str) -> String) -> String {
    let mut html = String::new();
    let title = format!(
        "{} · run sheet · {}",
        location,
        sheet.date.format("%a %d %b %Y")
    );
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{t}</title><style>{STYLE}</style></head><body>\n<h1>{t}</h1>\n\
         <p class=\"counts\">as of {at} · {}</p>\n",
        sheet.counts.words(),
        t = encode_text(&title),
        at = clock(sheet.at, tz),
    );
    for c in &sheet.closures {
        let _ = writeln!(
            html,
            "<p class=\"closed\">Closed: {}</p>",
            encode_text(&crate::domain::run_sheet::closure_words(c))
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
            encode_text(&b.resource_name),
            encode_text(&who),
            encode_text(&tel),
            encode_text(&b.service_name),
            b.participants,
            r.arrival.label(),
            b.payment.status.as_str(),
        );
    }
    html.push_str("</tbody></table>\n");
    if sheet.rows.is_empty() {
        html.push_str("<p>No bookings.</p>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// Writes `html` to `path` (replacing a file there) and says where on
/// stderr. Errors: the file cannot be written.
pub fn write(path: &std::path::Path, html: &str) -> CliResult {
    std::fs::write(path, html).map_err(|e| {
        crate::domain::BookingError::invalid(format!("cannot write {}: {e}", path.display()))
    })?;
    eprintln!("run sheet written to {}", path.display());
    Ok(())
}
