//! A one-line text field with a cursor: a field's value, a file name.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in characters, 0..=len.
    pub cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Submit,
    Cancel,
    Edited,
    Ignored,
}

impl LineInput {
    /// A field holding `text`, the cursor after it.
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Byte offset of character position `at`.
    fn byte(&self, at: usize) -> usize {
        self.text
            .char_indices()
            .nth(at)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn key(&mut self, key: &KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Outcome::Submit,
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.len(),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < self.len() => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return Outcome::Ignored,
        }
        Outcome::Edited
    }

    /// The text split at the cursor: before, the character under it (a space at the end),
    /// after.
    pub fn split(&self) -> (String, String, String) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let mut rest = self.text.chars().skip(self.cursor);
        let at = rest.next().map_or_else(|| " ".to_string(), String::from);
        (before, at, rest.collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode) -> Outcome {
        input.key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn edits_in_the_middle_of_multibyte_text() {
        let mut input = LineInput::new("a→b");
        press(&mut input, KeyCode::Left);
        press(&mut input, KeyCode::Backspace);
        assert_eq!(input.text, "ab");
        press(&mut input, KeyCode::Char('é'));
        assert_eq!(input.text, "aéb");
        press(&mut input, KeyCode::Home);
        press(&mut input, KeyCode::Delete);
        assert_eq!((input.text.as_str(), input.cursor), ("éb", 0));
        press(&mut input, KeyCode::End);
        assert_eq!(press(&mut input, KeyCode::Delete), Outcome::Edited);
        assert_eq!(
            input.split(),
            ("éb".to_string(), " ".to_string(), String::new())
        );
        assert_eq!(press(&mut input, KeyCode::Enter), Outcome::Submit);
    }

    #[test]
    fn ctrl_u_clears() {
        let mut input = LineInput::new("1000");
        input.key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!((input.text.as_str(), input.cursor), ("", 0));
    }
}
