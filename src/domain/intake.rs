//! What a booking carries beyond its slot: answers to the service's intake
//! questions (Sesami `properties`) and add-ons (Boseat `additionalProducts`),
//! checked against the service. Pure.

use super::booking::{AddOnLine, Answer};
use super::catalog::Service;
use super::error::BookingError;
use super::text::{ANSWER, check_text};

/// Matches `given` `(question, answer)` pairs to the service's questions
/// (ignoring case, keeping the catalog's wording and order) and checks that
/// every required question has a non-empty answer.
/// Errors: an unknown question, a question answered twice, a missing
/// required answer, an answer with a control character or over
/// [`ANSWER`]'s limit.
pub fn check_answers(
    service: &Service,
    given: &[(String, String)],
) -> Result<Vec<Answer>, BookingError> {
    let mut answers: Vec<Option<String>> = vec![None; service.questions.len()];
    for (name, value) in given {
        let index = service
            .questions
            .iter()
            .position(|q| q.name.trim().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                BookingError::invalid(format!(
                    "`{name}` is not a question of {}; its questions are: {}",
                    service.name,
                    question_list(service)
                ))
            })?;
        if answers[index].is_some() {
            return Err(BookingError::invalid(format!("`{name}` is answered twice")));
        }
        let field = format!("answer to `{}`", service.questions[index].name);
        let value = check_text(&field, ANSWER.max, value)?;
        answers[index] = Some(value.to_owned());
    }
    let mut out = Vec::new();
    for (question, answer) in service.questions.iter().zip(answers) {
        match answer.filter(|a| !a.is_empty()) {
            Some(value) => out.push(Answer {
                name: question.name.clone(),
                value,
            }),
            None if question.required => {
                return Err(BookingError::invalid(format!(
                    "`{}` needs an answer",
                    question.name
                )));
            }
            None => {}
        }
    }
    Ok(out)
}

fn question_list(service: &Service) -> String {
    if service.questions.is_empty() {
        return "none".to_owned();
    }
    service
        .questions
        .iter()
        .map(|q| format!("`{}`", q.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolves add-on names (ignoring case) to the service's add-ons at their
/// current prices. Errors: an unknown or repeated add-on.
pub fn check_add_ons(service: &Service, names: &[String]) -> Result<Vec<AddOnLine>, BookingError> {
    let mut out: Vec<AddOnLine> = Vec::new();
    for name in names {
        let add_on = service
            .add_ons
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let known: Vec<&str> = service.add_ons.iter().map(|a| a.name.as_str()).collect();
                BookingError::invalid(format!(
                    "`{name}` is not an add-on of {} (add-ons: {})",
                    service.name,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ))
            })?;
        if out.iter().any(|l| l.id == add_on.id) {
            return Err(BookingError::invalid(format!(
                "add-on `{name}` is given twice"
            )));
        }
        out.push(AddOnLine {
            id: add_on.id,
            name: add_on.name.clone(),
            price: add_on.price,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{AddOn, Question};
    use crate::domain::{AddOnId, ServiceId};

    fn service() -> Service {
        Service {
            id: ServiceId(1),
            key: "physio".into(),
            name: "Physio".into(),
            short_name: None,
            duration_minutes: 45,
            capacity: 1,
            hold_minutes: 15,
            horizon_days: 365,
            min_notice_minutes: 0,
            reminder_hours: 24,
            price: 5500,
            currency: "GBP".into(),
            require_email_and_phone: false,
            questions: vec![
                Question {
                    name: "Reason for visit".into(),
                    required: true,
                },
                Question {
                    name: "GP name".into(),
                    required: false,
                },
            ],
            add_ons: vec![AddOn {
                id: AddOnId(3),
                name: "Taping".into(),
                price: 850,
            }],
            course: None,
            choices: Vec::new(),
            requires_approval: false,
            active: true,
        }
    }

    #[test]
    fn answers_take_the_catalog_wording_and_required_ones_are_enforced() {
        let s = service();
        let ok = check_answers(&s, &[("reason for VISIT".into(), " knee ".into())]).unwrap();
        assert_eq!(
            ok,
            vec![Answer {
                name: "Reason for visit".into(),
                value: "knee".into()
            }]
        );
        assert!(
            check_answers(&s, &[])
                .unwrap_err()
                .to_string()
                .contains("needs an answer")
        );
        assert!(
            check_answers(&s, &[("Age".into(), "3".into())])
                .unwrap_err()
                .to_string()
                .contains("not a question")
        );
    }

    #[test]
    fn an_answer_with_a_control_character_or_over_1000_characters_is_refused() {
        let s = service();
        let answer = |value: String| check_answers(&s, &[("Reason for visit".into(), value)]);
        assert_eq!(
            answer("knee\u{1b}[2J".into()).unwrap_err().to_string(),
            "answer to `Reason for visit` contains a control character: U+001B (escape)"
        );
        assert_eq!(
            answer("x".repeat(120_000)).unwrap_err().to_string(),
            "answer to `Reason for visit` is longer than 1000 characters"
        );
        assert!(answer("x".repeat(1000)).is_ok());
    }

    #[test]
    fn add_ons_resolve_by_name_at_catalog_price() {
        let s = service();
        let lines = check_add_ons(&s, &["taping".into()]).unwrap();
        assert_eq!(lines[0].price, 850);
        assert!(check_add_ons(&s, &["massage".into()]).is_err());
        assert!(check_add_ons(&s, &["Taping".into(), "taping".into()]).is_err());
    }
}
