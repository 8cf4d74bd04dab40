//! Parses the command line, builds the app and runs it.

use bevy::prelude::*;
use clap::Parser;
use stillness::{
    AppPlugin, Opening,
    cli::{Cli, Command, ExhibitArgs, RenderArgs},
    exhibit::{ExhibitConfig, ExhibitPlugin, PinHash, StopRequest},
    render::{check_writable, walk_through, webvtt, write_text, write_wav},
};

fn main() -> AppExit {
    find_assets();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Hear(args)) => return finish(args.run()),
        Some(Command::Render(args)) => return finish(render(args)),
        Some(Command::Exhibit(args)) => return exhibit(args),
        _ => {}
    }
    let opening = match cli.opening() {
        Ok(opening) => opening,
        Err(why) => {
            eprintln!("stillness: {why}");
            return AppExit::error();
        }
    };
    let mut app = App::new();
    app.add_plugins(AppPlugin {
        headless: false,
        opening,
        kiosk: false,
    });
    if let Some(beat) = cli.gig_opening() {
        app.insert_resource(beat);
    }
    app.run()
}

fn exhibit(args: &ExhibitArgs) -> AppExit {
    if let Some(pin) = &args.hash_pin {
        let salt: [u8; 16] = rand::random();
        println!("pin_hash = \"{}\"", PinHash::new(pin, &salt));
        return AppExit::Success;
    }
    let Some(path) = &args.config else {
        return AppExit::error();
    };
    let config = match ExhibitConfig::load(path) {
        Ok(config) => config,
        Err(why) => {
            eprintln!("stillness: {why}");
            eprintln!("stillness: the station did not start: fix the settings file and try again.");
            return AppExit::error();
        }
    };
    if args.check {
        println!("{}: the settings are good", path.display());
        return AppExit::Success;
    }
    let stop = StopRequest::default();
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        if let Err(why) = signal_hook::flag::register(signal, stop.0.clone()) {
            eprintln!("stillness: a stop would not be recorded in the log ({why})");
        }
    }
    App::new()
        .add_plugins((
            AppPlugin {
                headless: args.headless,
                opening: Opening::Title,
                kiosk: !args.windowed && !args.headless,
            },
            ExhibitPlugin { config },
        ))
        .insert_resource(stop)
        .run()
}

/// Bevy looks for `assets/` beside the executable unless told otherwise; an installed or copied
/// binary usually runs from the project folder instead, so look there too.
fn find_assets() {
    if std::env::var_os("BEVY_ASSET_ROOT").is_some()
        || std::env::var_os("CARGO_MANIFEST_DIR").is_some()
    {
        return;
    }
    let beside_executable = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf));
    let candidates = beside_executable
        .into_iter()
        .chain(std::env::current_dir().ok());
    if let Some(root) = candidates
        .into_iter()
        .find(|dir| dir.join("assets").is_dir())
    {
        // SAFETY: nothing else runs yet; no thread can read the environment concurrently.
        unsafe { std::env::set_var("BEVY_ASSET_ROOT", root) };
    }
}

fn render(args: &RenderArgs) -> Result<String, String> {
    for path in [
        Some(&args.out),
        args.room_out.as_ref(),
        args.captions_out.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        check_writable(path)?;
    }
    let walk = walk_through(args.place, args.seconds, args.language, args.caption_mode)?;
    write_wav(&args.out, &walk.render.heard)?;
    if let Some(room_out) = &args.room_out {
        write_wav(room_out, &walk.render.room)?;
    }
    if let Some(captions_out) = &args.captions_out {
        write_text(captions_out, &webvtt(&walk.cues))?;
    }
    Ok(format!(
        "{}: {:.1} s as heard",
        args.out.display(),
        args.seconds
    ))
}

fn finish(result: Result<String, String>) -> AppExit {
    match result {
        Ok(done) => {
            println!("{done}");
            AppExit::Success
        }
        Err(why) => {
            eprintln!("stillness: {why}");
            AppExit::error()
        }
    }
}
