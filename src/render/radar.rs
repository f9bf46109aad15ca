//! A radar chart as text: braille dots (2×4 per cell) or plain ASCII.
//!
//! The latest assessment is a solid line, the previous one a dotted line, so
//! the two read apart without colour. A group without a value is a gap: the
//! lines to and from its axis are left out, never drawn to the centre. Axes are
//! numbered at their tips (1, 2, …) to match the group table; the grid holds
//! no wide or ambiguous-width characters, so it lines up in any terminal.

/// Geometry shared by the text radar and the TUI widget.
pub mod geometry {
    /// The point at radius `r` (0–1) on axis `axis` of `axes`: axis 0 points
    /// up, the others follow clockwise. `x` grows right, `y` grows up.
    pub fn axis_point(axis: usize, axes: usize, r: f64) -> (f64, f64) {
        let n = axes.max(1) as f64;
        let angle = std::f64::consts::FRAC_PI_2 - std::f64::consts::TAU * axis as f64 / n;
        (r * angle.cos(), r * angle.sin())
    }

    /// The radius of a score on a `min`–`max` scale: the lowest value sits one
    /// step out from the centre, so a low score still shows and the centre is
    /// left for "nothing".
    pub fn radius(value: f64, min: u8, max: u8) -> f64 {
        let floor = f64::from(min) - 1.0;
        let span = (f64::from(max) - floor).max(1.0);
        ((value - floor) / span).clamp(0.0, 1.0)
    }

    /// Where the labels sit, as a fraction of the full radius.
    pub const LABEL_RADIUS: f64 = 1.18;
}

use geometry::{LABEL_RADIUS, axis_point, radius};

/// What a radar shows: one value (or gap) per axis for the latest assessment,
/// and optionally for the previous one.
#[derive(Debug, Clone, Copy)]
pub struct RadarData<'a> {
    pub latest: &'a [Option<f64>],
    pub previous: Option<&'a [Option<f64>]>,
    pub min: u8,
    pub max: u8,
}

/// The character set of the text radar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    Braille,
    Ascii,
}

/// What a dot belongs to; the highest wins where they overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ink {
    None,
    Tick,
    Previous,
    Latest,
}

/// A dot grid: `cols × rows` cells of `dx × dy` dots each.
struct Grid {
    cols: usize,
    rows: usize,
    dx: usize,
    dy: usize,
    dots: Vec<Ink>,
    labels: Vec<Option<char>>,
}

impl Grid {
    fn new(cols: usize, rows: usize, glyphs: Glyphs) -> Grid {
        let (dx, dy) = match glyphs {
            Glyphs::Braille => (2, 4),
            Glyphs::Ascii => (1, 1),
        };
        Grid {
            cols,
            rows,
            dx,
            dy,
            dots: vec![Ink::None; cols * dx * rows * dy],
            labels: vec![None; cols * rows],
        }
    }

    fn width(&self) -> usize {
        self.cols * self.dx
    }

    fn height(&self) -> usize {
        self.rows * self.dy
    }

    fn set(&mut self, x: i64, y: i64, ink: Ink) {
        let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) else {
            return;
        };
        if x < self.width() && y < self.height() {
            let i = y * self.width() + x;
            self.dots[i] = self.dots[i].max(ink);
        }
    }

    /// A line of dots; `pattern(step)` says which steps are inked.
    fn line(&mut self, a: (i64, i64), b: (i64, i64), ink: Ink, pattern: impl Fn(usize) -> bool) {
        let (mut x, mut y) = a;
        let (dx, dy) = ((b.0 - a.0).abs(), -(b.1 - a.1).abs());
        let (sx, sy) = ((b.0 - a.0).signum(), (b.1 - a.1).signum());
        let mut err = dx + dy;
        let mut step = 0;
        loop {
            if pattern(step) {
                self.set(x, y, ink);
            }
            if (x, y) == b {
                break;
            }
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x += sx;
            }
            if e2 <= dx {
                err += dx;
                y += sy;
            }
            step += 1;
        }
    }

    fn label(&mut self, col: usize, row: usize, c: char) {
        if col < self.cols && row < self.rows {
            self.labels[row * self.cols + col] = Some(c);
        }
    }

    fn cell(&self, col: usize, row: usize, glyphs: Glyphs) -> char {
        if let Some(c) = self.labels[row * self.cols + col] {
            return c;
        }
        let dot =
            |x: usize, y: usize| self.dots[(row * self.dy + y) * self.width() + col * self.dx + x];
        match glyphs {
            Glyphs::Ascii => match dot(0, 0) {
                Ink::None => ' ',
                Ink::Tick => '+',
                Ink::Previous => '.',
                Ink::Latest => '*',
            },
            Glyphs::Braille => {
                // Unicode braille: bit n of the offset from U+2800 is dot n+1.
                const BITS: [[u32; 2]; 4] =
                    [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];
                let mut bits = 0;
                for (y, row_bits) in BITS.iter().enumerate() {
                    for (x, bit) in row_bits.iter().enumerate() {
                        if dot(x, y) != Ink::None {
                            bits |= bit;
                        }
                    }
                }
                if bits == 0 {
                    ' '
                } else {
                    char::from_u32(0x2800 + bits).unwrap_or(' ')
                }
            }
        }
    }
}

