//! The radar chart as a ratatui widget: a braille Canvas with the latest
//! assessment as a solid line and the previous one dotted (they read apart in
//! monochrome too); a group without a value leaves a gap in the outline.
//! Geometry is shared with the text radar in `render::radar`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Context, Line, Points};

use crate::render::radar::geometry::{LABEL_RADIUS, axis_point, radius};
use crate::render::radar::{Glyphs, RadarData, axis_label};

pub struct RadarChart<'a> {
    data: RadarData<'a>,
    latest_color: Color,
    previous_color: Color,
    glyphs: Glyphs,
}

impl<'a> RadarChart<'a> {
    pub fn new(data: RadarData<'a>) -> Self {
        RadarChart {
            data,
            latest_color: Color::Yellow,
            previous_color: Color::Gray,
            glyphs: Glyphs::Braille,
        }
    }

    /// ASCII instead of braille, for consoles whose font has no braille
    /// (older Windows consoles with a Japanese font): the text radar of
    /// `render::radar`, sized to the area.
    #[must_use]
    pub fn glyphs(mut self, glyphs: Glyphs) -> Self {
        self.glyphs = glyphs;
        self
    }

    /// The world bounds for `area`: the chart stays round whatever the area's
    /// shape (a cell is about twice as tall as it is wide).
    pub fn bounds(area: Rect) -> ([f64; 2], [f64; 2]) {
        let w = f64::from(area.width.max(1));
        let h = f64::from(area.height.max(1)) * 2.0;
        let r = LABEL_RADIUS + 0.08;
        if w >= h {
            let k = r * w / h;
            ([-k, k], [-r, r])
        } else {
            let k = r * h / w;
            ([-r, r], [-k, k])
        }
    }
}

fn point(data: &RadarData<'_>, axis: usize, value: f64) -> (f64, f64) {
    axis_point(axis, data.latest.len(), radius(value, data.min, data.max))
}

/// The outline through `values`, skipping every side that touches a gap.
fn outline(data: &RadarData<'_>, values: &[Option<f64>]) -> Vec<((f64, f64), (f64, f64))> {
    let n = values.len();
    (0..n)
        .filter(|&i| n > 2 || i == 0)
        .filter_map(|i| {
            let j = (i + 1) % n;
            let (a, b) = (values[i]?, values[j]?);
            Some((point(data, i, a), point(data, j, b)))
        })
        .collect()
}

/// Dots every `step` along a segment (the dotted line of the previous one).
fn dotted(a: (f64, f64), b: (f64, f64), step: f64) -> Vec<(f64, f64)> {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let n = (len / step).floor().max(1.0) as usize;
    (0..=n)
        .map(|k| {
            let t = k as f64 / n as f64;
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        })
        .collect()
}

