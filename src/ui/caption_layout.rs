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
/// word longer than a line is broken inside it, the only way it fits). Where a line runs on into the next
/// caption, the caption ends where the sentence (or else a clause) does, as a subtitler would break it,
/// unless that would leave it under half a line.
pub fn pages(text: &str, width: usize) -> Vec<Page> {
    let width = width.max(1);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut pages = Vec::new();
    let mut rest = &words[..];
    while !rest.is_empty() {
        let fit = words_on_a_page(rest, width);
        let taken = if fit < rest.len() {
            natural_end(&rest[..fit], width)
        } else {
            fit
        };
        let lines = lines_of(&rest[..taken], width);
        pages.extend(lines.chunks(MOST_LINES).map(|lines| Page {
            lines: lines.to_vec(),
        }));
        rest = &rest[taken..];
    }
    pages
}

/// How many of `words` one caption holds (at least one: a word too long for a whole caption goes on in
/// the next one).
fn words_on_a_page(words: &[&str], width: usize) -> usize {
    let mut fit = 1;
    while fit < words.len() && lines_of(&words[..=fit], width).len() <= MOST_LINES {
        fit += 1;
    }
    fit
}

/// Where a full caption of `words` ends best: after its last sentence, else its last clause, if at least
/// half a line comes before; else where it is full.
fn natural_end(words: &[&str], width: usize) -> usize {
    const SENTENCE_ENDS: &[char] = &['.', '?', '!', '…'];
    const CLAUSE_ENDS: &[char] = &[',', ';', ':', '–', '—'];
    let long_enough = |taken: usize| {
        let chars: usize = words[..taken].iter().map(|w| w.chars().count() + 1).sum();
        chars > width / 2
    };
    let last_ending = |ends: &[char]| {
        (1..words.len())
            .rev()
            .find(|&taken| words[taken - 1].ends_with(ends) && long_enough(taken))
    };
    last_ending(SENTENCE_ENDS)
        .or_else(|| last_ending(CLAUSE_ENDS))
        .unwrap_or(words.len())
}

/// `words` on lines of at most `width` characters.
fn lines_of(words: &[&str], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
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
        assert_eq!(pages[0].text(), "We open with the long one tonight,");
        assert!(pages.iter().all(|page| page.lines.len() <= MOST_LINES));
        let again: Vec<String> = pages.iter().flat_map(|page| page.lines.clone()).collect();
        assert_eq!(again.join(" "), said);
    }

    #[test]
    fn a_caption_that_runs_on_ends_where_its_sentence_or_clause_does() {
        // Beside "La chanteuse : ", 25 characters a line: filled whole, the first caption ended on "Les".
        let said = "Tu peux empiler les t-shirts par taille ? Les M d'abord, toujours.";
        let texts: Vec<String> = pages(said, 25).iter().map(Page::text).collect();
        assert_eq!(
            texts,
            [
                "Tu peux empiler les\nt-shirts par taille ?",
                "Les M d'abord, toujours."
            ]
        );
        let said =
            "When the lights come up and the room goes loud, count us in slow and keep it steady";
        let texts: Vec<String> = pages(said, 40).iter().map(Page::text).collect();
        assert_eq!(texts[0], "When the lights come up and the room\ngoes loud,");
        // Not when it would leave a caption of a word or two.
        let said = "No. We open with the long one tonight so count us in slow and keep it steady until the end.";
        assert!(pages(said, 40)[0].lines.len() == MOST_LINES);
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
