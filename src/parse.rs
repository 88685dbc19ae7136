//! Pure note parsing: markdown text in, win entries out (pulldown-cmark events only).
