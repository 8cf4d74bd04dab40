//! soundgen: deterministically synthesises every Stillness sound asset and documents them in their README.

mod ambience;
mod body;
mod drums;
mod dsp;
mod music;
mod speech;
mod wav;

use rand::SeedableRng;
use rand::rngs::StdRng;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use wav::{Audio, Level};

/// The one seed everything derives from; each asset gets its own stream so editing one never changes another.
const SEED: u64 = 0x5711_1E55;

/// One-shots peak here, leaving headroom for the mixer.
const ONE_SHOT: Level = Level::Peak(-3.0);

/// Loops and beds: RMS in dBFS with a -1 dBFS peak ceiling.
const fn bed(rms: f32) -> Level {
    Level::Rms { rms, ceiling: -1.0 }
}

/// An independent, reproducible random stream per asset (FNV-1a of the file stem mixed into the seed).
fn rng_for(stem: &str) -> StdRng {
    let h = stem.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    StdRng::seed_from_u64(SEED ^ h)
}

/// What the README says about one file.
struct Entry {
    stem: String,
    what: String,
    how: String,
    looping: bool,
    channels: usize,
    seconds: f32,
    rms_db: f32,
    peak_db: f32,
}

/// Normalises, writes and catalogues assets as they are rendered.
struct Book {
    out: PathBuf,
    entries: Vec<Entry>,
}

impl Book {
    fn add(
        &mut self,
        stem: &str,
        looping: bool,
        level: Level,
        mut audio: Audio,
        what: &str,
        how: &str,
    ) -> Result<(), String> {
        wav::normalise(&mut audio, level);
        let path = self.out.join(format!("{stem}.wav"));
        wav::write(&path, &audio, &mut rng_for(&format!("{stem}/dither")))?;
        let to_db = |x: f32| 20.0 * x.max(1e-9).log10();
        let e = Entry {
            stem: stem.to_owned(),
            what: what.to_owned(),
            how: how.to_owned(),
            looping,
            channels: audio.channels.len(),
            seconds: audio.seconds(),
            rms_db: to_db(audio.rms()),
            peak_db: to_db(audio.peak()),
        };
        println!(
            "{:<26} {} {:>6.2} s  RMS {:>6.1} dBFS  peak {:>5.1} dBFS",
            format!("{stem}.wav"),
            if e.channels == 2 { "stereo" } else { "mono  " },
            e.seconds,
            e.rms_db,
            e.peak_db
        );
        self.entries.push(e);
        Ok(())
    }
}

fn kit(book: &mut Book) -> Result<(), String> {
    book.add("kick", false, ONE_SHOT, Audio::mono(drums::kick(&mut rng_for("kick"))), "Kick drum", "Sine swept 150→50 Hz (τ 45 ms), amp τ 320 ms; noise click (1.8–9 kHz, τ 2.5 ms) + 3.2 kHz beater tick; tanh saturation")?;
    book.add("snare", false, ONE_SHOT, Audio::mono(drums::snare(&mut rng_for("snare"))), "Snare drum", "Head modes 195→180, 345→330, 470 Hz; band-passed noise wires (1.5–11 kHz, +5 dB at 5 kHz) τ 150 ms + 12 ms crack; tanh")?;
    book.add("hihat_closed", false, ONE_SHOT, Audio::mono(drums::hihat(&mut rng_for("hihat_closed"), 0.045, 0.25)), "Closed hi-hat", "Six PolyBLEP squares at the 808 ratios (×2: 410.6–1600 Hz), band-pass 9.5 kHz, high-pass 6.5 kHz, plus noise; τ 45 ms")?;
    book.add(
        "hihat_open",
        false,
        ONE_SHOT,
        Audio::mono(drums::hihat(&mut rng_for("hihat_open"), 0.35, 1.0)),
        "Open hi-hat",
        "As the closed hat with τ 350 ms",
    )?;
    book.add(
        "tom_high",
        false,
        ONE_SHOT,
        Audio::mono(drums::tom(&mut rng_for("tom_high"), 165.0, 0.9)),
        "High tom",
        "Membrane modes 1 : 1.59 : 2.14 : 2.30 on 165 Hz, 25 % pitch drop, stick noise; tanh",
    )?;
    book.add(
        "tom_low",
        false,
        ONE_SHOT,
        Audio::mono(drums::tom(&mut rng_for("tom_low"), 95.0, 1.3)),
        "Low (floor) tom",
        "As the high tom on 95 Hz with longer decay",
    )?;
    book.add("crash", false, ONE_SHOT, Audio::mono(drums::crash(&mut rng_for("crash"))), "Crash cymbal", "180 decaying inharmonic partials 500 Hz–18 kHz (energy peaking near 6 kHz) + ring-modulated 808 square cluster + noise wash; high-pass 280 Hz; 3 s")?;
    book.add("ride", false, ONE_SHOT, Audio::mono(drums::ride(&mut rng_for("ride"))), "Ride cymbal", "Bell partials 612/1433/2290/3521 Hz + 140-partial shimmer 1.8–18 kHz + 6.5 kHz stick ping; 2.5 s")?;
    for k in 0..3 {
        let stem = format!("glass_clink_{}", k + 1);
        let a = Audio::mono(ambience::glass_clink(&mut rng_for(&stem), k));
        book.add(&stem, false, ONE_SHOT, a, "Two glasses clinking", "Two detuned glasses × 4 inharmonic partials (ratios 1 : 1.58 : 2.31 : 2.74, 2–6 kHz), τ 50–280 ms, contact bounce, noise tick")?;
    }
    Ok(())
}

