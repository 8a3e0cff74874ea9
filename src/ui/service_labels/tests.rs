//! Service labels: they fit, they differ, and they read as the service.

use super::*;
use proptest::prelude::*;

const ASSESS: &str = "Physiotherapy assessment";
const FOLLOW: &str = "Physiotherapy follow-up";

fn named<'a>(names: &[&'a str]) -> Vec<Names<'a>> {
    names
        .iter()
        .map(|name| Names {
            name,
            short_name: None,
        })
        .collect()
}

fn at(names: &[&str], width: usize) -> Vec<String> {
    labels(&named(names), width)
}

#[test]
fn names_that_fit_are_shown_whole() {
    assert_eq!(
        at(&[ASSESS, FOLLOW, "Mat Pilates"], 24),
        [ASSESS, FOLLOW, "Mat Pilates"]
    );
    assert_eq!(
        at(&["Sports massage", "Mat Pilates"], 8),
        ["Sports…", "Mat Pil…"]
    );
}

#[test]
fn names_that_share_their_start_keep_the_words_that_differ() {
    // Cut at the end, both would be `Physiotherapy…`.
    assert_eq!(
        at(&[ASSESS, FOLLOW, "Sports massage"], 14),
        ["Physio assess…", "Physio follow…", "Sports massage"]
    );
    // Where the cut already differs, it is kept.
    assert_eq!(
        at(&[ASSESS, FOLLOW], 18),
        ["Physiotherapy ass…", "Physiotherapy fol…"]
    );
    assert_eq!(at(&[ASSESS, FOLLOW], 10), ["Phys asse…", "Phys foll…"]);
    // A week view's column: the words' starts run together.
    assert_eq!(at(&[ASSESS, FOLLOW], 4), ["PhAs", "PhFU"]);
    assert_eq!(at(&[ASSESS, FOLLOW], 2), ["PA", "PF"]);
}

#[test]
fn a_short_name_is_shown_when_the_name_does_not_fit() {
    let services = [
        Names {
            name: ASSESS,
            short_name: Some("Assessment"),
        },
        Names {
            name: FOLLOW,
            short_name: Some("Follow-up"),
        },
        Names {
            name: "Mat Pilates",
            short_name: None,
        },
    ];
    assert_eq!(labels(&services, 30), [ASSESS, FOLLOW, "Mat Pilates"]);
    assert_eq!(
        labels(&services, 12),
        ["Assessment", "Follow-up", "Mat Pilates"]
    );
    assert_eq!(labels(&services, 4), ["Ass…", "Fol…", "Mat…"]);
}

#[test]
fn the_name_without_its_note_comes_before_the_short_name() {
    let reformer = [Names {
        name: "Reformer Pilates (small group)",
        short_name: Some("Reformer"),
    }];
    assert_eq!(labels(&reformer, 26), ["Reformer Pilates"]);
    assert_eq!(labels(&reformer, 15), ["Reformer"]);
}

#[test]
fn a_cut_after_a_hyphen_drops_the_hyphen() {
    let follow = [Names {
        name: FOLLOW,
        short_name: Some("Follow-up"),
    }];
    assert_eq!(labels(&follow, 8), ["Follow…"]);
}

#[test]
fn short_names_cut_alike_fall_back_on_what_differs() {
    let services = [
        Names {
            name: ASSESS,
            short_name: Some("Physio A"),
        },
        Names {
            name: FOLLOW,
            short_name: Some("Physio F"),
        },
    ];
    assert_eq!(labels(&services, 6), ["Phys A", "Phys F"]);
}

#[test]
fn wide_characters_are_never_split_and_the_ends_tell_names_apart() {
    let got = at(&["理学療法評価", "理学療法再診"], 7);
    assert_eq!(got, ["理学…価", "理学…診"]);
    for label in &got {
        assert!(fit::width(label) <= 7, "{label}");
    }
    assert_eq!(at(&["🧘 Yoga", "🧘 Pilates"], 5), ["🧘 Y…", "🧘 P…"]);
}

#[test]
fn control_characters_show_as_symbols() {
    assert_eq!(at(&["Phys\u{1b}[2J"], 20), ["Phys␛[2J"]);
}

#[test]
fn at_one_cell_each_service_still_gets_its_own_letter() {
    let got = at(&[ASSESS, FOLLOW, "Pilates"], 1);
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|l| fit::width(l) == 1), "{got:?}");
    assert_eq!(got[0], "P");
    assert_ne!(got[1], got[0]);
    assert_ne!(got[2], got[0]);
    assert_ne!(got[2], got[1]);
    assert_eq!(at(&[ASSESS], 0), [""]);
}

fn distinct(labels: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    labels.iter().all(|l| seen.insert(l.to_lowercase()))
}

proptest! {
    #[test]
    fn labels_fit_and_differ_whenever_the_names_do(
        names in proptest::collection::hash_set("[A-Za-z é理🧘-]{1,30}", 1..8),
        width in 1usize..30,
    ) {
        let names: Vec<String> = names.into_iter().collect();
        let mut folded = std::collections::HashSet::new();
        prop_assume!(names.iter().all(|n| !n.trim().is_empty() && folded.insert(n.trim().to_lowercase())));
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let got = at(&refs, width);
        prop_assert_eq!(got.len(), names.len());
        for label in &got {
            prop_assert!(fit::width(label) <= width, "{:?} at {}", label, width);
        }
        prop_assert!(distinct(&got), "{:?} at {}: {:?}", names, width, got);
    }
}

#[test]
fn a_service_the_catalog_no_longer_lists_is_labelled_among_the_listed_ones() {
    let listed = ServiceLabels::of(vec![
        (
            ServiceId(1),
            Names {
                name: ASSESS,
                short_name: None,
            },
        ),
        (
            ServiceId(2),
            Names {
                name: "Sports massage",
                short_name: Some("Massage"),
            },
        ),
    ]);
    assert_eq!(listed.label(ServiceId(1), "ignored", 14), "Physiotherapy…");
    assert_eq!(listed.label(ServiceId(2), "ignored", 10), "Massage");
    // Retired: not `Physiotherapy…`, which is service 1's.
    assert_eq!(listed.label(ServiceId(9), FOLLOW, 14), "Physio follow…");
    assert_eq!(listed.label(ServiceId(9), "Yoga", 14), "Yoga");
}
