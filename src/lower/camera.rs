//! Camera moves → a world-to-camera pose and focal length at any time of a shot.
//!
//! # Axes and signs
//!
//! OpenCV / RealEstate10K / CameraCtrl convention: camera axes **x right, y down, z forward**
//! (the viewing direction). The world frame of a shot is the level frame of the camera's
//! starting position: origin at the camera, y pointing down (gravity), z forward
//! horizontally. A pose is the 3×4 world-to-camera matrix `[R|t]` with `X_cam = R·X_world + t`;
//! the camera's orientation in the world is `R_c2w = Ry(yaw)·Rx(pitch)·Rz(roll)` and its
//! centre `C` gives `t = −R·C`.
//!
//! - yaw > 0 turns the camera **right** (pan right; world points move left in the image);
//!   pan left is yaw < 0 and moves world points right in the image;
//! - pitch > 0 tilts the camera **up** (tilt up; points move down in the image);
//! - roll > 0 rolls the camera **clockwise** as the camera sees it (the image turns
//!   counter-clockwise);
//! - dolly in moves `C` along +z, truck right along +x, pedestal up along −y;
//! - zoom multiplies the focal lengths `fx`, `fy` (fractions of the image width / height);
//!   the camera does not move;
//! - orbit right / counter-clockwise (seen from above) moves the camera right around a
//!   point at the target's depth straight ahead and yaws it to keep that point centred;
//!   orbit left / clockwise is the mirror image;
//! - crane up raises `C` (−y) and pitches down to keep the target's depth centred;
//! - follow trucks with the target (direction given, else the direction of the target's
//!   path); handheld adds a small deterministic shake.
//!
//! The shot's `angle` sets the starting pitch and roll (high: −15°, low: +12°, overhead:
//! −90°, worm's-eye: +35°, Dutch: 15° roll). Speeds are rates per second (below), so a
//! longer move goes further; each move's progress follows the plan's easing curve.

use crate::ir::{Angle, CameraMove, Direction, Easing, MoveKind, Shot, Speed};

use super::easing::{ease, progress};

/// Horizontal field of view of the unzoomed camera, in degrees.
pub const BASE_HFOV_DEG: f64 = 60.0;

/// Distance to the camera target when the shot names none, in metres.
pub const DEFAULT_TARGET_DEPTH: f64 = 5.0;

/// A 3×3 rotation matrix, rows first.
pub type Mat3 = [[f64; 3]; 3];

/// A 3-vector.
pub type Vec3 = [f64; 3];

/// The camera at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraState {
    /// Camera-to-world rotation.
    pub r_c2w: Mat3,
    /// Camera centre in world coordinates, metres.
    pub centre: Vec3,
    /// Focal length as a fraction of the image width.
    pub fx: f64,
    /// Focal length as a fraction of the image height.
    pub fy: f64,
}

impl CameraState {
    /// The 3×4 world-to-camera matrix `[R|t]`.
    pub fn pose(&self) -> [[f64; 4]; 3] {
        let r = transpose(&self.r_c2w);
        let t = mul_vec(&r, &self.centre);
        let mut pose = [[0.0; 4]; 3];
        for (row, (r_row, t_i)) in pose.iter_mut().zip(r.iter().zip(t)) {
            row[..3].copy_from_slice(r_row);
            row[3] = -t_i;
        }
        pose
    }

    /// A world point in camera coordinates.
    pub fn to_camera(&self, world: &Vec3) -> Vec3 {
        let d = [
            world[0] - self.centre[0],
            world[1] - self.centre[1],
            world[2] - self.centre[2],
        ];
        mul_vec(&transpose(&self.r_c2w), &d)
    }

    /// A camera-coordinate point in world coordinates.
    pub fn to_world(&self, cam: &Vec3) -> Vec3 {
        let r = mul_vec(&self.r_c2w, cam);
        [
            r[0] + self.centre[0],
            r[1] + self.centre[1],
            r[2] + self.centre[2],
        ]
    }
}

