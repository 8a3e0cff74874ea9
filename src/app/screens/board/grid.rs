//! The day board's layout: slots in a grid of columns (resources, or the
//! days of one resource's week) by local start time, and a cursor over it.
//! Pure.

use crate::domain::ResourceId;
use crate::domain::availability::Slot;
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKey {
    /// One resource's slots on the day.
    Resource(ResourceId),
    /// One day of the resource in week view.
    Day(NaiveDate),
}

/// A column of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// What it holds.
    pub key: ColumnKey,
    pub title: String,
}

/// A row of the grid: a local start time; a second slot starting at the
/// same time in some column takes another row with `first` false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Local start time.
    pub time: NaiveTime,
    /// Whether this is the first row of its time (the one labelled).
    pub first: bool,
}

/// Slots laid out by column and start time; cells index into the slots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Rows, top to bottom.
    pub rows: Vec<Row>,
    /// `cells[row][col]`: the index of the slot there, if any.
    pub cells: Vec<Vec<Option<usize>>>,
}

impl Grid {
    /// Lays out `slots` (any order) in `tz`: one column per resource in
    /// `resources` order, or with `week` one per day from the first date.
    pub fn build(
        slots: &[Slot],
        resources: &[(ResourceId, String)],
        week: Option<NaiveDate>,
        tz: Tz,
    ) -> Self {
        let columns: Vec<Column> = match week {
            Some(from) => from
                .iter_days()
                .take(7)
                .map(|d| Column {
                    key: ColumnKey::Day(d),
                    title: d.format("%a %d %b").to_string(),
                })
                .collect(),
            None => resources
                .iter()
                .map(|(id, name)| Column {
                    key: ColumnKey::Resource(*id),
                    title: name.clone(),
                })
                .collect(),
        };
        let column_of = |s: &Slot| {
            columns.iter().position(|c| match c.key {
                ColumnKey::Resource(r) => s.occurrence.resource_id == r,
                ColumnKey::Day(d) => s.occurrence.date == d,
            })
        };
        let mut placed: Vec<(NaiveTime, usize, usize)> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                Some((
                    s.occurrence.from.with_timezone(&tz).time(),
                    column_of(s)?,
                    i,
                ))
            })
            .collect();
        placed.sort_by_key(|(t, col, i)| (*t, *col, slots[*i].occurrence.to, *i));
        let mut grid = Grid {
            columns,
            ..Grid::default()
        };
        let mut at = 0;
        while at < placed.len() {
            let time = placed[at].0;
            let same: Vec<&(NaiveTime, usize, usize)> =
                placed[at..].iter().take_while(|p| p.0 == time).collect();
            let depth = (0..grid.columns.len())
                .map(|c| same.iter().filter(|p| p.1 == c).count())
                .max()
                .unwrap_or(0);
            let base = grid.rows.len();
            for k in 0..depth {
                grid.rows.push(Row {
                    time,
                    first: k == 0,
                });
                grid.cells.push(vec![None; grid.columns.len()]);
            }
            let mut used = vec![0; grid.columns.len()];
            for (_, col, i) in &same {
                grid.cells[base + used[*col]][*col] = Some(*i);
                used[*col] += 1;
            }
            at += same.len();
        }
        grid
    }

    /// The slot index at a cell.
    pub fn at(&self, cursor: Cursor) -> Option<usize> {
        self.cells
            .get(cursor.row)?
            .get(cursor.col)
            .copied()
            .flatten()
    }

    /// The first filled cell at or after local `time` (for opening today at
    /// the current hour), else the first filled cell.
    pub fn start_at(&self, time: Option<NaiveTime>) -> Cursor {
        let filled = |row: usize| (0..self.columns.len()).find(|&c| self.cells[row][c].is_some());
        let from = time.map_or(0, |t| {
            self.rows.iter().position(|r| r.time >= t).unwrap_or(0)
        });
        (from..self.rows.len())
            .chain(0..from)
            .find_map(|row| filled(row).map(|col| Cursor { row, col }))
            .unwrap_or_default()
    }

    /// The cursor after moving one step (`dr`, `dc` in -1, 0, 1) to the
    /// nearest filled cell in that direction; unchanged if there is none.
    pub fn step(&self, from: Cursor, dr: i32, dc: i32) -> Cursor {
        if dc != 0 {
            let mut col = from.col as i64 + i64::from(dc);
            while col >= 0 && (col as usize) < self.columns.len() {
                let c = col as usize;
                let nearest = (0..self.rows.len())
                    .filter(|&r| self.cells[r][c].is_some())
                    .min_by_key(|&r| (r as i64 - from.row as i64).abs());
                if let Some(row) = nearest {
                    return Cursor { row, col: c };
                }
                col += i64::from(dc);
            }
            return from;
        }
        let mut row = from.row as i64 + i64::from(dr);
        while row >= 0 && (row as usize) < self.rows.len() {
            if self.cells[row as usize][from.col].is_some() {
                return Cursor {
                    row: row as usize,
                    col: from.col,
                };
            }
            row += i64::from(dr);
        }
        from
    }
}

/// A position in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}
