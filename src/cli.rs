//! The command line: `stillness` opens on the title screen, `stillness play` starts in any place.

use clap::{Parser, Subcommand, ValueEnum};

use crate::{
    Opening,
    scenes::{Place, gig::GigBeat},
};

/// A first-person experience of losing your hearing, heard through the drummer's failing ears.
#[derive(Parser, Debug)]
#[command(name = "stillness", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start in a place, skipping the title screen.
    Play(PlayArgs),
}

#[derive(clap::Args, Debug)]
pub struct PlayArgs {
    /// The place to start in.
    #[arg(long, value_enum, default_value_t = PlaceArg::Gig)]
    pub place: PlaceArg,
    /// Where in the gig's story to start (only with `--place gig`).
    #[arg(long, value_enum)]
    pub beat: Option<GigBeatArg>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceArg {
    Gig,
    Morning,
    House,
    Stillness,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GigBeatArg {
    /// Behind the merch table with the singer, hearing still normal.
    MerchTable,
    /// The moment the ringing starts.
    Onset,
    /// Standing in the room, facing the stage, on the way to the kit.
    Stage,
    /// Seated at the kit as the set begins.
    Set,
}

impl From<PlaceArg> for Place {
    fn from(place: PlaceArg) -> Self {
        match place {
            PlaceArg::Gig => Place::Gig,
            PlaceArg::Morning => Place::Morning,
            PlaceArg::House => Place::House,
            PlaceArg::Stillness => Place::Stillness,
        }
    }
}

impl From<GigBeatArg> for GigBeat {
    fn from(beat: GigBeatArg) -> Self {
        match beat {
            GigBeatArg::MerchTable => GigBeat::MerchTable,
            GigBeatArg::Onset => GigBeat::Onset,
            GigBeatArg::Stage => GigBeat::WalkToStage,
            GigBeatArg::Set => GigBeat::Set,
        }
    }
}

impl Cli {
    /// Where the app opens, or why the arguments do not make sense together.
    pub fn opening(&self) -> Result<Opening, String> {
        match &self.command {
            None => Ok(Opening::Title),
            Some(Command::Play(PlayArgs { place, beat: None })) => {
                Ok(Opening::Place((*place).into()))
            }
            Some(Command::Play(PlayArgs {
                place: PlaceArg::Gig,
                beat: Some(beat),
            })) => Ok(Opening::Gig((*beat).into())),
            Some(Command::Play(PlayArgs {
                place,
                beat: Some(_),
            })) => Err(format!(
                "--beat only applies to the gig, not to {}",
                place
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_string())
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(args: &[&str]) -> Result<Opening, String> {
        Cli::try_parse_from(args)
            .map_err(|e| e.to_string())?
            .opening()
    }

    #[test]
    fn no_arguments_open_on_the_title_screen() {
        assert_eq!(opening(&["stillness"]), Ok(Opening::Title));
    }

    #[test]
    fn play_starts_in_the_named_place() {
        assert_eq!(
            opening(&["stillness", "play", "--place", "morning"]),
            Ok(Opening::Place(Place::Morning))
        );
        assert_eq!(
            opening(&["stillness", "play"]),
            Ok(Opening::Place(Place::Gig))
        );
    }

    #[test]
    fn play_can_start_the_gig_at_the_stage() {
        assert_eq!(
            opening(&["stillness", "play", "--place", "gig", "--beat", "stage"]),
            Ok(Opening::Gig(GigBeat::WalkToStage))
        );
    }

    #[test]
    fn a_beat_outside_the_gig_is_refused() {
        let refused = opening(&["stillness", "play", "--place", "house", "--beat", "set"]);
        assert_eq!(
            refused,
            Err("--beat only applies to the gig, not to house".to_string())
        );
    }
}