fn gig(book: &mut Book) -> Result<(), String> {
    let backing = music::song_backing(&mut rng_for("song_backing"));
    let kick = drums::kick(&mut rng_for("kick"));
    let snare = drums::snare(&mut rng_for("snare"));
    let full = music::song_full_reference(&backing, &kick, &snare);
    book.add(
        "song_backing",
        true,
        bed(-14.0),
        Audio::stereo(backing.0, backing.1),
        "The band's song without the player's kick and snare (see Song grid)",
        "Baritone guitar tuned to B: per note saw + pulse per string, SVF pick filter, two cascaded asymmetric tanh fuzz stages, 4×12 cab EQ; two takes detuned −6/+5 cents panned L/R; sub-octave sine bass; round-robin hats/ride/crash from the kit; feedback whine in bar 8; FDN room",
    )?;
    book.add(
        "song_full_reference",
        false,
        bed(-13.0),
        Audio::stereo(full.0, full.1),
        "Listening reference: bars 1–8 of the backing with kick on 1 & 3 and snare on 2 & 4 (not used in play; not a loop)",
        "`song_backing` + `kick` + `snare` on the grid",
    )?;
    let chatter = ambience::bar_chatter(&mut rng_for("bar_chatter"))?;
    book.add(
        "bar_chatter",
        true,
        bed(-18.0),
        Audio::stereo(chatter.0, chatter.1),
        "The bar before the show: crowd murmur, laughter, glasses",
        "12 espeak-ng voices (en-us m1/m2/m4/m5/m6/f1/f2/f4, en-gb m3/f2, en-gb-scotland m2, en-029 f3) saying 20 invented small-talk lines, band-limited 220 Hz–1.8/3.8 kHz by distance, panned; formant-synth laughter; glass clinks; pink walla bed; FDN club reverb",
    )?;
    let sc = music::soundcheck(&mut rng_for("soundcheck"))?;
    book.add(
        "soundcheck",
        false,
        bed(-16.0),
        Audio::mono(sc),
        "The support act's soundcheck from across the club",
        "espeak-ng en-us+m7 (p 45, 150 wpm) \"Check. Check.\" / \"One, two. One, two.\" / \"Check.\" through a PA chain (EQ, drive, 110/230 ms slapback); E and A power chords strummed through the band's amp model; 2.46 kHz feedback swell muted at 10.6 s; FDN club reverb",
    )?;
    Ok(())
}

