//! The demo's canned words: reasons for a visit, answers to intake
//! questions, booking notes and cancellation reasons.

pub(super) const PHYSIO_REASONS: [&str; 12] = [
    "Lower back pain",
    "Knee pain when running",
    "Stiff shoulder after a fall",
    "Neck pain from desk work",
    "Sprained ankle playing football",
    "Rehab after ACL reconstruction",
    "Hip pain on stairs",
    "Tennis elbow",
    "Plantar fasciitis",
    "Sciatica down the left leg",
    "Achilles pain after increasing mileage",
    "Whiplash after a car accident",
];

pub(super) const MASSAGE_REASONS: [&str; 7] = [
    "Marathon training recovery",
    "Tight hamstrings and calves",
    "Upper back tension",
    "Pre-event massage before a half marathon",
    "Cycling: tight quads and IT band",
    "General muscle tension",
    "Rugby season maintenance",
];

pub(super) const CONDITIONS: [&str; 8] = [
    "None",
    "None",
    "Mild asthma",
    "Hip replacement (2019)",
    "Hypermobility",
    "High blood pressure (medicated)",
    "Osteoporosis",
    "Type 2 diabetes",
];

pub(super) const GPS: [&str; 5] = [
    "Dr Patel, Riverside Medical Centre",
    "Dr Okafor, Bankside Surgery",
    "Dr Hughes",
    "Dr Williams, Thames Health Practice",
    "Dr Chen",
];

pub(super) const EXPERIENCE: [&str; 4] = [
    "New to reformer",
    "A few classes",
    "Regular, weekly",
    "Did the intro course",
];

pub(super) const APPOINTMENT_NOTES: [&str; 7] = [
    "Training for a marathon in the spring",
    "Referred by GP",
    "Please call if running late",
    "Insurance: Bupa, pre-authorised",
    "Insurance: AXA Health, authorisation to follow",
    "Prefers afternoon appointments",
    "Needs step-free access",
];

pub(super) const CLASS_NOTES: [&str; 4] = [
    "First time at the studio",
    "Bringing own mat",
    "Recovering from a knee operation",
    "Back after a long break",
];

pub(super) const CANCEL_REASONS: [&str; 8] = [
    "Client unwell",
    "Client unwell",
    "Work commitment",
    "Childcare fell through",
    "Travel disruption",
    "Booked in error",
    "Feeling better, no longer needed",
    "Clashes with a hospital appointment",
];