impl Widget for RadarChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height < 3 {
            return;
        }
        if self.glyphs == Glyphs::Ascii {
            let rows = usize::from(area.height.min(area.width / 2));
            let lines = crate::render::radar::render(&self.data, rows, Glyphs::Ascii);
            let text: Vec<ratatui::text::Line> =
                lines.into_iter().map(ratatui::text::Line::from).collect();
            ratatui::widgets::Paragraph::new(text).render(area, buf);
            return;
        }
        let (xb, yb) = Self::bounds(area);
        // About three braille dots between the dots of the previous outline.
        let step = 3.0 * (xb[1] - xb[0]) / (f64::from(area.width) * 2.0);
        let data = self.data;
        let n = data.latest.len();
        // Labels are placed by their left edge; half a cell to the right puts
        // a one-character label on the cell of its axis.
        let half_cell = 0.6 * (xb[1] - xb[0]) / f64::from(area.width - 1);
        let paint = |ctx: &mut Context| {
            // Axis tips and the centre.
            let mut ticks: Vec<(f64, f64)> = (0..n).map(|i| axis_point(i, n, 1.0)).collect();
            ticks.push((0.0, 0.0));
            ctx.draw(&Points {
                coords: &ticks,
                color: Color::DarkGray,
            });
            if let Some(prev) = data.previous {
                for (a, b) in outline(&data, prev) {
                    ctx.draw(&Points {
                        coords: &dotted(a, b, step),
                        color: self.previous_color,
                    });
                }
                let lone: Vec<(f64, f64)> = prev
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| point(&data, i, v)))
                    .collect();
                ctx.draw(&Points {
                    coords: &lone,
                    color: self.previous_color,
                });
            }
            ctx.layer();
            // The latest outline twice, the second a dot inside the first:
            // a single braille line is too thin to read the shape at a glance.
            let dot = (xb[1] - xb[0]) / (f64::from(area.width) * 2.0);
            for (a, b) in outline(&data, data.latest) {
                ctx.draw(&Line::new(a.0, a.1, b.0, b.1, self.latest_color));
                let inner = |p: (f64, f64)| {
                    let r = (p.0 * p.0 + p.1 * p.1).sqrt();
                    let k = if r > 2.0 * dot { (r - dot) / r } else { 1.0 };
                    (p.0 * k, p.1 * k)
                };
                let (a, b) = (inner(a), inner(b));
                ctx.draw(&Line::new(a.0, a.1, b.0, b.1, self.latest_color));
            }
            let vertices: Vec<(f64, f64)> = data
                .latest
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| point(&data, i, v)))
                .collect();
            ctx.draw(&Points {
                coords: &vertices,
                color: self.latest_color,
            });
            for i in 0..n {
                let (x, y) = axis_point(i, n, LABEL_RADIUS);
                let style = match data.latest.get(i) {
                    Some(Some(_)) => Style::new().bold(),
                    _ => Style::new().dim(),
                };
                ctx.print(
                    x + half_cell,
                    y,
                    Span::styled(axis_label(i).to_string(), style),
                );
            }
        };
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds(xb)
            .y_bounds(yb)
            .paint(paint)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(latest: &[Option<f64>], w: u16, h: u16) -> Buffer {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        RadarChart::new(RadarData {
            latest,
            previous: None,
            min: 1,
            max: 4,
        })
        .render(area, &mut buf);
        buf
    }

    fn symbol(buf: &Buffer, x: u16, y: u16) -> String {
        buf[(x, y)].symbol().to_string()
    }

    #[test]
    fn full_marks_on_the_top_axis_reach_the_top_centre_cell() {
        // 40×20: bounds ±1.26 across 20 rows, so r = 1 sits in row
        // (1.26 - 1) / 2.52 × 20 ≈ 2, column 20.
        let buf = draw(&[Some(4.0), None, None, None, None, None], 40, 20);
        let top = symbol(&buf, 20, 2);
        assert!(
            top.chars().all(|c| ('\u{2801}'..='\u{28FF}').contains(&c)),
            "{top:?}"
        );
        // Axis 1's label sits above it; the empty axes are still numbered.
        let dump: Vec<String> = (0..20)
            .map(|y| (0..40).map(|x| symbol(&buf, x, y)).collect())
            .collect();
        assert_eq!(symbol(&buf, 20, 0), "1", "{}", dump.join("\n"));
        let text: String = (0..20)
            .flat_map(|y| (0..40).map(move |x| (x, y)))
            .map(|(x, y)| symbol(&buf, x, y))
            .collect();
        for label in ["2", "3", "4", "5", "6"] {
            assert!(text.contains(label), "{label} missing");
        }
    }

    #[test]
    fn the_ascii_fallback_draws_the_text_radar() {
        let area = Rect::new(0, 0, 30, 15);
        let mut buf = Buffer::empty(area);
        let latest = [Some(4.0); 6];
        RadarChart::new(RadarData {
            latest: &latest,
            previous: None,
            min: 1,
            max: 4,
        })
        .glyphs(Glyphs::Ascii)
        .render(area, &mut buf);
        let layout = crate::render::radar::Layout::new(15, Glyphs::Ascii);
        let (c, r) = layout.cell(0, 6, 1.0);
        assert_eq!(symbol(&buf, c as u16, r as u16), "*");
        assert!(buf.content().iter().all(|cell| cell.symbol().is_ascii()));
    }

    #[test]
    fn bounds_keep_the_chart_round() {
        let (x, y) = RadarChart::bounds(Rect::new(0, 0, 40, 10));
        assert!((x[1] / y[1] - 2.0).abs() < 1e-9);
        let (x, y) = RadarChart::bounds(Rect::new(0, 0, 10, 20));
        assert!((y[1] / x[1] - 4.0).abs() < 1e-9);
    }
}
