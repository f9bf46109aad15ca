//! Which of the dashboard's lines show, and how: all, the user's own workers
//! (by the staff name on the worker's record) or one worker; one line a
//! duty, or one line a worker (for the end of the month, when forty workers
//! with three monthly duties make a list of 120 lines).

use crate::domain::schedule::{DashboardItem, DueState, Duty};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Workers whose record names the user as their staff.
    Mine,
    /// One worker, by id.
    Worker(String),
}

/// One row on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line, by its index in the dashboard's list.
    Line(usize),
    /// A worker's lines, most urgent first (indices into the list).
    Group {
        worker_id: String,
        lines: Vec<usize>,
    },
}

/// What a row is, to find it again after the list is re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Line(String, Duty),
    Group(String),
}

pub fn key(row: &Row, items: &[DashboardItem]) -> Option<Key> {
    match row {
        Row::Line(i) => items
            .get(*i)
            .map(|x| Key::Line(x.worker_id.clone(), x.item.duty)),
        Row::Group { worker_id, .. } => Some(Key::Group(worker_id.clone())),
    }
}

/// The rows of `items` under `filter`, flat or grouped (groups in the order
/// of their most urgent line).
pub fn rows(items: &[DashboardItem], filter: &Filter, grouped: bool, staff: &str) -> Vec<Row> {
    let shown = items.iter().enumerate().filter(|(_, i)| match filter {
        Filter::All => true,
        Filter::Mine => !staff.trim().is_empty() && i.staff.trim() == staff.trim(),
        Filter::Worker(id) => i.worker_id == *id,
    });
    if !grouped {
        return shown.map(|(n, _)| Row::Line(n)).collect();
    }
    let mut groups: Vec<Row> = Vec::new();
    for (n, i) in shown {
        let existing = groups.iter_mut().find_map(|g| match g {
            Row::Group { worker_id, lines } if *worker_id == i.worker_id => Some(lines),
            _ => None,
        });
        match existing {
            Some(lines) => lines.push(n),
            None => groups.push(Row::Group {
                worker_id: i.worker_id.clone(),
                lines: vec![n],
            }),
        }
    }
    groups
}

/// A group's state: overdue if any of its lines is.
pub fn group_state(lines: &[usize], items: &[DashboardItem]) -> DueState {
    lines
        .iter()
        .filter_map(|&n| items.get(n))
        .map(|i| i.item.state)
        .min()
        .unwrap_or(DueState::DueSoon)
}