fn lines(book: &mut Book) -> Result<(), String> {
    for l in speech::LINES {
        let v = speech::voice_chain(speech::speak(l.voice, l.pitch, l.speed, l.text)?);
        let how = format!(
            "espeak-ng `-v {} -p {} -s {}`; 90 Hz HP, −2.5 dB @ 280 Hz, +3 dB @ 3 kHz, 3:1 compression",
            l.voice, l.pitch, l.speed
        );
        book.add(
            l.stem,
            false,
            ONE_SHOT,
            Audio::mono(v),
            &format!("{}: \"{}\"", l.speaker, l.text),
            &how,
        )?;
    }
    Ok(())
}

fn morning(book: &mut Book) -> Result<(), String> {
    book.add("breath_slow", true, bed(-18.0), Audio::mono(body::breath_slow(&mut rng_for("breath_slow"))), "Slow breathing, heard from inside (inhale 2.3 s, exhale 3 s)", "White noise through time-varying SVF band-passes (nose 1.1→1.8 kHz Q 2; mouth 900→600 Hz Q 0.7) + low-passed brown-noise chest rumble, sin² envelopes")?;
    book.add(
        "heartbeat",
        true,
        ONE_SHOT,
        Audio::mono(body::heartbeat(&mut rng_for("heartbeat"))),
        "One heartbeat at 60 BPM (lub at 0 s, dub at 0.3 s)",
        "Damped sines 62→48 Hz and 81→62 Hz with sub partials + 90 Hz low-passed noise",
    )?;
    book.add("blender", false, bed(-16.0), Audio::mono(ambience::blender(&mut rng_for("blender"))), "Countertop blender: spin-up, ice, slush, off", "Universal motor ≈310 Hz with 13 harmonics + 7× brush whine and rotation-modulated brush noise; 160 ice impacts (band-passed noise 1.5–5 kHz) that load the motor; liquid SVF noise; 700 Hz jar resonance")?;
    book.add("coffee_percolator", true, bed(-18.0), Audio::mono(ambience::coffee_percolator(&mut rng_for("coffee_percolator"))), "Stovetop percolator bubbling in spurts", "Poisson bubbles (decaying sines 300–1800 Hz gliding up), denser in spurts; 160→260 Hz glugs; 3.5 kHz boil hiss; small-room FDN")?;
    book.add("radio", true, bed(-16.0), Audio::mono(music::radio(&mut rng_for("radio"))), "A kitchen radio playing a pop song", "8 bars at 96 BPM: FM e-piano D–A–Bm–G, sine bass, pulse lead, kit; 300–3400 Hz speaker band (4th-order), tanh, band hiss, crackle, slow reception drift")?;
    let (l, r) = ambience::traffic(&mut rng_for("traffic"));
    book.add("traffic", true, bed(-18.0), Audio::stereo(l, r), "Street traffic outside the parked RV", "Brown/pink rumble (25–400 Hz, decorrelated L/R) + 5 passing vehicles: engine harmonics and tyre roar with Doppler pitch c/(c+v_r), 1/r level, distance low-pass, panned along the path")?;
    Ok(())
}

fn house(book: &mut Book) -> Result<(), String> {
    book.add("children_play", true, bed(-20.0), Audio::mono(ambience::children_play(&mut rng_for("children_play"))?), "Children running, jumping and sliding on a wooden floor; distant voices", "Footfalls (75–120 Hz thud + 190/270/420 Hz board modes) on a 97.5 BPM grid (26 beats = 16 s), slide friction noise; espeak-ng child voices (p 99) \"Watch me!\", \"My turn, my turn!\", \"Whee!\", \"Again! Again!\" low-passed to 1.1 kHz; room FDN")?;
    book.add(
        "floor_beat",
        true,
        bed(-14.0),
        Audio::mono(ambience::floor_beat(&mut rng_for("floor_beat"))),
        "The beat felt through the floor: 16 beats at 100 BPM, accent every 4th",
        "Sine 80→50 Hz, τ 160 ms + 120 Hz low-passed noise thump; beat k at sample 28 800·k",
    )?;
    book.add(
        "room_tone_house",
        true,
        bed(-26.0),
        Audio::mono(ambience::room_tone_house(&mut rng_for("room_tone_house"))),
        "Quiet house: air and a fridge hum",
        "Pink noise 40 Hz–1.5 kHz + 60 Hz mains harmonics (60–480 Hz) with 0.25 Hz wobble",
    )?;
    Ok(())
}

