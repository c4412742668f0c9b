//! The plan's cameras, read from the keyframes' poses: where a point seen at the shot's
//! start is seen at a later keyframe, and back. Statements of the storyboard speak of the
//! screen of the shot's starting camera; with these the validator compares them in the
//! frame each keyframe's camera defines instead of skipping them while the camera moves.

use crate::ir::CameraFrame;

/// Nearest distance in front of a camera at which a point still projects, metres.
const NEAR: f64 = 0.05;

/// Screen positions sampled across the frame for [`Lens::carries_out`].
const SAMPLES: [f64; 5] = [0.02, 0.26, 0.5, 0.74, 0.98];

/// Distances sampled for [`Lens::carries_out`], metres.
const DEPTHS: [f64; 9] = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 1000.0];

/// One keyframe's camera: world-to-camera `[R|t]` and focal lengths as fractions of the
/// image width and height (x right, y down, z forward).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lens {
    r: [[f64; 3]; 3],
    t: [f64; 3],
    fx: f64,
    fy: f64,
}

/// Which frame edges a box lies beyond: left, top, right, bottom.
pub type Edges = [bool; 4];

impl Lens {
    /// The camera of a keyframe.
    pub fn of(frame: &CameraFrame) -> Self {
        let p = frame.pose;
        Self {
            r: [
                [p[0][0], p[0][1], p[0][2]],
                [p[1][0], p[1][1], p[1][2]],
                [p[2][0], p[2][1], p[2][2]],
            ],
            t: [p[0][3], p[1][3], p[2][3]],
            fx: frame.fx,
            fy: frame.fy,
        }
    }

    /// Focal length as a fraction of the image height.
    pub fn fy(&self) -> f64 {
        self.fy
    }

    /// The world point seen at screen `(u, v)` at distance `z` along the camera axis.
    pub fn unproject(&self, u: f64, v: f64, z: f64) -> [f64; 3] {
        let c = [(u - 0.5) / self.fx * z, (v - 0.5) / self.fy * z, z];
        let d = [c[0] - self.t[0], c[1] - self.t[1], c[2] - self.t[2]];
        // R is a rotation: its inverse is its transpose.
        std::array::from_fn(|i| (0..3).map(|k| self.r[k][i] * d[k]).sum())
    }

    /// Screen position and distance along the axis of a world point, or `None` behind the
    /// camera.
    pub fn project(&self, world: &[f64; 3]) -> Option<(f64, f64, f64)> {
        let c: [f64; 3] = std::array::from_fn(|i| {
            (0..3).map(|k| self.r[i][k] * world[k]).sum::<f64>() + self.t[i]
        });
        (c[2] >= NEAR).then(|| {
            (
                0.5 + self.fx * c[0] / c[2],
                0.5 + self.fy * c[1] / c[2],
                c[2],
            )
        })
    }

    /// Which edges of this camera's frame some point on screen in `start`'s frame (at some
    /// distance) lies beyond: how far the move from `start` to this camera can carry things
    /// out of the picture. A point carried behind the camera counts for every edge.
    pub fn carries_out(&self, start: &Lens) -> Edges {
        let mut out = [false; 4];
        for &u in &SAMPLES {
            for &v in &SAMPLES {
                for &z in &DEPTHS {
                    match self.project(&start.unproject(u, v, z)) {
                        None => return [true; 4],
                        Some((x, y, _)) => {
                            let beyond = beyond(&[x, y, x, y]);
                            for (o, b) in out.iter_mut().zip(beyond) {
                                *o |= b;
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// The edges a (clipped) plan box lies on the far side of: a box with no area left in the
/// frame sits on the edge it went out by.
pub fn beyond(b: &[f64; 4]) -> Edges {
    const EDGE: f64 = 1e-6;
    [
        b[2] <= EDGE,
        b[3] <= EDGE,
        b[0] >= 1.0 - EDGE,
        b[1] >= 1.0 - EDGE,
    ]
}

/// Whether a hidden plan box went out of the frame by an edge the camera's move from
/// `start` to `now` carries things across.
pub fn explains_hidden(start: &Lens, now: &Lens, bbox: &[f64; 4]) -> bool {
    let gone = beyond(bbox);
    let reachable = now.carries_out(start);
    gone.iter().zip(reachable).any(|(g, r)| *g && r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::MoveKind;

    fn frame(yaw_deg: f64, x: f64, fx: f64) -> CameraFrame {
        // Camera-to-world rotation about y by yaw; world-to-camera is its transpose.
        let (s, c) = yaw_deg.to_radians().sin_cos();
        let r = [[c, 0.0, -s], [0.0, 1.0, 0.0], [s, 0.0, c]];
        let centre = [x, 0.0, 0.0];
        let t: [f64; 3] =
            std::array::from_fn(|i| -(0..3).map(|k| r[i][k] * centre[k]).sum::<f64>());
        CameraFrame {
            kind: MoveKind::Pan,
            direction: None,
            progress: 0.0,
            pose: std::array::from_fn(|i| [r[i][0], r[i][1], r[i][2], t[i]]),
            fx,
            fy: fx * 16.0 / 9.0,
        }
    }

    #[test]
    fn a_point_projects_back_where_it_was_seen() {
        let lens = Lens::of(&frame(20.0, 1.5, 0.9));
        let world = lens.unproject(0.3, 0.7, 4.0);
        let (u, v, z) = lens.project(&world).expect("in front");
        assert!((u - 0.3).abs() < 1e-12 && (v - 0.7).abs() < 1e-12 && (z - 4.0).abs() < 1e-12);
    }

    #[test]
    fn a_pan_right_carries_things_out_by_the_left_edge_only() {
        let start = Lens::of(&frame(0.0, 0.0, 0.87));
        let panned = Lens::of(&frame(30.0, 0.0, 0.87));
        let edges = panned.carries_out(&start);
        // Points near the top and bottom corners also leave upwards and downwards.
        assert!(edges[0] && !edges[2], "{edges:?}");
        let hidden_left = [0.0, 0.4, 0.0, 0.8];
        let hidden_right = [1.0, 0.4, 1.0, 0.8];
        assert!(explains_hidden(&start, &panned, &hidden_left));
        assert!(!explains_hidden(&start, &panned, &hidden_right));
        assert!(
            !explains_hidden(&start, &panned, &[0.4, 0.4, 0.6, 0.8]),
            "a box in the middle of the frame is not out of it"
        );
    }

    #[test]
    fn a_camera_that_has_not_moved_carries_nothing_out() {
        let start = Lens::of(&frame(0.0, 0.0, 0.87));
        assert_eq!(start.carries_out(&start), [false; 4]);
    }

    #[test]
    fn a_truck_left_carries_near_things_out_by_the_right_edge() {
        let start = Lens::of(&frame(0.0, 0.0, 0.87));
        let trucked = Lens::of(&frame(0.0, -2.0, 0.87));
        assert_eq!(trucked.carries_out(&start), [false, false, true, false]);
    }
}