/// The camera of one shot, evaluated at any time from the shot start.
#[derive(Debug, Clone)]
pub struct ShotCamera<'a> {
    moves: &'a [CameraMove],
    angle: Angle,
    easing: Easing,
    base_fx: f64,
    base_fy: f64,
    target_depth: f64,
    follow_sign: f64,
}

impl<'a> ShotCamera<'a> {
    /// The camera of `shot` for an image of `aspect` = width / height. `target_depth` is the
    /// distance to the move target (orbit and crane pivot); `follow_sign` is +1 when the
    /// followed subject moves right, −1 when it moves left.
    pub fn new(
        shot: &'a Shot,
        easing: Easing,
        aspect: f64,
        target_depth: f64,
        follow_sign: f64,
    ) -> Self {
        let base_fx = 0.5 / (BASE_HFOV_DEG.to_radians() / 2.0).tan();
        Self {
            moves: &shot.camera,
            angle: shot.angle,
            easing,
            base_fx,
            base_fy: base_fx * aspect,
            target_depth: if target_depth.is_finite() && target_depth > 0.1 {
                target_depth
            } else {
                DEFAULT_TARGET_DEPTH
            },
            follow_sign: if follow_sign < 0.0 { -1.0 } else { 1.0 },
        }
    }

    /// The camera before any move (the shot's first frame).
    pub fn initial(&self) -> CameraState {
        self.at(f64::NEG_INFINITY)
    }

    /// The camera `t` seconds after the shot start.
    pub fn at(&self, t: f64) -> CameraState {
        let (mut pitch, mut roll) = initial_pitch_roll(self.angle);
        let mut yaw = 0.0;
        let mut centre = [0.0; 3];
        let mut zoom = 1.0;
        for m in self.moves {
            let duration = (m.end_s - m.start_s).max(0.0);
            let u = if t.is_finite() {
                ease(self.easing, progress(t, m.start_s, m.end_s))
            } else {
                0.0
            };
            let sign = direction_sign(m);
            let amount = |rates: [f64; 3], cap: f64| (rate(m.speed, rates) * duration).min(cap) * u;
            match m.kind {
                MoveKind::Static => {}
                MoveKind::Pan => yaw += sign * amount([8.0, 15.0, 30.0], 90.0).to_radians(),
                MoveKind::Tilt => pitch += sign * amount([6.0, 12.0, 24.0], 60.0).to_radians(),
                MoveKind::Roll => roll += sign * amount([10.0, 20.0, 40.0], 180.0).to_radians(),
                MoveKind::Zoom => {
                    let total = rate(m.speed, [1.06, 1.12, 1.25]).powf(duration).min(4.0);
                    zoom *= total.powf(sign * u);
                }
                MoveKind::Dolly => {
                    let cap = if sign > 0.0 {
                        0.8 * self.target_depth
                    } else {
                        3.0 * self.target_depth
                    };
                    centre[2] += sign * amount([0.25, 0.6, 1.2], cap);
                }
                MoveKind::Truck => centre[0] += sign * amount([0.25, 0.6, 1.2], 20.0),
                MoveKind::Pedestal => centre[1] -= sign * amount([0.15, 0.35, 0.7], 5.0),
                MoveKind::Follow => {
                    let (axis, s) = match m.direction {
                        Some(Direction::In) => (2, 1.0),
                        Some(Direction::Out) => (2, -1.0),
                        Some(Direction::Left) => (0, -1.0),
                        Some(Direction::Right) => (0, 1.0),
                        _ => (0, self.follow_sign),
                    };
                    centre[axis] += s * amount([0.4, 0.9, 1.8], 30.0);
                }
                MoveKind::Orbit => {
                    let a = sign * amount([8.0, 15.0, 30.0], 360.0).to_radians();
                    let d = self.target_depth;
                    centre[0] += d * a.sin();
                    centre[2] += d - d * a.cos();
                    yaw -= a;
                }
                MoveKind::Crane => {
                    let h = sign * amount([0.3, 0.6, 1.2], 10.0);
                    centre[1] -= h;
                    pitch -= h.atan2(self.target_depth);
                }
                MoveKind::Handheld => {
                    if t >= m.start_s && t <= m.end_s {
                        let s = t - m.start_s;
                        let tau = std::f64::consts::TAU;
                        yaw += 0.6_f64.to_radians() * (tau * 0.9 * s).sin();
                        pitch += 0.4_f64.to_radians() * (tau * 1.3 * s + 1.0).sin();
                        roll += 0.3_f64.to_radians() * (tau * 0.7 * s + 2.0).sin();
                        centre[0] += 0.01 * (tau * 1.1 * s + 0.5).sin();
                        centre[1] += 0.01 * (tau * 1.7 * s + 1.5).sin();
                    }
                }
            }
        }
        CameraState {
            r_c2w: mul(&mul(&rot_y(yaw), &rot_x(pitch)), &rot_z(roll)),
            centre,
            fx: self.base_fx * zoom,
            fy: self.base_fy * zoom,
        }
    }

