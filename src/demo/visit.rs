//! A planned visit: its slot, customer, answers, add-ons and note. Plain
//! data; the planner fills it in (`visit_details`).

use crate::domain::SlotRef;

/// One booking-to-be; `customer` is `None` for a hold nobody confirms.
pub(super) struct Visit {
    pub(super) slot: SlotRef,
    pub(super) service: usize,
    pub(super) customer: Option<usize>,
    pub(super) participants: u32,
    pub(super) pending: bool,
    pub(super) message: Option<&'static str>,
    pub(super) answers: Vec<(String, String)>,
    pub(super) add_ons: Vec<String>,
}
