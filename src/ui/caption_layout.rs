//! How a caption is laid out and how long it stays, after the subtitling guidelines (BBC, XAG 104): at
//! most two lines of about 40 characters, broken between words, and on screen long enough to be read at
//! 16 characters a second, never less than a second and a half. Pure: no Bevy; measured on the words in
//! the language shown, so a German line gets the time its German words need.

/// The most characters on a line, name of the speaker included.
pub const LINE_CHARS: usize = 40;
/// The most lines one caption holds; a longer line goes on in the captions after it.
pub const MOST_LINES: usize = 2;
/// Reading speed, characters a second (the guidelines ask for 15-17).
pub const READING_CPS: f32 = 16.0;
/// No caption is gone before this, however short.
pub const SHORTEST_S: f32 = 1.5;

/// One caption's share of what was said: at most [`MOST_LINES`] lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub lines: Vec<String>,
}

impl Page {
    /// Its lines, one under the other.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The characters a reader reads, spaces included, line breaks not.
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|line| line.chars().count()).sum()
    }
}

/// `text` as consecutive captions whose lines hold at most `width` characters, broken between words (a
/// word longer than a line is broken inside it, the only way it fits).
pub fn pages(text: &str, width: usize) -> Vec<Page> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        if word.is_empty() {
            continue;
        }
        let fits = line.is_empty() || line.chars().count() + 1 + word.len() <= width;
        if !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .chunks(MOST_LINES)
        .map(|lines| Page {
            lines: lines.to_vec(),
        })
        .collect()
}

/// How long `chars` characters stay on screen.
pub fn reading_s(chars: usize) -> f32 {
    (chars as f32 / READING_CPS).max(SHORTEST_S)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_breaks_between_words_into_captions_of_two_lines() {
        let said = "We open with the long one tonight, so count us in slow and keep it steady until the chorus comes round again.";
        let pages = pages(said, LINE_CHARS);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines[0], "We open with the long one tonight, so");
        assert!(pages.iter().all(|page| page.lines.len() <= MOST_LINES));
        let again: Vec<String> = pages.iter().flat_map(|page| page.lines.clone()).collect();
        assert_eq!(again.join(" "), said);
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_inside_it() {
        let pages = pages(&"x".repeat(90), 40);
        let lengths: Vec<usize> = pages
            .iter()
            .flat_map(|page| page.lines.iter().map(|line| line.len()))
            .collect();
        assert_eq!(lengths, [40, 40, 10]);
    }

    #[test]
    fn short_captions_stay_the_shortest_time_and_long_ones_their_reading_time() {
        assert_eq!(reading_s(8), SHORTEST_S);
        assert_eq!(reading_s(64), 4.0);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_laid_out_within_the_rule_and_nothing_is_lost(
            words in proptest::collection::vec("[a-zäöüßéñç…]{1,14}", 0..60),
            width in 20usize..=40,
        ) {
            let said = words.join(" ");
            let pages = pages(&said, width);
            for page in &pages {
                proptest::prop_assert!(!page.lines.is_empty() && page.lines.len() <= MOST_LINES);
                for line in &page.lines {
                    proptest::prop_assert!(line.chars().count() <= width, "{line:?}");
                }
                let cps = page.chars() as f32 / reading_s(page.chars());
                proptest::prop_assert!(
                    (15.0..=17.0).contains(&cps) || reading_s(page.chars()) == SHORTEST_S
                );
            }
            let again: Vec<String> = pages.iter().flat_map(|page| page.lines.clone()).collect();
            proptest::prop_assert_eq!(again.join(" "), said);
        }
    }
}
