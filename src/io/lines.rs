//! Finds the line of every field path in RON text (`states[3].localisation` → 58), so validation
//! problems found after parsing can still point at a line of the file.

use std::collections::HashMap;

/// Field path → line (1-based) of where its value starts in the text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `(name: value, …)` — also the file's top level.
    Struct,
    /// `[a, b, …]`.
    Seq,
    /// `(a, b, …)`; a named one like `States([…])` is transparent (adds no index).
    Tuple { indexed: bool },
    /// `{key: value, …}`.
    Map,
}

struct Frame {
    kind: Kind,
    path: String,
    index: usize,
    field: Option<String>,
    element_recorded: bool,
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn bump(&mut self) {
        if self.b.get(self.i) == Some(&b'\n') {
            self.line += 1;
        }
        self.i += 1;
    }

    /// Skips whitespace and comments (line comments and nested block comments).
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.bump(),
                Some(b'/') if self.b.get(self.i + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.bump();
                    }
                }
                Some(b'/') if self.b.get(self.i + 1) == Some(&b'*') => {
                    self.i += 2;
                    let mut depth = 1;
                    while depth > 0 && self.peek().is_some() {
                        if self.peek() == Some(b'*') && self.b.get(self.i + 1) == Some(&b'/') {
                            depth -= 1;
                            self.i += 2;
                        } else if self.peek() == Some(b'/') && self.b.get(self.i + 1) == Some(&b'*')
                        {
                            depth += 1;
                            self.i += 2;
                        } else {
                            self.bump();
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_string(&mut self) {
        self.bump(); // opening quote
        while let Some(c) = self.peek() {
            if c == b'\\' {
                self.bump();
                self.bump();
                continue;
            }
            self.bump();
            if c == b'"' {
                return;
            }
        }
    }

    fn skip_raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        while self.peek().is_some() {
            if self.peek() == Some(b'"')
                && self.b[self.i + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&c| c == b'#')
                    .count()
                    == hashes
            {
                self.bump();
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
            self.bump();
        }
    }

    fn read_ident(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        {
            self.bump();
        }
        String::from_utf8_lossy(&self.b[start..self.i]).into_owned()
    }

    /// Whether the text after `(` starts with `ident:` (a struct) rather than a value (a tuple).
    fn struct_follows(&self) -> bool {
        let mut probe = Scanner {
            b: self.b,
            i: self.i,
            line: self.line,
        };
        probe.skip_trivia();
        if !probe
            .peek()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        {
            return false;
        }
        probe.read_ident();
        probe.skip_trivia();
        probe.peek() == Some(b':') && probe.b.get(probe.i + 1) != Some(&b':')
    }
}

impl LineIndex {
    /// Scans RON text. Malformed text gives a partial index, never a panic.
    pub fn build(text: &str) -> Self {
        let mut index = LineIndex::default();
        let mut sc = Scanner {
            b: text.as_bytes(),
            i: 0,
            line: 1,
        };
        let mut stack: Vec<Frame> = Vec::new();
        let mut named_value = false;
        loop {
            sc.skip_trivia();
            let Some(c) = sc.peek() else { break };
            let line = sc.line;
            match c {
                b'(' | b'[' | b'{' => {
                    if !named_value {
                        index.value_start(&mut stack, line);
                    }
                    let path = value_path(&stack);
                    sc.bump();
                    let kind = match c {
                        b'[' => Kind::Seq,
                        b'{' => Kind::Map,
                        _ if sc.struct_follows() => Kind::Struct,
                        _ => Kind::Tuple {
                            indexed: !named_value,
                        },
                    };
                    named_value = false;
                    stack.push(Frame {
                        kind,
                        path,
                        index: 0,
                        field: None,
                        element_recorded: false,
                    });
                }
                b')' | b']' | b'}' => {
                    sc.bump();
                    stack.pop();
                    named_value = false;
                }
                b',' => {
                    sc.bump();
                    if let Some(top) = stack.last_mut() {
                        top.index += 1;
                        top.element_recorded = false;
                    }
                    named_value = false;
                }
                b'"' => {
                    index.value_start(&mut stack, line);
                    sc.skip_string();
                }
                b'r' if matches!(sc.b.get(sc.i + 1), Some(b'#') | Some(b'"')) => {
                    index.value_start(&mut stack, line);
                    sc.skip_raw_string();
                }
                b'\'' => {
                    index.value_start(&mut stack, line);
                    sc.bump();
                    while sc.peek().is_some_and(|c| c != b'\'') {
                        if sc.peek() == Some(b'\\') {
                            sc.bump();
                        }
                        sc.bump();
                    }
                    sc.bump();
                }
                b'#' => {
                    // An attribute like #![enable(implicit_some)].
                    while sc.peek().is_some_and(|c| c != b']') {
                        sc.bump();
                    }
                    sc.bump();
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let ident = sc.read_ident();
                    sc.skip_trivia();
                    let keyed = matches!(
                        stack.last().map(|f| f.kind),
                        Some(Kind::Struct) | Some(Kind::Map)
                    );
                    if keyed && sc.peek() == Some(b':') && sc.b.get(sc.i + 1) != Some(&b':') {
                        sc.bump();
                        if let Some(top) = stack.last_mut() {
                            let path = join(&top.path, &ident);
                            index.lines.entry(path.clone()).or_insert(line);
                            top.field = Some(path);
                        }
                    } else {
                        index.value_start(&mut stack, line);
                        named_value = sc.peek() == Some(b'(');
                    }
                }
                _ => {
                    // Numbers and anything else: a value token.
                    index.value_start(&mut stack, line);
                    sc.bump();
                    while sc
                        .peek()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || b"._+-".contains(&c))
                    {
                        sc.bump();
                    }
                }
            }
        }
        index
    }

    fn value_start(&mut self, stack: &mut [Frame], line: usize) {
        let path = value_path(stack);
        if let Some(top) = stack.last_mut() {
            let indexed = matches!(top.kind, Kind::Seq | Kind::Tuple { indexed: true });
            if indexed && !top.element_recorded {
                top.element_recorded = true;
                self.lines.entry(path).or_insert(line);
            }
        }
    }

    /// Line of a field path, or of its nearest recorded parent.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(line) = self.lines.get(p) {
                return Some(*line);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
            if p.is_empty() {
                return None;
            }
        }
    }
}

