//! Log lines as journald keeps them: when systemd connects stderr to the journal (`JOURNAL_STREAM` is
//! set), each line starts with its syslog priority (`<3>` error, `<4>` warning, `<6>` info, `<7>`
//! debug), which journald stores as the entry's PRIORITY (so `journalctl -p warning` finds them), then
//! the module it came from; no colours and no timestamp (journald adds its own).

use std::fmt;

use bevy::log::{
    BoxedFmtLayer, Level,
    tracing::{Event, Subscriber},
    tracing_subscriber::{
        fmt::{FmtContext, FormatEvent, FormatFields, Layer, format::Writer},
        registry::LookupSpan,
    },
};
use bevy::prelude::*;

/// For `LogPlugin::fmt_layer`: journald's lines under systemd, Bevy's usual ones elsewhere.
pub fn journal_lines(_app: &mut App) -> Option<BoxedFmtLayer> {
    std::env::var_os("JOURNAL_STREAM")?;
    Some(Box::new(
        Layer::default()
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .event_format(JournalLine),
    ))
}

/// The syslog priority journald reads from a line's `<N>` prefix.
pub fn syslog_priority(level: Level) -> u8 {
    match level {
        Level::ERROR => 3,
        Level::WARN => 4,
        Level::INFO => 6,
        _ => 7,
    }
}

struct JournalLine;

impl<S, N> FormatEvent<S, N> for JournalLine
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        context: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let metadata = event.metadata();
        write!(
            writer,
            "<{}>{}: ",
            syslog_priority(*metadata.level()),
            metadata.target()
        )?;
        context
            .field_format()
            .format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io,
        sync::{Arc, Mutex},
    };

    use bevy::log::{
        tracing,
        tracing_subscriber::{Registry, layer::SubscriberExt},
    };

    use super::*;

    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Lines {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn each_line_starts_with_its_syslog_priority_and_has_no_colour_or_time() {
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = Registry::default().with(
            Layer::default()
                .with_writer(move || writer.clone())
                .with_ansi(false)
                .event_format(JournalLine),
        );
        tracing::subscriber::with_default(subscriber, || {
            tracing::error!(target: "station", "no sound for 30 s");
            tracing::warn!(target: "station", "PIN locked");
            tracing::info!(target: "station", "ready");
        });
        let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            text,
            "<3>station: no sound for 30 s\n<4>station: PIN locked\n<6>station: ready\n"
        );
    }
}