/// The label of axis `i`: 1–9, then A, B, …
pub fn axis_label(i: usize) -> char {
    match i {
        0..=8 => char::from(b'1' + i as u8),
        _ => char::from(b'A' + ((i - 9) % 26) as u8),
    }
}

/// The layout of a text radar of `rows` lines: the centre and radius in dots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub cols: usize,
    pub rows: usize,
    glyphs: Glyphs,
    cx: f64,
    cy: f64,
    /// Radius in dots, across and down (ASCII cells are twice as tall as wide).
    rx: f64,
    ry: f64,
}

impl Layout {
    /// A radar `rows` lines high and twice as many columns wide (cells are
    /// about twice as tall as wide, so the chart comes out round).
    pub fn new(rows: usize, glyphs: Glyphs) -> Layout {
        let rows = rows.max(5);
        let cols = rows * 2;
        let (dx, dy) = match glyphs {
            Glyphs::Braille => (2.0, 4.0),
            Glyphs::Ascii => (1.0, 1.0),
        };
        let cx = ((cols as f64 * dx) / 2.0).floor();
        let cy = ((rows as f64 * dy) / 2.0).floor();
        // Leave a cell's room all round for the axis numbers.
        let ry = (cy - dy * 1.0) / LABEL_RADIUS;
        let rx = ry * dx / dy * 2.0;
        Layout {
            cols,
            rows,
            glyphs,
            cx,
            cy,
            rx,
            ry,
        }
    }

    /// The dot at radius `r` on an axis.
    pub fn dot(&self, axis: usize, axes: usize, r: f64) -> (i64, i64) {
        let (x, y) = axis_point(axis, axes, r);
        (
            (self.cx + x * self.rx).round() as i64,
            (self.cy - y * self.ry).round() as i64,
        )
    }

    /// The cell (column, row) that holds the dot at radius `r` on an axis.
    pub fn cell(&self, axis: usize, axes: usize, r: f64) -> (usize, usize) {
        let (x, y) = self.dot(axis, axes, r);
        let (dx, dy) = match self.glyphs {
            Glyphs::Braille => (2, 4),
            Glyphs::Ascii => (1, 1),
        };
        (
            usize::try_from(x).unwrap_or(0) / dx,
            usize::try_from(y).unwrap_or(0) / dy,
        )
    }
}

/// Draws the radar; one string per line, trailing spaces trimmed.
pub fn render(data: &RadarData<'_>, rows: usize, glyphs: Glyphs) -> Vec<String> {
    let layout = Layout::new(rows, glyphs);
    let axes = data.latest.len();
    let mut grid = Grid::new(layout.cols, layout.rows, glyphs);
    // Ticks: the centre and the top of the scale on each axis (more would
    // clutter a chart this small).
    grid.set(layout.cx as i64, layout.cy as i64, Ink::Tick);
    for axis in 0..axes {
        let (x, y) = layout.dot(axis, axes, 1.0);
        grid.set(x, y, Ink::Tick);
    }
    let mut polygon = |values: &[Option<f64>], ink: Ink, pattern: &dyn Fn(usize) -> bool| {
        let n = values.len();
        for i in 0..n {
            let j = (i + 1) % n;
            let (Some(a), Some(b)) = (values[i], values[j]) else {
                continue;
            };
            let pa = layout.dot(i, n, radius(a, data.min, data.max));
            let pb = layout.dot(j, n, radius(b, data.min, data.max));
            if n > 2 || i == 0 {
                grid.line(pa, pb, ink, pattern);
            }
        }
        // A lone value (both neighbours gaps) still shows as a point.
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let (x, y) = layout.dot(i, n, radius(*v, data.min, data.max));
                grid.set(x, y, ink);
            }
        }
    };
    if let Some(prev) = data.previous {
        let dotted: &dyn Fn(usize) -> bool = match glyphs {
            Glyphs::Braille => &|s| s % 3 == 0,
            Glyphs::Ascii => &|s| s % 2 == 0,
        };
        polygon(prev, Ink::Previous, dotted);
    }
    polygon(data.latest, Ink::Latest, &|_| true);
    for axis in 0..axes {
        let (col, row) = layout.cell(axis, axes, LABEL_RADIUS);
        grid.label(col, row, axis_label(axis));
    }
    (0..layout.rows)
        .map(|row| {
            let line: String = (0..layout.cols)
                .map(|col| grid.cell(col, row, glyphs))
                .collect();
            line.trim_end().to_string()
        })
        .collect()
}