/// Where the next value in the innermost frame belongs.
fn value_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => String::new(),
        Some(top) => match top.kind {
            Kind::Struct | Kind::Map => top.field.clone().unwrap_or_else(|| top.path.clone()),
            Kind::Seq | Kind::Tuple { indexed: true } => format!("{}[{}]", top.path, top.index),
            Kind::Tuple { indexed: false } => top.path.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_list_elements() {
        let text = "(\n  version: 1,\n  states: [\n    (\n      code: \"A\",\n      localisation: 0.5,\n    ),\n    (\n      code: \"B\", // a comment (with: colon)\n      alignment: [0.1, 0.9],\n    ),\n  ],\n  levers: [(targets: States([\"A\",\n \"B\"]))],\n)";
        let idx = LineIndex::build(text);
        assert_eq!(idx.line_of("version"), Some(2));
        assert_eq!(idx.line_of("states[0].localisation"), Some(6));
        assert_eq!(idx.line_of("states[1].code"), Some(9));
        assert_eq!(idx.line_of("states[1].alignment[1]"), Some(10));
        assert_eq!(idx.line_of("levers[0].targets[1]"), Some(14));
        // Unknown leaves fall back to their parent.
        assert_eq!(idx.line_of("states[1].governance"), Some(8));
    }

    #[test]
    fn malformed_text_gives_a_partial_index() {
        for text in [
            "",
            "((((",
            ")))",
            "(a: \"unterminated",
            "r#\"x",
            "(x: [1, 2,",
            "/* open",
        ] {
            let _ = LineIndex::build(text).line_of("a");
        }
    }
}