    /// The move under way at `t` (the latest started when several overlap) and its eased
    /// progress.
    pub fn active(&self, t: f64) -> Option<(&'a CameraMove, f64)> {
        self.moves
            .iter()
            .filter(|m| m.start_s <= t && t <= m.end_s && m.kind != MoveKind::Static)
            .max_by(|a, b| a.start_s.total_cmp(&b.start_s))
            .map(|m| (m, ease(self.easing, progress(t, m.start_s, m.end_s))))
    }
}

/// +1 or −1: the sign a move's direction gives its parameter (see the module docs).
fn direction_sign(m: &CameraMove) -> f64 {
    match (m.kind, m.direction) {
        (MoveKind::Orbit, Some(Direction::Left | Direction::Clockwise)) => -1.0,
        (MoveKind::Orbit, _) => 1.0,
        (MoveKind::Roll, Some(Direction::Counterclockwise | Direction::Left)) => -1.0,
        (
            _,
            Some(Direction::Left | Direction::Down | Direction::Out | Direction::Counterclockwise),
        ) => -1.0,
        _ => 1.0,
    }
}

fn rate(speed: Speed, rates: [f64; 3]) -> f64 {
    match speed {
        Speed::Slow => rates[0],
        Speed::Medium => rates[1],
        Speed::Fast => rates[2],
    }
}

fn initial_pitch_roll(angle: Angle) -> (f64, f64) {
    let (pitch, roll): (f64, f64) = match angle {
        Angle::EyeLevel => (0.0, 0.0),
        Angle::High => (-15.0, 0.0),
        Angle::Low => (12.0, 0.0),
        Angle::Overhead => (-90.0, 0.0),
        Angle::WormsEye => (35.0, 0.0),
        Angle::Dutch => (0.0, 15.0),
    };
    (pitch.to_radians(), roll.to_radians())
}

/// Rotation about the y axis by `a` radians: turns +z towards +x.
pub fn rot_y(a: f64) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]]
}

/// Rotation about the x axis by `a` radians: turns +z towards −y (up).
pub fn rot_x(a: f64) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]]
}

/// Rotation about the z axis by `a` radians: turns +x towards +y.
pub fn rot_z(a: f64) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
}

/// Matrix product `a·b`.
pub fn mul(a: &Mat3, b: &Mat3) -> Mat3 {
    let mut out = [[0.0; 3]; 3];
    for (i, row) in out.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    out
}

/// Matrix-vector product `a·v`.
pub fn mul_vec(a: &Mat3, v: &Vec3) -> Vec3 {
    [
        a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
        a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
        a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2],
    ]
}

/// The transpose (for a rotation, its inverse).
pub fn transpose(a: &Mat3) -> Mat3 {
    [
        [a[0][0], a[1][0], a[2][0]],
        [a[0][1], a[1][1], a[2][1]],
        [a[0][2], a[1][2], a[2][2]],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rot_x_positive_tilts_the_view_up() {
        let forward = mul_vec(&rot_x(0.3), &[0.0, 0.0, 1.0]);
        assert!(
            forward[1] < 0.0,
            "y is down, so up is negative y: {forward:?}"
        );
    }

    #[test]
    fn rot_z_positive_turns_x_towards_y() {
        let x = mul_vec(&rot_z(0.3), &[1.0, 0.0, 0.0]);
        assert!(x[1] > 0.0);
    }
}