fn stillness(book: &mut Book) -> Result<(), String> {
    book.add(
        "blood_rush",
        true,
        bed(-22.0),
        Audio::mono(body::blood_rush(&mut rng_for("blood_rush"))),
        "Blood rushing in the ears, one slow swell per loop, pulse at 60 BPM",
        "Pink noise through a 220–400 Hz SVF low-pass opened on each pulse; 10 s swell",
    )?;
    book.add("tendon_creak", false, ONE_SHOT, Audio::mono(body::tendon_creak(&mut rng_for("tendon_creak"))), "A tendon creaking as a joint moves", "Stick-slip impulse train (35→125→35 Hz, jittered) into resonators 340/870/1650/2600 Hz; 3 kHz low-pass (bone conduction)")?;
    book.add("swallow", false, ONE_SHOT, Audio::mono(body::swallow(&mut rng_for("swallow"))), "A swallow from inside the head", "Wet tongue click, gulp (240→95 Hz damped glide), bolus slide (SVF noise), release click; 4 kHz low-pass")?;
    book.add(
        "blink",
        false,
        ONE_SHOT,
        Audio::mono(body::blink(&mut rng_for("blink"))),
        "A blink: lids meeting, then parting",
        "3.4→2.2 kHz wet chirp + noise tick, then 4 sticky micro-ticks 100 ms later",
    )?;
    book.add(
        "anechoic_tone",
        true,
        bed(-42.0),
        Audio::mono(body::anechoic_tone(&mut rng_for("anechoic_tone"))),
        "The anechoic room's floor: almost nothing",
        "Brown noise 20–150 Hz + a trace of pink air below 1.2 kHz",
    )?;
    Ok(())
}

/// The audiometer's frequencies (Hz); the clinic plays `audiometer_<hz>.wav`.
const AUDIOMETER_HZ: [u32; 6] = [250, 500, 1000, 2000, 4000, 8000];
/// Length of one audiometer tone (s) and of its raised-cosine on and off ramps (s).
const AUDIOMETER_TONE_S: f32 = 1.0;
const AUDIOMETER_RAMP_S: f32 = 0.025;
/// The tones' level: a sine peaking at -3 dBFS reads -3 dBFS (AES17), 97 dB SPL at the ear.
const AUDIOMETER_PEAK_DBFS: f32 = -3.0;

/// A pure tone of `AUDIOMETER_TONE_S` with raised-cosine ramps, phased so that a sample lands on the crest
/// (the sample peak is the sine's true peak at every frequency, so peak normalisation sets it exactly).
fn audiometer_tone(frequency_hz: f32) -> Vec<f32> {
    let n = dsp::secs(AUDIOMETER_TONE_S);
    let ramp_n = dsp::secs(AUDIOMETER_RAMP_S) as f32;
    let samples_per_cycle = dsp::SR / frequency_hz;
    // Offset the phase by a quarter cycle modulo the sample grid so a crest falls on a sample.
    let phase =
        std::f32::consts::FRAC_PI_2 * (samples_per_cycle / 4.0).fract() / (samples_per_cycle / 4.0);
    (0..n)
        .map(|i| {
            let t = i as f32;
            let edge = t.min((n - 1) as f32 - t);
            let envelope = if edge < ramp_n {
                0.5 - 0.5 * (std::f32::consts::PI * edge / ramp_n).cos()
            } else {
                1.0
            };
            let cycles = f64::from(frequency_hz) * f64::from(t) / f64::from(dsp::SR);
            let angle = (std::f64::consts::TAU * cycles.fract()) as f32 + phase;
            envelope * angle.sin()
        })
        .collect()
}

