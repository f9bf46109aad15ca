//! The radar as an SVG picture: the latest assessment filled and solid, the
//! previous one outlined and dashed, a group that was not assessed a gap in
//! the line (never drawn as zero), the groups' labels around it.

use std::f64::consts::PI;
use std::fmt::Write;

use super::esc;
use crate::render::radar::RadarData;

/// Radius of the outermost ring, in SVG units.
const R: f64 = 120.0;

/// Where axis `i` of `n` points at fraction `t` of the radius (the first axis
/// straight up, then clockwise).
fn point(i: usize, n: usize, t: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * (i as f64) / (n as f64);
    (R * t * angle.cos(), R * t * angle.sin())
}

fn fraction(v: f64, min: u8, max: u8) -> f64 {
    let span = f64::from(max.saturating_sub(min)).max(1.0);
    ((v - f64::from(min)) / span).clamp(0.0, 1.0)
}

/// `M x y L x y …` for the runs of assessed neighbours; a closed ring (`Z`)
/// when every group was assessed.
fn outline(values: &[Option<f64>], min: u8, max: u8) -> String {
    let n = values.len();
    let pts: Vec<Option<(f64, f64)>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| point(i, n, fraction(v, min, max))))
        .collect();
    let mut d = String::new();
    if pts.iter().all(Option::is_some) {
        for (i, p) in pts.iter().flatten().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1} ",
                if i == 0 { 'M' } else { 'L' },
                p.0,
                p.1
            );
        }
        d.push('Z');
        return d;
    }
    for i in 0..n {
        if let (Some(a), Some(b)) = (pts[i], pts[(i + 1) % n]) {
            let _ = write!(d, "M{:.1} {:.1} L{:.1} {:.1} ", a.0, a.1, b.0, b.1);
        }
    }
    d.trim_end().to_string()
}

/// The filled area: the whole ring, or wedges between assessed neighbours.
fn area(values: &[Option<f64>], min: u8, max: u8) -> String {
    let n = values.len();
    if values.iter().all(Option::is_some) {
        return outline(values, min, max);
    }
    let mut d = String::new();
    for i in 0..n {
        if let (Some(a), Some(b)) = (values[i], values[(i + 1) % n]) {
            let a = point(i, n, fraction(a, min, max));
            let b = point((i + 1) % n, n, fraction(b, min, max));
            let _ = write!(d, "M0 0 L{:.1} {:.1} L{:.1} {:.1} Z ", a.0, a.1, b.0, b.1);
        }
    }
    d.trim_end().to_string()
}

fn dots(values: &[Option<f64>], min: u8, max: u8, class: &str) -> String {
    let n = values.len();
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let (x, y) = point(i, n, fraction(*v, min, max));
            let _ = write!(
                out,
                "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\"/>"
            );
        }
    }
    out
}

/// The picture; `labels` are the groups' short names, in axis order, and
/// `title` its accessible name.
pub fn svg(data: &RadarData<'_>, labels: &[String], title: &str) -> String {
    let n = data.latest.len().max(3);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-275 -160 550 320\" \
         role=\"img\" class=\"radar\"><title>{}</title>\
         <style>.grid{{fill:none;stroke:#bbb;stroke-width:0.8}}\
         .axis{{stroke:#999;stroke-width:0.8}}\
         .latest-area{{fill:rgba(0,90,180,0.35);stroke:none}}\
         .latest-line{{fill:none;stroke:#005ab4;stroke-width:2.2;stroke-linejoin:round}}\
         .previous-line{{fill:none;stroke:#555;stroke-width:1.6;stroke-dasharray:5 4}}\
         circle.latest{{fill:#005ab4}} circle.previous{{fill:#555}}\
         text{{font-size:11px;fill:#000}} text.tick{{font-size:8px;fill:#777}}</style>",
        esc(title)
    );
    // Rings at every scale value, and the axes.
    for v in data.min..=data.max {
        let t = fraction(f64::from(v), data.min, data.max);
        if t <= 0.0 {
            continue;
        }
        let ring: Vec<Option<f64>> = vec![Some(f64::from(v)); n];
        let _ = write!(
            s,
            "<path class=\"grid\" d=\"{}\"/>",
            outline(&ring, data.min, data.max)
        );
        let (x, y) = point(0, n, t);
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\">{v}</text>",
            x + 3.0,
            y + 3.0
        );
    }
    for i in 0..n {
        let (x, y) = point(i, n, 1.0);
        let _ = write!(
            s,
            "<line class=\"axis\" x1=\"0\" y1=\"0\" x2=\"{x:.1}\" y2=\"{y:.1}\"/>"
        );
        let (lx, ly) = point(i, n, 1.13);
        let anchor = if lx.abs() < 1.0 {
            "middle"
        } else if lx > 0.0 {
            "start"
        } else {
            "end"
        };
        let label = labels.get(i).map_or(String::new(), |l| esc(l));
        let _ = write!(
            s,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}. {label}</text>",
            ly + 4.0,
            i + 1
        );
    }
    if let Some(prev) = data.previous {
        let _ = write!(
            s,
            "<g class=\"series previous\"><path class=\"previous-line\" d=\"{}\"/>{}</g>",
            outline(prev, data.min, data.max),
            dots(prev, data.min, data.max, "previous")
        );
    }
    let _ = write!(
        s,
        "<g class=\"series latest\"><path class=\"latest-area\" d=\"{}\"/>\
         <path class=\"latest-line\" d=\"{}\"/>{}</g>",
        area(data.latest, data.min, data.max),
        outline(data.latest, data.min, data.max),
        dots(data.latest, data.min, data.max, "latest")
    );
    s.push_str("</svg>");
    s
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
    fn a_full_assessment_is_one_closed_ring() {
        let latest = [Some(4.0), Some(2.5), Some(1.0)];
        let svg = svg(&data(&latest, None), &[], "t");
        assert_eq!(svg.matches("class=\"series").count(), 1);
        assert!(svg.contains("latest-line\" d=\"M0.0 -120.0 L"));
        // The lowest value sits at the centre, not off the chart.
        assert!(svg.contains("L0.0 0.0 Z") || svg.contains("L-0.0 0.0 Z"));
    }

    #[test]
    fn a_group_not_assessed_is_a_gap_not_a_zero() {
        let latest = [Some(3.0), None, Some(3.0), Some(3.0)];
        let out = outline(&latest, 1, 4);
        // Segments only between assessed neighbours: 3→4 and 4→1 (two).
        assert_eq!(out.matches('M').count(), 2, "{out}");
        assert!(!out.contains('Z'));
        let prev = [Some(2.0), Some(2.0), Some(2.0), Some(2.0)];
        let svg = svg(&data(&latest, Some(&prev)), &[], "t");
        assert_eq!(svg.matches("class=\"series").count(), 2);
        assert!(svg.contains("stroke-dasharray"));
    }

    #[test]
    fn labels_are_escaped() {
        let latest = [Some(1.0), Some(1.0), Some(1.0)];
        let labels = vec!["<b>".to_string(), "職場".into(), "家庭".into()];
        let svg = svg(&data(&latest, None), &labels, "t");
        assert!(svg.contains("1. &lt;b&gt;") && svg.contains("2. 職場"));
    }
}
