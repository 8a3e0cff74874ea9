//! What the desk knows of courses (Wix "book the entire course") from the
//! loaded catalog: which session of its course a slot is. No I/O.

use super::AppState;
use crate::domain::course::{Course, SessionNumber};
use crate::domain::{ServiceId, SlotRef};

impl AppState {
    /// The course of service `id`, when it is a course.
    pub fn course(&self, id: ServiceId) -> Option<&Course> {
        self.service(id)?.course.as_ref()
    }

    /// Which session of its course `slot` of service `id` is (`session 2
    /// of 6`), or `None` for a slot of an ordinary service.
    pub fn course_session(&self, id: ServiceId, slot: SlotRef) -> Option<SessionNumber> {
        self.course(id)?.session_of(slot)
    }
}
