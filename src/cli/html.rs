//! What every printable page shares (`today --html`, `print day`,
//! `print bookings`): the page frame with its print stylesheet, the escaping
//! of stored text, and writing the file (atomically, owner-only: customer
//! data). Readable in black and white: no meaning is carried by colour.

use super::output::shown;
use super::{CliError, CliResult};
use crate::domain::BookingError;
use std::borrow::Cow;
use std::io::{BufWriter, IsTerminal as _, Write};
use std::path::Path;

/// The style every page has: type, the table, and the print rules (the
/// table's header repeated on each page, no row cut in half).
const BASE_STYLE: &str = "
body { font: 11pt/1.35 system-ui, sans-serif; margin: 1.5em; color: #111; }
h1 { font-size: 15pt; margin: 0 0 .2em; }
p.counts { margin: 0 0 .8em; }
p.closed { margin: 0 0 .4em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #bbb; vertical-align: top; }
th { border-bottom: 2px solid #333; }
td.pax { text-align: right; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
}
";

/// Stored or typed text as HTML text: control characters shown as visible
/// symbols (as the terminal output does), then `<`, `>` and `&` escaped.
/// Safe inside an element, not inside an attribute.
pub fn text(s: &str) -> String {
    match html_escape::encode_text(&shown(s)) {
        Cow::Borrowed(b) => b.to_owned(),
        Cow::Owned(o) => o,
    }
}

/// `1 booking`, `2 bookings`: `n` with the word for one or for many.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The start of a page titled `title` (escaped here) with the base style and
/// `extra_style` (a page's own rules, which may override the base): the
/// doctype, head and an `<h1>` of the title. The caller adds the body and
/// [`END`].
pub fn start(title: &str, extra_style: &str) -> String {
    let t = text(title);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{t}</title><style>{BASE_STYLE}{extra_style}</style></head><body>\n<h1>{t}</h1>\n"
    )
}

/// What closes a page begun with [`start`].
pub const END: &str = "</body></html>\n";

/// Runs `body` on stdout (a closed pipe is the caller's
/// [`std::io::ErrorKind::BrokenPipe`]), or on a temporary file beside
/// `path` (mode 0600: the page holds customers' names and phones) that is
/// then renamed over `path`, so a reader never sees half a page and a
/// failure leaves any old file whole; then says on stderr that `what` was
/// written there. Buffered, so a long list is written as it is read.
/// Errors (exit 5 for the file): the folder is missing or not writable;
/// what `body` fails with.
pub fn emit(
    path: Option<&Path>,
    what: &str,
    body: impl FnOnce(&mut dyn Write) -> CliResult,
) -> CliResult {
    let Some(path) = path else {
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        let mut out = BufWriter::new(stdout.lock());
        body(&mut out)?;
        out.flush()?;
        if terminal {
            eprintln!(
                "slotdesk: that is an HTML page: `-o FILE.html` writes it to a file to open in a browser and print"
            );
        }
        return Ok(());
    };
    let cannot = |e: std::io::Error| -> CliError {
        BookingError::invalid(format!("cannot write {}: {e}", path.display())).into()
    };
    // Its refusal names the path already.
    let path = &super::out_path::write_target(path)
        .map_err(|e| CliError::from(BookingError::invalid(e.to_string())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".slotdesk-print-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(cannot)?;
    // tempfile makes it 0600 on Unix already; said here so it stays so.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(cannot)?;
    }
    let mut out = BufWriter::new(tmp);
    match body(&mut out) {
        Ok(()) => {}
        Err(CliError::Output(e)) => return Err(cannot(e)),
        Err(e) => return Err(e),
    }
    let tmp = out.into_inner().map_err(|e| cannot(e.into_error()))?;
    tmp.as_file().sync_all().map_err(cannot)?;
    tmp.persist(path).map_err(|e| cannot(e.error))?;
    eprintln!("{what} written to {}", path.display());
    Ok(())
}

/// `html` on stdout, or written to `path` ([`emit`]).
pub fn write_or_print(path: Option<&Path>, html: &str, what: &str) -> CliResult {
    emit(path, what, |w| Ok(w.write_all(html.as_bytes())?))
}
