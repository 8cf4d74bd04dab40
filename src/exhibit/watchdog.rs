//! systemd's watchdog, fed from the game loop: READY once the first frame has run, then WATCHDOG every
//! couple of seconds from the last schedule of a frame. A frozen frame stops the heartbeat and systemd
//! restarts the station; so does a station that has produced no sound for too long (see `health`). Without `NOTIFY_SOCKET` (not under systemd) it does nothing.

use std::{os::unix::net::UnixDatagram, path::PathBuf};

use bevy::prelude::*;

use super::health::AudioWatch;

/// Heartbeats this far apart; the unit's `WatchdogSec` must be several times longer.
const HEARTBEAT_S: f32 = 2.0;

pub(super) fn plugin(app: &mut App) {
    if let Some(notifier) = Notifier::from_env() {
        app.insert_resource(notifier);
    }
    app.add_systems(Last, beat_the_heart.run_if(resource_exists::<Notifier>));
}

/// Where systemd listens for our notifications.
#[derive(Resource, Debug)]
pub struct Notifier {
    socket: UnixDatagram,
    address: NotifyAddress,
    ready: bool,
    since_beat_s: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NotifyAddress {
    Path(PathBuf),
    /// Linux's abstract namespace (`@name`).
    Abstract(Vec<u8>),
}

impl Notifier {
    pub fn from_env() -> Option<Self> {
        let value = std::env::var_os("NOTIFY_SOCKET")?;
        let value = value.to_str()?;
        let address = match value.strip_prefix('@') {
            Some(name) => NotifyAddress::Abstract(name.as_bytes().to_vec()),
            None => NotifyAddress::Path(PathBuf::from(value)),
        };
        let socket = match unbound_socket() {
            Ok(socket) => socket,
            Err(error) => {
                warn!("Watchdog: no socket to notify systemd ({error})");
                return None;
            }
        };
        Some(Self {
            socket,
            address,
            ready: false,
            since_beat_s: 0.0,
        })
    }

    /// Notifications to the datagram socket at `path`, as systemd's would be (a test listening in its
    /// place).
    pub fn to_socket(path: PathBuf) -> std::io::Result<Self> {
        Ok(Self {
            socket: unbound_socket()?,
            address: NotifyAddress::Path(path),
            ready: false,
            since_beat_s: 0.0,
        })
    }

    /// Sends one `sd_notify` message, e.g. `READY=1` or `WATCHDOG=1`.
    pub fn notify(&self, message: &str) -> std::io::Result<()> {
        match &self.address {
            NotifyAddress::Path(path) => self.socket.send_to(message.as_bytes(), path)?,
            NotifyAddress::Abstract(name) => {
                use std::os::linux::net::SocketAddrExt;
                let address = std::os::unix::net::SocketAddr::from_abstract_name(name)?;
                self.socket.send_to_addr(message.as_bytes(), &address)?
            }
        };
        Ok(())
    }
}

/// Never blocking: a systemd that does not read its socket must not freeze the frame that beats.
fn unbound_socket() -> std::io::Result<UnixDatagram> {
    let socket = UnixDatagram::unbound()?;
    socket.set_nonblocking(true)?;
    Ok(socket)
}

fn beat_the_heart(
    time: Res<Time<Real>>,
    mut notifier: ResMut<Notifier>,
    sound: Option<Res<AudioWatch>>,
) {
    notifier.since_beat_s += time.delta_secs();
    let message = if !notifier.ready {
        "READY=1\nSTATUS=Running"
    } else if notifier.since_beat_s >= HEARTBEAT_S
        && sound.is_none_or(|sound| sound.feeds_the_watchdog())
    {
        "WATCHDOG=1"
    } else {
        return;
    };
    match notifier.notify(message) {
        Ok(()) => {
            notifier.ready = true;
            notifier.since_beat_s = 0.0;
        }
        Err(error) => warn!("Watchdog: systemd did not take our heartbeat ({error})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_arrive_on_the_socket_systemd_names() {
        let path = std::env::temp_dir().join(format!("stillness-notify-{}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let systemd = UnixDatagram::bind(&path).unwrap();
        let notifier = Notifier::to_socket(path.clone()).unwrap();
        notifier.notify("WATCHDOG=1").unwrap();
        let mut buffer = [0u8; 64];
        let read = systemd.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..read], b"WATCHDOG=1");
        std::fs::remove_file(&path).unwrap();
    }
}
