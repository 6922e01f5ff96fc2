//! Room codes and team tokens: random, from the operating system's generator, and compared in
//! constant time so a guess learns nothing from how long a refusal takes.

use rand::Rng;
use rand::distr::Alphanumeric;

/// Letters and digits a person reads off a projector without confusing them (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// Six characters from [`CODE_ALPHABET`].
pub fn new_room_code() -> String {
    let mut rng = rand::rng();
    (0..6)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// 24 random letters and digits (about 143 bits).
pub fn new_token() -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(24)
        .map(char::from)
        .collect()
}

/// Whether two secrets are equal, taking the same time wherever they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tokens_are_fresh_and_compare_exactly() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 24);
        assert_ne!(a, b);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..23]));
        let code = new_room_code();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)));
    }
}