/// The same lines without the blank rows above and below the chart.
pub fn trimmed(lines: Vec<String>) -> Vec<String> {
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines
        .get(first..last)
        .map(<[String]>::to_vec)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data<'a>(latest: &'a [Option<f64>], previous: Option<&'a [Option<f64>]>) -> RadarData<'a> {
        RadarData {
            latest,
            previous,
            min: 1,
            max: 4,
        }
    }

    #[test]
    fn axis_zero_points_up_and_the_rest_go_clockwise() {
        let (x, y) = geometry::axis_point(0, 4, 1.0);
        assert!(x.abs() < 1e-9 && (y - 1.0).abs() < 1e-9);
        let (x, y) = geometry::axis_point(1, 4, 1.0);
        assert!((x - 1.0).abs() < 1e-9 && y.abs() < 1e-9);
        assert!((geometry::radius(4.0, 1, 4) - 1.0).abs() < 1e-9);
        assert!((geometry::radius(1.0, 1, 4) - 0.25).abs() < 1e-9);
    }

    #[test]
    fn known_answers_put_their_points_in_known_cells() {
        // Six axes; the top axis at full marks, the bottom one at the lowest.
        let latest = [
            Some(4.0),
            Some(2.5),
            Some(2.5),
            Some(1.0),
            Some(2.5),
            Some(2.5),
        ];
        let lines = render(&data(&latest, None), 15, Glyphs::Ascii);
        let layout = Layout::new(15, Glyphs::Ascii);
        assert_eq!((layout.cols, layout.rows), (30, 15));
        // Centre (15, 7); radius down 6 / 1.18 ≈ 5.08 rows.
        assert_eq!(layout.cell(0, 6, 1.0), (15, 2));
        assert_eq!(layout.cell(3, 6, 0.25), (15, 8));
        let at = |(c, r): (usize, usize)| lines[r].chars().nth(c).unwrap_or(' ');
        assert_eq!(at((15, 2)), '*');
        assert_eq!(at((15, 8)), '*');
        // The axis numbers sit beyond the tips.
        assert_eq!(at(layout.cell(0, 6, geometry::LABEL_RADIUS)), '1');
        assert_eq!(at(layout.cell(3, 6, geometry::LABEL_RADIUS)), '4');
        // The top cell holds the full-marks dot in braille too.
        let braille = render(&data(&latest, None), 15, Glyphs::Braille);
        let blayout = Layout::new(15, Glyphs::Braille);
        let (c, r) = blayout.cell(0, 6, 1.0);
        let ch = braille[r].chars().nth(c).unwrap();
        assert!(('\u{2801}'..='\u{28FF}').contains(&ch), "{ch:?}");
        let (x, y) = blayout.dot(0, 6, 1.0);
        let bit = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]][(y % 4) as usize]
            [(x % 2) as usize];
        assert_ne!(
            (ch as u32 - 0x2800) & bit,
            0,
            "dot ({x},{y}) not set in {ch}"
        );
    }

    #[test]
    fn a_gap_is_left_open_not_drawn_to_the_centre() {
        let full = [Some(4.0); 6];
        let gap = [Some(4.0), Some(4.0), Some(4.0), None, Some(4.0), Some(4.0)];
        let layout = Layout::new(15, Glyphs::Ascii);
        let with_gap = render(&data(&gap, None), 15, Glyphs::Ascii);
        let without = render(&data(&full, None), 15, Glyphs::Ascii);
        let at = |lines: &[String], (c, r): (usize, usize)| lines[r].chars().nth(c).unwrap_or(' ');
        let bottom = layout.cell(3, 6, 1.0);
        assert_eq!(at(&without, bottom), '*');
        assert_ne!(at(&with_gap, bottom), '*');
        // Nothing of the latest line between the centre and the missing tip.
        for r in [0.4, 0.6, 0.8] {
            assert_ne!(at(&with_gap, layout.cell(3, 6, r)), '*');
        }
        let stars = |lines: &[String]| {
            lines
                .iter()
                .flat_map(|l| l.chars())
                .filter(|c| *c == '*')
                .count()
        };
        assert!(stars(&with_gap) < stars(&without));
    }

    #[test]
    fn the_previous_assessment_is_dotted_and_latest_wins_where_they_meet() {
        let latest = [Some(4.0); 6];
        let previous = [Some(2.0); 6];
        let lines = render(&data(&latest, Some(&previous)), 15, Glyphs::Ascii);
        let text = lines.join("\n");
        assert!(text.contains('.'), "{text}");
        assert!(text.contains('*'));
        let layout = Layout::new(15, Glyphs::Ascii);
        let (c, r) = layout.cell(0, 6, geometry::radius(2.0, 1, 4));
        assert_eq!(lines[r].chars().nth(c), Some('.'));
        // Every line is ASCII in ASCII mode, and never wider than the layout.
        assert!(lines.iter().all(|l| l.is_ascii() && l.len() <= layout.cols));
    }
}
