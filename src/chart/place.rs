//! Where to put a label so it covers no data: pixel geometry for label placement (does a
//! box touch a band polygon, a box or a line?), the search over candidate positions, and
//! spreading direct labels (line ends) apart so they do not collide.

use super::boxes::Rect;

/// Something a label must not cover.
#[derive(Debug, Clone)]
pub(crate) enum Obstacle {
    /// A filled polygon (a percentile band), as its outline.
    Polygon(Vec<(i32, i32)>),
    /// A box (a dot, another label).
    Box(Rect),
    /// A polyline (a median, a path).
    Line(Vec<(i32, i32)>),
}

impl Obstacle {
    /// Whether the obstacle touches the box.
    pub fn hits(&self, rect: &Rect) -> bool {
        match self {
            Obstacle::Box(b) => b.overlaps(rect),
            Obstacle::Line(points) => points.windows(2).any(|w| segment_hits(w[0], w[1], rect)),
            Obstacle::Polygon(outline) => polygon_hits(outline, rect),
        }
    }
}

fn inside(p: (i32, i32), r: &Rect) -> bool {
    p.0 >= r.left && p.0 <= r.right && p.1 >= r.top && p.1 <= r.bottom
}

fn cross(o: (i64, i64), a: (i64, i64), b: (i64, i64)) -> i64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

fn segments_cross(a: (i32, i32), b: (i32, i32), c: (i32, i32), d: (i32, i32)) -> bool {
    let w = |p: (i32, i32)| (i64::from(p.0), i64::from(p.1));
    let (a, b, c, d) = (w(a), w(b), w(c), w(d));
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    let on = |o: (i64, i64), p: (i64, i64), q: (i64, i64)| {
        p.0.min(q.0) <= o.0 && o.0 <= p.0.max(q.0) && p.1.min(q.1) <= o.1 && o.1 <= p.1.max(q.1)
    };
    ((d1 > 0) != (d2 > 0) && d1 != 0 && d2 != 0 && (d3 > 0) != (d4 > 0) && d3 != 0 && d4 != 0)
        || (d1 == 0 && on(a, c, d))
        || (d2 == 0 && on(b, c, d))
        || (d3 == 0 && on(c, a, b))
        || (d4 == 0 && on(d, a, b))
}

/// Whether a segment touches a box (an end inside, or crossing an edge).
fn segment_hits(a: (i32, i32), b: (i32, i32), r: &Rect) -> bool {
    if inside(a, r) || inside(b, r) {
        return true;
    }
    let corners = [(r.left, r.top), (r.right, r.top), (r.right, r.bottom), (r.left, r.bottom)];
    (0..4).any(|i| segments_cross(a, b, corners[i], corners[(i + 1) % 4]))
}

/// Even-odd point-in-polygon test.
fn point_in_polygon(p: (i32, i32), outline: &[(i32, i32)]) -> bool {
    let (x, y) = (f64::from(p.0), f64::from(p.1));
    let mut inside = false;
    for i in 0..outline.len() {
        let (a, b) = (outline[i], outline[(i + 1) % outline.len()]);
        let (ax, ay, bx, by) = (f64::from(a.0), f64::from(a.1), f64::from(b.0), f64::from(b.1));
        if (ay > y) != (by > y) && x < ax + (y - ay) / (by - ay) * (bx - ax) {
            inside = !inside;
        }
    }
    inside
}

/// Whether a filled polygon and a box share any pixel.
pub(crate) fn polygon_hits(outline: &[(i32, i32)], r: &Rect) -> bool {
    if outline.is_empty() {
        return false;
    }
    if outline.iter().any(|p| inside(*p, r)) {
        return true;
    }
    let corners = [(r.left, r.top), (r.right, r.top), (r.right, r.bottom), (r.left, r.bottom)];
    if corners.iter().any(|c| point_in_polygon(*c, outline)) {
        return true;
    }
    (0..outline.len()).any(|i| segment_hits(outline[i], outline[(i + 1) % outline.len()], r))
}

/// The first candidate box that lies inside `area` and touches no obstacle.
pub(crate) fn first_free(
    candidates: impl IntoIterator<Item = Rect>,
    area: &Rect,
    obstacles: &[Obstacle],
) -> Option<Rect> {
    candidates.into_iter().find(|c| area.contains(c) && !obstacles.iter().any(|o| o.hits(c)))
}

/// Moves label centres (pixel rows, any order) apart so neighbours are at least `gap`
/// apart, keeping them within `top..=bottom` when there is room; returns them in the
/// input order.
pub(crate) fn spread(wanted: &[i32], gap: i32, top: i32, bottom: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i]);
    let mut placed: Vec<i32> = order.iter().map(|&i| wanted[i].clamp(top, bottom.max(top))).collect();
    for k in 1..placed.len() {
        placed[k] = placed[k].max(placed[k - 1] + gap);
    }
    if let Some(last) = placed.last_mut() {
        *last = (*last).min(bottom);
    }
    for k in (0..placed.len().saturating_sub(1)).rev() {
        placed[k] = placed[k].min(placed[k + 1] - gap);
    }
    let mut out = vec![0; wanted.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = placed[k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(left: i32, top: i32, right: i32, bottom: i32) -> Rect {
        Rect { left, top, right, bottom }
    }

    #[test]
    fn polygons_hit_boxes_inside_across_and_around() {
        let triangle = vec![(0, 100), (100, 0), (100, 100)];
        assert!(polygon_hits(&triangle, &rect(80, 80, 90, 90)), "box inside");
        assert!(polygon_hits(&triangle, &rect(-10, 90, 200, 95)), "box across");
        assert!(polygon_hits(&triangle, &rect(-50, -50, 300, 300)), "polygon inside box");
        assert!(!polygon_hits(&triangle, &rect(0, 0, 30, 30)), "box above the slope");
        assert!(!polygon_hits(&[], &rect(0, 0, 1, 1)));
    }

    #[test]
    fn lines_hit_boxes_they_cross() {
        let line = Obstacle::Line(vec![(0, 0), (100, 100)]);
        assert!(line.hits(&rect(40, 40, 60, 60)));
        assert!(line.hits(&rect(45, 0, 55, 100)));
        assert!(!line.hits(&rect(60, 0, 100, 30)));
    }

    #[test]
    fn first_free_skips_blocked_and_outside_candidates() {
        let area = rect(0, 0, 100, 100);
        let obstacles = [Obstacle::Box(rect(0, 0, 50, 50))];
        let candidates = [rect(10, 10, 20, 20), rect(90, 90, 120, 120), rect(60, 60, 70, 70)];
        assert_eq!(first_free(candidates, &area, &obstacles), Some(rect(60, 60, 70, 70)));
        assert_eq!(first_free([rect(10, 10, 20, 20)], &area, &obstacles), None);
    }

    #[test]
    fn spread_keeps_order_gap_and_bounds() {
        assert_eq!(spread(&[50, 52, 51], 10, 0, 200), [40, 60, 50].map(|v| v + 10));
        let out = spread(&[195, 196, 197], 10, 0, 200);
        let mut sorted = out.clone();
        sorted.sort_unstable();
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 10), "{out:?}");
        assert!(sorted[2] <= 200, "{out:?}");
        assert_eq!(spread(&[], 10, 0, 100), Vec::<i32>::new());
    }
}
