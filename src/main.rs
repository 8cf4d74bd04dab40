//! Parses the command line, builds the app and runs it.

use bevy::prelude::*;
use clap::Parser;
use stillness::{AppPlugin, cli::Cli};

fn main() -> AppExit {
    let cli = Cli::parse();
    let opening = match cli.opening() {
        Ok(opening) => opening,
        Err(why) => {
            eprintln!("stillness: {why}");
            return AppExit::error();
        }
    };
    App::new()
        .add_plugins(AppPlugin {
            headless: false,
            opening,
        })
        .run()
}
