//! Canned words for made-up data, shared by the demo location and the bulk
//! loader: people's names, contacts only from reserved ranges (the example
//! domains, Ofcom's drama phone numbers), reasons for a visit, answers,
//! booking notes and cancellation reasons. Pure data.

/// First and last names, by index.
pub const PEOPLE: [(&str, &str); 44] = [
    ("Oliver", "Bennett"),
    ("Amelia", "Hughes"),
    ("Harry", "Clarke"),
    ("Isla", "Patel"),
    ("George", "Turner"),
    ("Ava", "Robinson"),
    ("Jack", "Morgan"),
    ("Sophie", "Walsh"),
    ("Thomas", "Wright"),
    ("Emily", "Khan"),
    ("James", "Fletcher"),
    ("Grace", "O'Connor"),
    ("William", "Price"),
    ("Chloe", "Evans"),
    ("Charlie", "Davies"),
    ("Lucy", "Thompson"),
    ("Samuel", "Ahmed"),
    ("Ella", "Marshall"),
    ("Henry", "Lloyd"),
    ("Freya", "Campbell"),
    ("Joshua", "Green"),
    ("Poppy", "Mitchell"),
    ("Alfie", "Chapman"),
    ("Ruby", "Okafor"),
    ("Noah", "Sinclair"),
    ("Hannah", "Brooks"),
    ("Mohammed", "Hussain"),
    ("Zara", "Begum"),
    ("Leo", "Dawson"),
    ("Evie", "Harrison"),
    ("Arthur", "Pearson"),
    ("Imogen", "Reid"),
    ("Jacob", "Kowalski"),
    ("Megan", "Jones"),
    ("Oscar", "Fitzgerald"),
    ("Niamh", "Gallagher"),
    ("Ethan", "Murray"),
    ("Aisha", "Mensah"),
    ("Finley", "Shaw"),
    ("Rosie", "Atkinson"),
    ("Callum", "MacLeod"),
    ("Anjali", "Desai"),
    ("Daniel", "Rees"),
    ("Matilda", "Cooper"),
];

/// The reserved example domains every made-up email is at (RFC 2606).
pub const EMAIL_DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];

/// E.164 prefixes of Ofcom's drama ranges (a thousand fictional numbers
/// each: `+442079460000`–`+442079460999`, …), so no real number is used.
pub const DRAMA_PHONE_PREFIXES: [&str; 12] = [
    "+442079460",
    "+441614960",
    "+441214960",
    "+441134960",
    "+441144960",
    "+441174960",
    "+441154960",
    "+441184960",
    "+441414960",
    "+442920180",
    "+442896496",
    "+447700900",
];

/// Reasons for a physio visit; also the bulk loader's injury answers.
pub const PHYSIO_REASONS: [&str; 12] = [
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

pub const MASSAGE_REASONS: [&str; 7] = [
    "Marathon training recovery",
    "Tight hamstrings and calves",
    "Upper back tension",
    "Pre-event massage before a half marathon",
    "Cycling: tight quads and IT band",
    "General muscle tension",
    "Rugby season maintenance",
];

pub const CONDITIONS: [&str; 8] = [
    "None",
    "None",
    "Mild asthma",
    "Hip replacement (2019)",
    "Hypermobility",
    "High blood pressure (medicated)",
    "Osteoporosis",
    "Type 2 diabetes",
];

pub const GPS: [&str; 5] = [
    "Dr Patel, Riverside Medical Centre",
    "Dr Okafor, Bankside Surgery",
    "Dr Hughes",
    "Dr Williams, Thames Health Practice",
    "Dr Chen",
];

pub const EXPERIENCE: [&str; 4] = [
    "New to reformer",
    "A few classes",
    "Regular, weekly",
    "Did the intro course",
];

/// Notes on an appointment; also the bulk loader's booking messages.
pub const APPOINTMENT_NOTES: [&str; 7] = [
    "Training for a marathon in the spring",
    "Referred by GP",
    "Please call if running late",
    "Insurance: Bupa, pre-authorised",
    "Insurance: AXA Health, authorisation to follow",
    "Prefers afternoon appointments",
    "Needs step-free access",
];

pub const CLASS_NOTES: [&str; 4] = [
    "First time at the studio",
    "Bringing own mat",
    "Recovering from a knee operation",
    "Back after a long break",
];

/// Why a booking was cancelled.
pub const CANCEL_REASONS: [&str; 8] = [
    "Client unwell",
    "Client unwell",
    "Work commitment",
    "Childcare fell through",
    "Travel disruption",
    "Booked in error",
    "Feeling better, no longer needed",
    "Clashes with a hospital appointment",
];
