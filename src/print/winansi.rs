//! Text to WinAnsiEncoding (Windows-1252), the encoding the standard 14 PDF fonts carry
//! without embedding: it holds æ ø å Æ Ø Å, the other Nordic and Western letters, and the
//! typographic quotes and dashes that word processors put into documents.

/// The Windows-1252 byte of `c`, or `None` if the encoding has no such character.
pub fn byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7E | 0xA0..=0xFF => u8::try_from(u).ok(),
        _ => HIGH.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b),
    }
}

/// Whether `c` prints as itself (a character outside the encoding prints as `?`).
pub fn printable(c: char) -> bool {
    byte(c).is_some()
}

/// Encodes `s`, one byte per character; characters outside the encoding become `?`.
pub fn encode(s: &str) -> Vec<u8> {
    s.chars().map(|c| byte(c).unwrap_or(b'?')).collect()
}

/// Windows-1252's own characters in 0x80–0x9F (the rest of that range is undefined).
const HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_and_typographic_marks_encode() {
        assert_eq!(encode("æøåÆØÅ"), vec![0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5]);
        assert_eq!(encode("«–»"), vec![0xAB, 0x96, 0xBB]);
        assert_eq!(encode("a€z"), vec![b'a', 0x80, b'z']);
    }

    #[test]
    fn characters_outside_the_encoding_become_question_marks() {
        assert_eq!(encode("Ω\u{7}\u{1F600}"), b"???".to_vec());
        assert!(!printable('\u{81}'));
    }
}