fn clinic(book: &mut Book) -> Result<(), String> {
    for hz in AUDIOMETER_HZ {
        let what = format!(
            "Audiometer tone, {}: pure tone at a fixed {AUDIOMETER_PEAK_DBFS} dBFS (97 dB SPL at the ear); the clinic sets the presentation level with the play volume",
            if hz >= 1000 {
                format!("{} kHz", hz / 1000)
            } else {
                format!("{hz} Hz")
            }
        );
        book.add(
            &format!("audiometer_{hz}"),
            false,
            Level::Peak(AUDIOMETER_PEAK_DBFS),
            Audio::mono(audiometer_tone(hz as f32)),
            &what,
            "Sine, 25 ms raised-cosine on/off ramps, phased so a sample lands on the crest",
        )?;
    }
    book.add(
        "booth_door",
        false,
        ONE_SHOT,
        Audio::mono(ambience::booth_door(&mut rng_for("booth_door"))),
        "The audiologist comes back into the booth: the sealed door unlatches and thuds against its stop, then five steps on the floating floor, nearing",
        "Latch click 2.4 kHz + band-passed seal noise; door thump: damped sines 75→55, 130→110, 420 Hz + 160 Hz low-passed noise; steps at 0.9 s + 0.55 s·k, −16 to −4 dB: heel 95→72 Hz damped sine + 1.2 kHz scuff",
    )?;
    Ok(())
}

/// Writes README.md and lines.txt beside the audio.
fn document(out: &Path, entries: &[Entry]) -> Result<(), String> {
    let mut md = String::new();
    md.push_str(README_HEAD);
    md.push_str("| File | What it is | How it was made | Duration | Loop | Ch | RMS / peak (dBFS) |\n|---|---|---|---|---|---|---|\n");
    for e in entries {
        let _ = writeln!(
            md,
            "| `{}.wav` | {} | {} | {:.2} s | {} | {} | {:.1} / {:.1} |",
            e.stem,
            e.what,
            e.how,
            e.seconds,
            if e.looping { "yes" } else { "no" },
            if e.channels == 2 { "stereo" } else { "mono" },
            e.rms_db,
            e.peak_db
        );
    }
    md.push_str(README_SONG);
    md.push_str("\n## Lines (captions)\n\nAlso in `lines.txt` as `file_stem<TAB>speaker<TAB>text`.\n\n| File | Speaker | Text |\n|---|---|---|\n");
    let mut txt = String::new();
    for l in speech::LINES {
        let _ = writeln!(md, "| `{}.wav` | {} | {} |", l.stem, l.speaker, l.text);
        let _ = writeln!(txt, "{}\t{}\t{}", l.stem, l.speaker, l.text);
    }
    let _ = writeln!(
        md,
        "| `soundcheck.wav` | Support act (PA) | {} |",
        speech::SOUNDCHECK_CAPTION
    );
    let _ = writeln!(
        txt,
        "soundcheck\tSupport act (PA)\t{}",
        speech::SOUNDCHECK_CAPTION
    );
    md.push_str(README_TAIL);
    let write = |name: &str, s: &str| {
        std::fs::write(out.join(name), s).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("README.md", &md)?;
    write("lines.txt", &txt)
}

const README_HEAD: &str = "# Stillness sound assets

Every file here is synthesised by `tools/soundgen` from one fixed seed (`0x5711_1E55`) — no samples, no
third-party recordings. Regenerate with:

```sh
cargo run --release -p soundgen -- --out assets/audio
```

The clinic's sounds alone, its audiometer tones and the booth door (no espeak-ng needed, README untouched):
`cargo run --release -p soundgen -- --out assets/audio --clinic-only`. Each `audiometer_<hz>.wav` is a 1 s
pure tone whose sine peaks at −3 dBFS, so it reads −3 dBFS (AES17) = 97 dB SPL at the ear; the clinic plays it
at `volume_db = level_db_hl − 97` to present `level_db_hl` (dB HL read as dB SPL, as the hearing model does).

All files are 48 kHz, 16-bit PCM WAV (TPDF-dithered), mono unless marked stereo. One-shots peak at −3 dBFS;
loops and beds are set by RMS with a −1 dBFS peak ceiling. Quiet beds (`room_tone_house`, `blood_rush`,
`anechoic_tone`) are deliberately delivered at their intended level, well below the others. Every loop is
seamless: event tails that cross the loop point are wrapped to its start, noise beds are crossfaded into
themselves, and filters and reverbs are run over two cycles so the kept cycle starts in its own end state.

Speech is rendered by espeak-ng (an external program; output can vary slightly between espeak-ng versions),
resampled to 48 kHz with a windowed-sinc filter.

";

const README_SONG: &str = "
## Song grid

`song_backing.wav` is **120 BPM, 4/4, 16 bars = 32.000 s = 1 536 000 samples**, and loops exactly
(`song_full_reference.wav` is its first 8 bars on the same grid, with the kick and snare in). Beat 1 of bar 1 is **sample 0**; one beat is 24 000 samples, one bar 96 000 samples, so beat
*k* (0-based) starts at sample 24 000·*k*. The backing contains no kick and no snare: the player plays them —
**kick on beats 1 and 3** (samples 96 000·*b* and 96 000·*b* + 48 000 for bar *b*), **snare on beats 2 and 4**
(96 000·*b* + 24 000 and + 72 000). The kick and snare one-shots start their transient at their sample 0.
Structure: bars 1–8 a chugging single-note riff with closed hats (open hat on the last eighth of bars 2, 4, 6),
crash on bar 1; bar 8 stops on beat 3 for a feedback swell; bars 9–16 half-time power chords with the ride, crash
on bars 9 and 13; bar 16 runs sixteenths back to the top. Guitar accents land on beats 1 and 3.

`floor_beat.wav` is 100 BPM, 16 beats = 9.6 s, beat *k* at sample 28 800·*k* (accent on beats 0, 4, 8, 12).
`heartbeat.wav` is one beat at 60 BPM (lub at sample 0). `blood_rush.wav` pulses at 60 BPM in step with it.
`children_play.wav` runs at 97.5 BPM (26 beats in 16 s).
";

const README_TAIL: &str = "
## Replacing a file with a real recording

The game refers to every sound by its file stem (`SoundKey(\"kick\")` → `assets/audio/kick.wav`). To use a
recording instead, export it with the same stem and drop it in, replacing the generated file — 44.1 or 48 kHz,
16/24-bit WAV (kira also decodes OGG Vorbis and FLAC; if you use those, check that the loader in `src/audio`
looks for that extension, and delete the `.wav` so the stem stays unambiguous). Keep loops loop-clean and the
same length where the table gives a grid (song, floor beat, heartbeat); keep stereo files stereo. Match the level
convention above, and re-running soundgen will overwrite the file, so commit the recording and stop regenerating
that stem (or remove it from `tools/soundgen/src/main.rs`). If you replace a line, update `lines.txt` and the captions
`line-<stem>` in `assets/locales/*/captions.ftl` if the words change.
";

fn main() {
    let mut out = PathBuf::from("assets/audio");
    let mut clinic_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => match args.next() {
                Some(p) => out = PathBuf::from(p),
                None => fail("--out needs a directory"),
            },
            "--clinic-only" => clinic_only = true,
            "-h" | "--help" => {
                println!(
                    "soundgen [--out DIR] [--clinic-only]  — synthesise every Stillness sound asset into DIR (default assets/audio); --clinic-only writes just the clinic's sounds (the audiometer tones, the booth door) and leaves README.md alone"
                );
                return;
            }
            other => fail(&format!(
                "unknown argument {other:?}; usage: soundgen [--out DIR] [--clinic-only]"
            )),
        }
    }
    let done = if clinic_only {
        only_the_clinic(&out)
    } else {
        run(&out)
    };
    if let Err(e) = done {
        fail(&e);
    }
}

fn run(out: &Path) -> Result<(), String> {
    // Fail before any work if the speech synthesiser is missing, with a message that names it.
    speech::check_espeak()?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut book = Book {
        out: out.to_path_buf(),
        entries: Vec::new(),
    };
    kit(&mut book)?;
    gig(&mut book)?;
    lines(&mut book)?;
    morning(&mut book)?;
    house(&mut book)?;
    stillness(&mut book)?;
    clinic(&mut book)?;
    document(out, &book.entries)
}

/// Just the clinic's sounds (no speech synthesiser needed); the README is not rewritten.
fn only_the_clinic(out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut book = Book {
        out: out.to_path_buf(),
        entries: Vec::new(),
    };
    clinic(&mut book)
}

fn fail(msg: &str) -> ! {
    eprintln!("soundgen: {msg}");
    std::process::exit(1);
}
